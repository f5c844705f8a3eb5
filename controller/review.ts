/**
 * Reviewing a pull request: the plan from the deployed state at the base (its status.json and ids.json)
 * to the models at the head, read from the git objects of a checkout, and the sticky comment that shows
 * it. Nothing of the head is executed: templates are logic-less, and the models are only read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import type { PlanFile } from '../schema/generated/plan.ts';
import { deployedUnitsIn, idsIn } from './documents.ts';
import type { Evaluation } from './evaluate.ts';
import { ModelsRepository } from './git/models-repository.ts';
import { emptyIds } from './ids.ts';
import { ModelError } from './problems.ts';
import { planDocument } from './plan.ts';
import { evaluateDirectory, IDS_FILE, STATUS_FILE } from './repository.ts';

/** The plan of a pull request, and the desired units (for the architecture diagram). */
export interface ReviewPlan {
  plan: PlanFile;
  desired: Evaluation;
}

/** Plans `head` against what `base` says is deployed, in the git repository at `checkout`. */
export async function planBetween(checkout: string, base: string, head: string): Promise<ReviewPlan> {
  const repository = await ModelsRepository.open(checkout, 'main', join(tmpdir(), 'drover-review-cache'));
  const [baseOid, headOid] = await Promise.all([repository.resolve(base), repository.resolve(head)]);
  const statusText = await repository.readFile(baseOid, STATUS_FILE);
  const deployed = statusText === undefined ? [] : deployedUnitsIn(statusText, `${base}:${STATUS_FILE}`);
  const priorIds = idsIn(await repository.readFile(baseOid, IDS_FILE), `${base}:${IDS_FILE}`) ?? emptyIds();
  const dir = mkdtempSync(join(tmpdir(), 'drover-review-'));
  try {
    await repository.checkout(headOid, dir);
    let desired: Evaluation;
    try {
      desired = evaluateDirectory(dir, priorIds);
    } catch (error) {
      // Name the files as they are in the repository, at the head.
      if (!(error instanceof ModelError)) throw error;
      throw new ModelError(
        error.problems.map((p) => ({ ...p, file: `${head}:${p.file.slice(dir.length + 1)}` })),
      );
    }
    return { plan: planDocument(deployed, desired, priorIds), desired };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
