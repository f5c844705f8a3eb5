/**
 * `drover apply` without the command line: evaluates nothing itself, but turns an evaluation into a
 * deployment request (unit records, store archives from the repository), runs it, and makes the
 * status.json document of the outcome.
 */
import type { StatusFile } from '../../schema/generated/status.ts';
import type { Evaluation } from '../evaluate.ts';
import { compareStrings } from '../problems.ts';
import { unitId } from '../units.ts';
import { deploy, DeployError, type DeployContext, type DeployResult } from './deploy.ts';
import { deployedUnitOf } from './manifest.ts';
import { storeEntriesOf, tarOf, type StoreEntry } from './store.ts';

/** Deploys an evaluated models repository (`repoDir` holds its packages). */
export async function applyEvaluation(
  evaluation: Evaluation,
  repoDir: string,
  context: DeployContext,
  commit?: string,
): Promise<DeployResult> {
  const cannot = evaluation.units.filter((u) => !u.rendered && u.spec.manager !== 'package');
  if (cannot.length > 0) {
    const list = cannot.map((u) => `${unitId(u)} (manager '${u.spec.manager}')`).join(', ');
    throw new DeployError(
      `drover cannot activate ${list}: give the container a processManager drover knows, or place it in 'package'`,
    );
  }
  const entries = new Map<string, Map<string, StoreEntry>>();
  const desired = evaluation.units.map((unit) => {
    const unitEntries = storeEntriesOf(unit, repoDir);
    const forTarget = entries.get(unit.target) ?? new Map<string, StoreEntry>();
    for (const entry of unitEntries) forTarget.set(entry.name, entry);
    entries.set(unit.target, forTarget);
    return deployedUnitOf(unit, unitEntries);
  });
  return deploy(
    {
      targets: [...evaluation.models.targets.values()],
      desired,
      pack: (target, names) => tarOf(names.map((n) => entries.get(target)!.get(n)!)),
      ...(commit !== undefined ? { commit } : {}),
    },
    context,
  );
}

/** The status.json of a deployment's outcome; `prior` carries the last applied commit over a failure. */
export function statusDocument(
  result: DeployResult,
  time: string,
  commit?: string,
  prior?: StatusFile,
): StatusFile {
  const outcome = result.ok
    ? result.plan.steps.length === 0
      ? 'unchanged'
      : 'deployed'
    : result.rollbackFailures.length > 0
      ? 'incomplete'
      : 'failed';
  const status: StatusFile = { outcome, time, targets: {} };
  const lastApplied = result.ok ? commit : prior?.lastAppliedCommit;
  if (lastApplied !== undefined) status.lastAppliedCommit = lastApplied;
  if (commit !== undefined) status.lastAttemptedCommit = commit;
  if (result.error) status.error = result.error;
  if (result.rollbackFailures.length > 0) status.rollbackFailures = result.rollbackFailures;
  for (const [name, target] of Object.entries(result.targets).sort(([a], [b]) => compareStrings(a, b))) {
    status.targets[name] = {
      generation: target.generation,
      ...(target.unknown !== undefined ? { unknown: target.unknown } : {}),
      units: target.units
        .map((u) => ({
          service: u.service,
          container: u.container,
          hash: u.hash,
          specHash: u.specHash,
          dependsOn: [...u.dependsOn],
        }))
        .sort((a, b) => compareStrings(a.service, b.service) || compareStrings(a.container, b.container)),
    };
  }
  return status;
}
