/**
 * From an evaluation to a deployment: evaluates nothing itself, but turns an evaluation into a deployment
 * request (unit records, store archives from the repository it was read from) and runs it.
 */
import type { RepoReader } from '../core/models/repo-reader.ts';
import type { Evaluation } from '../core/evaluate.ts';
import { deploy, type DeployContext, type DeployResult } from './deploy.ts';
import { deployedUnitOf } from './manifest.ts';
import { storeEntriesOf, tarOf, type StoreEntry } from './store.ts';

/**
 * Deploys an evaluated models repository (`repo` is what it was read from: packages ship from there).
 * Evaluation has checked that drover can activate every unit (or that it is a package).
 */
export async function applyEvaluation(
  evaluation: Evaluation,
  repo: RepoReader,
  context: DeployContext,
  commit?: string,
): Promise<DeployResult> {
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
