/**
 * The minimal transition from the deployed units to the desired ones, as disnix-env computes it: units in
 * both (same hash) are left alone, units only deployed are deactivated (dependents first), units only
 * desired are activated (dependencies first), across targets. Pure.
 */
import type { PlanFile, PlanStep, PlanStepReason } from '../../schema/generated/plan.ts';
import { idChanges, reservationChanges, type IdsDocument } from './ids.ts';
import type { Models } from './models/types.ts';
import { rollingServices, rolloutsOf } from './rollout.ts';
import type { PlacementChange } from './schedule.ts';
import { compareStrings } from './problems.ts';
import { compareUnitKeys, unitId, type UnitKey } from './units.ts';

/** What the planner needs to know of a unit, deployed or desired. */
export interface PlannedUnit extends UnitKey {
  hash: string;
  specHash: string;
  /** Services this unit is activated after (dependsOn and activatesAfter). */
  dependsOn: readonly string[];
}

/** The transition. Steps run in two phases, every deactivation and then every activation; within a phase a step waits for its `requires`. */
export interface Plan {
  steps: PlanStep[];
  unchanged: UnitKey[];
}

/**
 * Plans the transition from `deployed` to `desired`. A unit deployed as desired but named in `notRunning`
 * (its manager does not run it) is started again: activated, not deactivated. The services named in
 * `movingState` take their state with them when they move (deployState): their reasons say so.
 */
export function planTransition(
  deployed: readonly PlannedUnit[],
  desired: readonly PlannedUnit[],
  notRunning: ReadonlySet<string> = new Set(),
  movingState: ReadonlySet<string> = new Set(),
): Plan {
  const before = new Map(deployed.map((u) => [unitId(u), u]));
  const after = new Map(desired.map((u) => [unitId(u), u]));
  const unchanged: UnitKey[] = [];
  const deactivate: PlannedUnit[] = [];
  const activate: PlannedUnit[] = [];
  const restart = new Set<string>();
  for (const [id, unit] of before) {
    const next = after.get(id);
    if (next?.hash !== unit.hash) deactivate.push(unit);
    else if (notRunning.has(id)) restart.add(id);
    else unchanged.push(keyOf(unit));
  }
  for (const [id, unit] of after)
    if (before.get(id)?.hash !== unit.hash || restart.has(id)) activate.push(unit);

  const activatedServices = new Set(activate.filter((u) => !restart.has(unitId(u))).map((u) => u.service));
  const targetsOf = (units: readonly PlannedUnit[]) => {
    const map = new Map<string, Set<string>>();
    for (const u of units) map.set(u.service, (map.get(u.service) ?? new Set()).add(u.target));
    return map;
  };
  const targetsBefore = targetsOf(deployed);
  const targetsAfter = targetsOf(desired);
  const reasonFor = (unit: PlannedUnit, op: PlanStep['op']): PlanStepReason => {
    const id = unitId(unit);
    if (restart.has(id)) return { kind: 'not-running', message: `not running on ${unit.target}: start` };
    const old = before.get(id);
    const next = after.get(id);
    if (old && next) return changeReason(old, next, activatedServices);
    const leaving = op === 'deactivate';
    const [here, there] = leaving ? [targetsBefore, targetsAfter] : [targetsAfter, targetsBefore];
    const elsewhere = [...(there.get(unit.service) ?? [])].filter((t) => !here.get(unit.service)?.has(t));
    if (!there.has(unit.service))
      return leaving ? { kind: 'removed', message: 'removed' } : { kind: 'new', message: 'new' };
    if (there.get(unit.service)?.has(unit.target))
      return { kind: 'container-changed', message: `container changed on ${unit.target}` };
    if (elsewhere.length === 0)
      return leaving
        ? { kind: 'removed-from-target', message: `removed from ${unit.target}` }
        : { kind: 'added-to-target', message: `added to ${unit.target}` };
    const targets = elsewhere.sort(compareStrings).join(', ');
    const state = movingState.has(unit.service);
    return leaving
      ? {
          kind: 'moved-away',
          message: `moved to ${targets}${state ? `, its state with it (locked and snapshotted here, kept until gc --state)` : ''}`,
        }
      : {
          kind: 'moved-here',
          message: `moved from ${targets}${state ? ', its state with it (restored here from the snapshot)' : ''}`,
        };
  };

  const steps: PlanStep[] = [];
  // Deactivate dependents before what they depend on: an edge runs from a unit to each unit it depends on.
  appendPhase(
    steps,
    'deactivate',
    deactivate,
    (u, byService) => u.dependsOn.flatMap((s) => byService.get(s) ?? []),
    reasonFor,
  );
  // Activate dependencies before their dependents: an edge runs from a dependency to each dependent.
  appendPhase(steps, 'activate', activate, dependentsIndex(activate), reasonFor);
  return { steps, unchanged: unchanged.sort(compareUnitKeys) };
}

function keyOf(unit: UnitKey): UnitKey {
  return { service: unit.service, target: unit.target, container: unit.container };
}

