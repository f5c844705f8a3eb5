/**
 * From an evaluation to a deployment: evaluates nothing itself, but turns an evaluation into a deployment
 * request (unit records, store archives from the repository it was read from) and runs it.
 */
import type { RepoReader } from '../core/models/repo-reader.ts';
import type { Evaluation } from '../core/evaluate.ts';
import { unitId } from '../core/units.ts';
import { deploy, DeployError, type DeployContext, type DeployResult } from './deploy.ts';
import { deployedUnitOf } from './manifest.ts';
import { storeEntriesOf, tarOf, type StoreEntry } from './store.ts';

/** Deploys an evaluated models repository (`repo` is what it was read from: packages ship from there). */
export async function applyEvaluation(
  evaluation: Evaluation,
  repo: RepoReader,
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
    const unitEntries = storeEntriesOf(unit, repo);
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
