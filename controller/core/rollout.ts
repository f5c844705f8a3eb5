/**
 * Rolling upgrades: a changed spec of a service with copies on several targets rolls out in batches of
 * `update.maxUnavailable`, each its own deployment (health-gated, rolled back on its own when it fails).
 * `rolloutStep` picks the next batch; a deployment repeats it until nothing is held back. Pure.
 */
import { isScheduled } from './models/scheduled.ts';
import type { Models } from './models/types.ts';
import { compareStrings } from './problems.ts';
import type { PlannedUnit } from './plan.ts';
import { unitId } from './units.ts';

/**
 * The services whose changed copies roll out in batches, with the batch size: those the scheduler places
 * (`replicas`, `placement.everywhere`) and those that say how (`update`); 1 at a time unless
 * `update.maxUnavailable` says otherwise.
 */
export function rollingServices(models: Pick<Models, 'services'>): Map<string, number> {
  const rolling = new Map<string, number>();
  for (const service of models.services.values())
    if (isScheduled(service) || service.spec.update !== undefined)
      rolling.set(service.name, service.spec.update?.maxUnavailable ?? 1);
  return rolling;
}

/** A service whose changed copies go in more than one batch: each batch's targets, in order. */
export interface Rollout {
  service: string;
  batches: string[][];
}

/** How the rolling services' changed copies will go, batch after batch (those in more than one). */
export function rolloutsOf<U extends PlannedUnit>(
  deployed: readonly U[],
  desired: readonly U[],
  rolling: ReadonlyMap<string, number>,
): Rollout[] {
  const byId = new Map(desired.map((u) => [unitId(u), u]));
  const batches = new Map<string, string[][]>();
  for (let runs = deployed, held = true; held;) {
    const step = rolloutStep(desired, runs, rolling);
    const now = new Map<string, string[]>();
    for (const id of step.now) {
      const unit = byId.get(id)!;
      now.set(unit.service, [...(now.get(unit.service) ?? []), unit.target]);
    }
    for (const [service, targets] of now) batches.set(service, [...(batches.get(service) ?? []), targets]);
    runs = step.desired;
    held = step.held.length > 0;
  }
  return [...batches]
    .filter(([, list]) => list.length > 1)
    .map(([service, list]) => ({ service, batches: list }))
    .sort((a, b) => compareStrings(a.service, b.service));
}

/** The next batch of a rollout: what to deploy now, and which copies wait for a later batch. */
export interface RolloutStep<U> {
  /** The desired units, with the copies that wait still at their deployed version. */
  desired: U[];
  /** Those that upgrade now, and those held back, by unit id. */
  now: string[];
  held: string[];
}

/**
 * The next batch: of each rolling service's copies that changed (deployed, and desired with another
 * hash), the first `maxUnavailable` by target name upgrade now; the others keep their deployed unit, and
 * go in a later step. New and removed copies are never held back. `rolling` maps a service to its maxUnavailable.
 */
export function rolloutStep<U extends PlannedUnit>(
  desired: readonly U[],
  deployed: readonly U[],
  rolling: ReadonlyMap<string, number>,
): RolloutStep<U> {
  const before = new Map(deployed.map((u) => [unitId(u), u]));
  const changed = new Map<string, U[]>();
  for (const unit of desired) {
    const old = before.get(unitId(unit));
    if (!rolling.has(unit.service) || old === undefined || old.hash === unit.hash) continue;
    changed.set(unit.service, [...(changed.get(unit.service) ?? []), unit]);
  }
  const held = new Set<string>();
  const now: string[] = [];
  for (const [service, copies] of changed) {
    const batch = rolling.get(service)!;
    const ordered = [...copies].sort((a, b) => compareStrings(a.target, b.target));
    for (const [i, unit] of ordered.entries()) {
      if (i < batch) now.push(unitId(unit));
      else held.add(unitId(unit));
    }
  }
  return {
    desired: desired.map((u) => (held.has(unitId(u)) ? before.get(unitId(u))! : u)),
    now: now.sort(compareStrings),
    held: [...held].sort(compareStrings),
  };
}