/** Why a unit present on both sides changed. */
function changeReason(
  old: PlannedUnit,
  next: PlannedUnit,
  activatedServices: ReadonlySet<string>,
): PlanStepReason {
  if (old.specHash !== next.specHash) return { kind: 'config-changed', message: 'config changed' };
  const changed = next.dependsOn.filter((s) => activatedServices.has(s));
  if (changed.length > 0)
    return { kind: 'dependency-changed', message: `dependency ${changed.join(', ')} changed` };
  // Only the hash moved: the dependency units themselves changed (one added, dropped or taken off a target).
  return { kind: 'dependency-set-changed', message: 'dependencies changed' };
}

type Successors = (unit: PlannedUnit, byService: ReadonlyMap<string, PlannedUnit[]>) => PlannedUnit[];

function dependentsIndex(units: readonly PlannedUnit[]): Successors {
  const dependents = new Map<string, PlannedUnit[]>();
  for (const unit of units) {
    for (const service of unit.dependsOn) {
      const list = dependents.get(service) ?? [];
      list.push(unit);
      dependents.set(service, list);
    }
  }
  return (unit) => dependents.get(unit.service) ?? [];
}

/**
 * Appends one phase in topological order. Each unit gets a level (the longest chain of predecessors
 * before it); steps are sorted by level, then by key, so that the order is deterministic and every
 * level can run in parallel.
 */
function appendPhase(
  steps: PlanStep[],
  op: PlanStep['op'],
  units: readonly PlannedUnit[],
  successorsOf: Successors,
  reasonFor: (unit: PlannedUnit, op: PlanStep['op']) => PlanStepReason,
): void {
  const byService = new Map<string, PlannedUnit[]>();
  for (const unit of units) {
    const list = byService.get(unit.service);
    if (list) list.push(unit);
    else byService.set(unit.service, [unit]);
  }
  // Successors are units of this phase: found by identity, with no key to build.
  const index = new Map(units.map((u, i) => [u, i]));
  const successors = units.map((u) => [...new Set(successorsOf(u, byService).map((s) => index.get(s)!))]);
  const predecessors: number[][] = units.map(() => []);
  successors.forEach((list, from) => list.forEach((to) => predecessors[to]!.push(from)));

  // Kahn's algorithm; a cycle (only possible in a hand-edited status.json) is broken by placing its units last.
  const level = new Array<number>(units.length).fill(0);
  const waiting = predecessors.map((p) => p.length);
  const queue = waiting.flatMap((n, i) => (n === 0 ? [i] : []));
  const placed = new Set<number>();
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head]!;
    placed.add(from);
    for (const to of successors[from]!) {
      level[to] = Math.max(level[to]!, level[from]! + 1);
      if (--waiting[to]! === 0) queue.push(to);
    }
  }
  const top = Math.max(0, ...level) + 1;
  units.forEach((_, i) => {
    if (!placed.has(i)) level[i] = top;
  });

  const order = units
    .map((_, i) => i)
    .sort((a, b) => level[a]! - level[b]! || compareUnitKeys(units[a]!, units[b]!));
  const stepIndex = new Map<number, number>();
  for (const i of order) {
    const unit = units[i]!;
    stepIndex.set(i, steps.length);
    steps.push({
      op,
      service: unit.service,
      target: unit.target,
      container: unit.container,
      reason: reasonFor(unit, op),
      hash: unit.hash,
      requires: predecessors[i]!.map((p) => stepIndex.get(p))
        .filter((s): s is number => s !== undefined)
        .sort((a, b) => a - b),
    });
  }
}

/**
 * The plan document (`drover plan --format json`): steps, untouched units, the new IDs and what changed
 * in them (reserved IDs too), and what the scheduler placed or took away, and why.
 */
export function planDocument(
  deployed: readonly PlannedUnit[],
  desired: {
    units: readonly PlannedUnit[];
    ids: IdsDocument;
    warnings: readonly string[];
    placementChanges?: readonly PlacementChange[];
    /** The models, for the services that roll out in batches. */
    models?: Pick<Models, 'services'>;
  },
  priorIds: IdsDocument,
): PlanFile {
  const movingState = new Set(
    [...(desired.models?.services.values() ?? [])]
      .filter((s) => s.spec.deployState === true)
      .map((s) => s.name),
  );
  const plan = planTransition(deployed, desired.units, new Set(), movingState);
  const rollouts = desired.models ? rolloutsOf(deployed, desired.units, rollingServices(desired.models)) : [];
  const reservations = reservationChanges(priorIds, desired.ids);
  return {
    ...plan,
    ids: desired.ids,
    idChanges: idChanges(priorIds, desired.ids),
    ...(reservations.length > 0 ? { reservationChanges: reservations } : {}),
    ...(desired.placementChanges && desired.placementChanges.length > 0
      ? { placementChanges: [...desired.placementChanges] }
      : {}),
    ...(rollouts.length > 0 ? { rollouts } : {}),
    warnings: [...desired.warnings],
  };
}
