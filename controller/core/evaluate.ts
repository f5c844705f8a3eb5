/**
 * The pure pipeline from a models repository to deployable units: load and check the models, assign
 * IDs (keeping the prior ones), resolve every unit. What `validate`, `ids` and `plan` share.
 */
import { assignIds, emptyIds, type IdPool, type IdRequest, type IdsDocument } from './ids.ts';
import { loadModels } from './models/load.ts';
import type { HeldCopy, Liveness, PlacementChange, PlacementsDocument } from './schedule.ts';
import type { RepoReader } from './models/repo-reader.ts';
import type { Models, PoolModel, TargetModel } from './models/types.ts';
import { compareStrings, sortProblems, type Problem } from './problems.ts';
import { resolveUnits, type Unit, type UnitDetail } from './units.ts';

/** A repository that passed every check, with its IDs and units. */
export interface Evaluation {
  models: Models;
  ids: IdsDocument;
  /** The scheduler's placements (placements.json), and how they changed from the prior ones. */
  placements: PlacementsDocument;
  placementChanges: PlacementChange[];
  units: Unit[];
  warnings: string[];
  /** What it kept from before and what its caller allowed: enough to evaluate the same models again. */
  input: EvaluationInput;
}

/** The evaluation, or every problem that prevents it. */
type EvaluationResult = { ok: true; value: Evaluation } | { ok: false; problems: Problem[] };

/**
 * How far to evaluate: `ids` stops after assigning IDs (they do not depend on templates); the others
 * resolve, render and check every unit, and keep what their caller reads next (see UnitDetail): `units`
 * every unit's rendered output (deploying), `hashes` only their hashes (planning), `checked` neither
 * (validating). Units read the same whatever was kept; what was not is computed again when read.
 */
export type EvaluationDepth = 'ids' | 'units' | 'hashes' | 'checked';

/** What an evaluation keeps from before, and what its caller allows. */
export interface EvaluationInput {
  /** The IDs assigned before (empty when there are none). */
  priorIds?: IdsDocument;
  /** The scheduler's placements made before (placements.json; empty when there are none). */
  priorPlacements?: PlacementsDocument;
  /**
   * Whether a target may be `transport: local`, which runs commands on the host drover runs on (default
   * true; the controller allows it only when its operator says so).
   */
  allowLocalTargets?: boolean;
  /**
   * What the controller's probes say of each target's liveness (`since`: ms since the epoch), for the
   * placement of replicas; none outside the controller. Read only: the evaluation stays a function of
   * its input.
   */
  observed?: ReadonlyMap<string, TargetLiveness>;
  /** The time of the evaluation (ms since the epoch), for how long a target has been unreachable. */
  now?: number;
  /** How long a target may be unreachable before the scheduler moves its copies (default 60 s). */
  failoverAfterMs?: number;
}

/** Whether a target answers its probes, since when, and when its leases have surely ended. */
export type TargetLiveness = Liveness;

/** Why a local target is refused when the caller does not allow them. */
export const LOCAL_TARGET_REFUSED =
  "transport: local runs commands on the controller's own host: refused unless the controller runs with --allow-local-targets";

/** Evaluates the repository behind `reader`, keeping what `input` says was decided before. */
export function evaluateModels(
  reader: RepoReader,
  input: EvaluationInput = {},
  depth: EvaluationDepth = 'units',
): EvaluationResult {
  const prior = input.priorIds ?? emptyIds();
  const loaded = loadModels(reader, {
    ...(input.priorPlacements !== undefined ? { prior: input.priorPlacements } : {}),
    ...(input.observed !== undefined ? { liveness: input.observed } : {}),
    ...(input.now !== undefined ? { now: input.now } : {}),
    ...(input.failoverAfterMs !== undefined ? { failoverAfterMs: input.failoverAfterMs } : {}),
  });
  if (!loaded.models) return { ok: false, problems: sortProblems(loaded.problems) };
  const { models, sources } = loaded;
  const scheduled = {
    placements: loaded.placements ?? { placements: {} },
    placementChanges: loaded.placementChanges ?? [],
  };
  if (input.allowLocalTargets === false) {
    const refused = [...models.targets.values()]
      .filter((t) => t.transport === 'local')
      .map((t) => sources.problem({ ...t.ref, path: [...t.ref.path, 'transport'] }, LOCAL_TARGET_REFUSED));
    if (refused.length > 0) return { ok: false, problems: sortProblems(refused) };
  }

  const assignment = assignIds(idRequest(models), prior);
  if (assignment.depleted.length > 0) {
    const problems = assignment.depleted.map((d) =>
      sources.problem(
        models.pools.get(d.pool)!.ref,
        `pool '${d.pool}' (${d.min}..${d.max}, step ${d.step}) is depleted: no ID left for ${d.services.join(', ')}`,
      ),
    );
    // Still report template mistakes, with stand-in IDs.
    problems.push(...resolveUnits(models, placeholderIds(models), sources, 'checked').problems);
    return { ok: false, problems: sortProblems(problems) };
  }

  if (depth === 'ids')
    return {
      ok: true,
      value: {
        models,
        ids: assignment.ids,
        ...scheduled,
        units: [],
        warnings: warningsFor(models, loaded.heldCopies ?? [], scheduled.placementChanges),
        input,
      },
    };
  const detail: UnitDetail = depth === 'units' ? 'rendered' : depth;
  const resolution = resolveUnits(models, assignment.ids, sources, detail);
  if (resolution.problems.length > 0) return { ok: false, problems: sortProblems(resolution.problems) };
  return {
    ok: true,
    value: {
      models,
      ids: assignment.ids,
      ...scheduled,
      units: resolution.units,
      warnings: warningsFor(models, loaded.heldCopies ?? [], scheduled.placementChanges),
      input,
    },
  };
}

