/**
 * From an evaluation to a deployment: turns an evaluation into a deployment request (unit records, store
 * archives from the repository it was read from) and runs it. When the targets run IDs its prior IDs do
 * not hold (ids.json deleted or edited), it evaluates the models once more with the running IDs first, so
 * that no running service's ID changes because of what ids.json says.
 */
import { evaluateModels, type Evaluation } from '../core/evaluate.ts';
import { emptyIds, withRunningIds, type IdsDocument } from '../core/ids.ts';
import type { RepoReader } from '../core/models/repo-reader.ts';
import type { Plan } from '../core/plan.ts';
import { formatProblem } from '../core/problems.ts';
import { rollingServices } from '../core/rollout.ts';
import { DEFAULT_LEASE_TERMS, type LeaseTerms } from '../core/lease.ts';
import { deploy, DeployError, RunningIdsError, type DeployContext, type DeployResult } from './deploy.ts';
import { deployedUnitOf } from './manifest.ts';
import { storeEntriesOf, tarOf, type StoreEntry } from './store.ts';

/** A deployment, with the evaluation it deployed (the one given, or its revision with the running IDs). */
export interface AppliedEvaluation extends DeployResult {
  evaluation: Evaluation;
}

/** What a deployment of an evaluation is told and tells. */
interface ApplyOptions {
  /** The commit the models come from. */
  commit?: string;
  /** Told the plan and the evaluation it comes from, once the targets' state is known. */
  onPlan?: (plan: Plan, evaluation: Evaluation) => void;
  /** Units not started again even when they do not run. */
  leaveAlone?: ReadonlySet<string>;
  /** Deploys to these targets only, leaving the others as they are (healing some targets). */
  onlyTargets?: ReadonlySet<string>;
  /** What unreachable targets are known to run (see DeployRequest.knownRunning). */
  knownRunning?: ReadonlyMap<string, { digest: string; generation: number }>;
  /** Unreachable targets whose copies moved, and why (see DeployRequest.failedOver). */
  failedOver?: ReadonlyMap<string, string>;
  /** The terms of exclusive services' leases (default DEFAULT_LEASE_TERMS), and who is told each one sent. */
  leases?: { terms: LeaseTerms; sent?(target: string, expiry: number): void };
}

/**
 * Deploys an evaluated models repository (`repo` is what it was read from: packages ship from there).
 * Evaluation has checked that drover can activate every unit (or that it is a package).
 */
export async function applyEvaluation(
  evaluation: Evaluation,
  repo: RepoReader,
  context: DeployContext,
  options: ApplyOptions = {},
): Promise<AppliedEvaluation> {
  try {
    return await deployOnce(evaluation, repo, context, options);
  } catch (error) {
    if (!(error instanceof RunningIdsError)) throw error;
    const priorIds = withRunningIds(evaluation.input.priorIds ?? emptyIds(), error.running);
    context.log.warn(
      { running: error.running.ids },
      `ids.json does not hold the IDs the targets run (${describeIds(error.running)}): assigning again, keeping those`,
    );
    const revised = evaluateModels(repo, { ...evaluation.input, priorIds });
    if (!revised.ok) {
      const problems = revised.problems.map((p) => formatProblem(p)).join('; ');
      throw new DeployError(`the IDs the targets run do not fit the models: ${problems}`);
    }
    // Once only: a target whose IDs changed again meanwhile ends the run (nothing was changed).
    return await deployOnce(revised.value, repo, context, options);
  }
}

/** One deployment of `evaluation`, refused (RunningIdsError) when the targets run IDs it did not keep. */
async function deployOnce(
  evaluation: Evaluation,
  repo: RepoReader,
  context: DeployContext,
  options: ApplyOptions,
): Promise<AppliedEvaluation> {
  const entries = new Map<string, Map<string, StoreEntry>>();
  const desired = evaluation.units.map((unit) => {
    const unitEntries = storeEntriesOf(unit, repo);
    const forTarget = entries.get(unit.target) ?? new Map<string, StoreEntry>();
    for (const entry of unitEntries) forTarget.set(entry.name, entry);
    entries.set(unit.target, forTarget);
    return deployedUnitOf(
      unit,
      unitEntries,
      evaluation.models.services.get(unit.service)?.spec.deployState === true,
    );
  });
  const onPlan = options.onPlan;
  const only = options.onlyTargets;
  const result = await deploy(
    {
      targets: [...evaluation.models.targets.values()].filter((t) => !only || only.has(t.name)),
      desired: only ? desired.filter((u) => only.has(u.target)) : desired,
      pack: (target, names) => tarOf(names.map((n) => entries.get(target)!.get(n)!)),
      priorIds: evaluation.input.priorIds ?? emptyIds(),
      ...(options.commit !== undefined ? { commit: options.commit } : {}),
      ...(options.leaveAlone !== undefined ? { leaveAlone: options.leaveAlone } : {}),
      ...(options.knownRunning !== undefined ? { knownRunning: options.knownRunning } : {}),
      ...(options.failedOver !== undefined ? { failedOver: options.failedOver } : {}),
      rolling: rollingServices(evaluation.models),
      leases: { terms: DEFAULT_LEASE_TERMS, ...options.leases, services: exclusiveServices(evaluation) },
    },
    onPlan ? { ...context, onPlan: (plan) => onPlan(plan, evaluation) } : context,
  );
  return { ...result, evaluation };
}

/** The services that run under a lease (`exclusive`). */
export function exclusiveServices(evaluation: Evaluation): Set<string> {
  return new Set(
    [...evaluation.models.services.values()].filter((s) => s.spec.exclusive === true).map((s) => s.name),
  );
}

/** The exclusive services' copies by target: what runs under a lease where. */
export function exclusiveCopies(evaluation: Evaluation): Map<string, string[]> {
  const exclusive = exclusiveServices(evaluation);
  const out = new Map<string, string[]>();
  for (const unit of evaluation.units)
    if (exclusive.has(unit.service)) out.set(unit.target, [...(out.get(unit.target) ?? []), unit.service]);
  return out;
}

/** IDs for a message, `pool: service id, service id; pool: ...`, with at most `shown` services. */
function describeIds(ids: IdsDocument, shown = 8): string {
  let left = shown;
  let hidden = 0;
  const pools: string[] = [];
  for (const [pool, services] of Object.entries(ids.ids)) {
    const entries = Object.entries(services);
    const listed = entries.slice(0, Math.max(left, 0));
    hidden += entries.length - listed.length;
    left -= listed.length;
    if (listed.length > 0) pools.push(`${pool}: ${listed.map(([s, id]) => `${s} ${id}`).join(', ')}`);
  }
  return `${pools.join('; ')}${hidden > 0 ? `; and ${hidden} more` : ''}`;
}
