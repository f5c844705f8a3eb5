/**
 * Reviewing a pull request: the plan from the deployed state at the base (its status.json and ids.json)
 * to the models at the head, both read from git objects (nothing is checked out), and the sticky comment
 * that shows it. Nothing of the head is executed: templates are logic-less, and the models are only read.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import type { PlanFile } from '../../schema/generated/plan.ts';
import {
  deployedUnitsIn,
  IDS_FILE,
  idsIn,
  PLACEMENTS_FILE,
  placementsIn,
  STATUS_FILE,
} from '../core/documents.ts';
import { evaluateModels, type Evaluation } from '../core/evaluate.ts';
import { emptyIds } from '../core/ids.ts';
import { ModelError } from '../core/problems.ts';
import { planDocument } from '../core/plan.ts';
import { GitRepository } from './git-repository.ts';

/** The plan of a pull request, and the desired units (for the architecture diagram). */
export interface ReviewPlan {
  plan: PlanFile;
  desired: Evaluation;
}

/** Plans `head` against what `base` says is deployed, in the git repository at `checkout`. */
export async function planBetween(checkout: string, base: string, head: string): Promise<ReviewPlan> {
  const repository = await GitRepository.open(checkout, 'main', join(tmpdir(), 'drover-review-cache'));
  const [baseOid, headOid] = await Promise.all([repository.resolve(base), repository.resolve(head)]);
  const [baseTree, headTree] = await Promise.all([repository.tree(baseOid), repository.tree(headOid)]);
  const statusText = baseTree.readText(STATUS_FILE);
  const deployed = statusText === undefined ? [] : deployedUnitsIn(statusText, `${base}:${STATUS_FILE}`);
  const priorIds = idsIn(baseTree.readText(IDS_FILE), `${base}:${IDS_FILE}`) ?? emptyIds();
  const priorPlacements = placementsIn(baseTree.readText(PLACEMENTS_FILE), `${base}:${PLACEMENTS_FILE}`);
  const result = evaluateModels(
    headTree,
    { priorIds, ...(priorPlacements ? { priorPlacements } : {}) },
    'hashes',
  );
  // Name the files as they are in the repository, at the head.
  if (!result.ok) throw new ModelError(result.problems.map((p) => ({ ...p, file: `${head}:${p.file}` })));
  return { plan: planDocument(deployed, result.value, priorIds), desired: result.value };
}

/** Marks drover's comment, so that it is updated rather than repeated. */
export const COMMENT_MARKER = '<!-- drover-plan -->';

/** Creates or updates the one drover comment on a pull request; returns its URL. */
export async function stickyComment(options: {
  repository: string;
  pullRequest: number;
  body: string;
  token: string;
  apiUrl?: string;
}): Promise<{ url: string; created: boolean }> {
  const [owner, repo] = options.repository.split('/');
  if (!owner || !repo) throw new Error(`--github must be OWNER/REPO, got '${options.repository}'`);
  const octokit = new Octokit({
    auth: options.token,
    ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
  });
  const body = `${COMMENT_MARKER}\n${options.body}`;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: options.pullRequest,
    per_page: 100,
  });
  const mine = comments.find((c) => c.body?.startsWith(COMMENT_MARKER));
  if (mine) {
    const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
    return { url: data.html_url, created: false };
  }
  const { data } = await octokit.rest.issues.createComment({
    owner,
    repo,
    issue_number: options.pullRequest,
    body,
  });
  return { url: data.html_url, created: true };
}