/** A pool with the IDs captured in use on each target, when it says skipInUse. */
function withInUse(pool: PoolModel, targets: ReadonlyMap<string, TargetModel>): IdPool {
  if (pool.skipInUse === undefined) return pool;
  const inUseOn = new Map<string, ReadonlySet<number>>();
  for (const target of targets.values()) {
    const found = target.captured?.[pool.skipInUse];
    if (found !== undefined) inUseOn.set(target.name, new Set(found));
  }
  return { ...pool, inUseOn };
}

/** What the ID assigner needs from the models. */
function idRequest(models: Models): IdRequest {
  return {
    pools: [...models.pools.values()].map((pool) => withInUse(pool, models.targets)),
    services: [...models.services.values()].map((s) => ({
      name: s.name,
      pools: s.spec.requiresUniqueIdsFor ?? [],
      targets: [...new Set((models.distribution.get(s.name) ?? []).map((p) => p.target))].sort(
        compareStrings,
      ),
    })),
    targets: [...models.targets.keys()],
    hasDistribution: models.hasDistribution,
  };
}

/** Every asking service gets its pool's min: enough to check templates when real IDs cannot be had. */
function placeholderIds(models: Models): IdsDocument {
  // Maps: a pool may be called `constructor`, which a plain object already has.
  const byPool = new Map<string, Map<string, number>>();
  for (const service of models.services.values()) {
    for (const pool of service.spec.requiresUniqueIdsFor ?? []) {
      const min = models.pools.get(pool)?.min;
      if (min === undefined) continue;
      if (!byPool.has(pool)) byPool.set(pool, new Map());
      byPool.get(pool)!.set(service.name, min);
    }
  }
  const ids = [...byPool].map(([pool, services]) => [pool, Object.fromEntries(services)] as const);
  return { ...emptyIds(), ids: Object.fromEntries(ids) };
}

/** Things worth a look that do not stop a deployment. */
function warningsFor(
  models: Models,
  held: readonly HeldCopy[],
  placementChanges: readonly PlacementChange[],
): string[] {
  if (!models.hasDistribution) return ['no distribution.yaml: nothing is placed on any target'];
  const warnings = held.map((h) => `${h.service} stays on ${h.target}, ${h.reason}`);
  // A service whose state could not come along (its target lost) starts empty only when it says so.
  for (const change of placementChanges)
    if (
      change.change === 'placed' &&
      change.reason.startsWith('replaces ') &&
      change.reason.includes(': unreachable since ') &&
      models.services.get(change.service)?.spec.deployState === true
    )
      warnings.push(
        `${change.service} starts EMPTY on ${change.target} (state.onLoss: empty): its state stays behind, ${change.reason}`,
      );
  const idle = [...models.services.keys()].filter((name) => !models.distribution.has(name));
  if (idle.length > 0) warnings.push(`not distributed to any target, so not deployed: ${idle.join(', ')}`);
  const surging = [...models.services.values()].filter((s) => (s.spec.update?.maxSurge ?? 0) > 0);
  if (surging.length > 0)
    warnings.push(
      `update.maxSurge is not supported: the copies of ${surging.map((s) => s.name).join(', ')} are upgraded in place on their targets, maxUnavailable at a time`,
    );
  return warnings;
}
