/**
 * Assigns numeric IDs (ports, uids, gids) to services from pools, as dydisnix-id-assign does, with
 * drover's fixes: step honoured (IDs on min + k*step) with a step-aware depletion check, one stable ID per
 * service across all its targets, cursors outside a changed range reset, sorted deterministic order,
 * retired IDs given back to a returning service, and pools that follow another (gids follow uids).
 */
import type { IdsFile } from '../../schema/generated/ids.ts';
import { compareStrings } from './problems.ts';

/** The content of ids.json. */
export type IdsDocument = Required<IdsFile>;

/** The format of ids.json that drover writes. */
export const IDS_VERSION = 1;

/** A pool as the assigner needs it. `follows` names the pool whose IDs it copies. */
export interface IdPool {
  name: string;
  min: number;
  max: number;
  step: number;
  scope: 'global' | 'machine';
  follows?: string;
}

/** A service as the assigner needs it: the pools it asks for and the targets it is placed on. */
interface IdConsumer {
  name: string;
  pools: readonly string[];
  targets: readonly string[];
}

/** Everything the assigner looks at. */
export interface IdRequest {
  pools: readonly IdPool[];
  services: readonly IdConsumer[];
  /** All target names; cursors of other targets are dropped. */
  targets: readonly string[];
  /** Without a distribution every asking service is a candidate; with one, only services placed somewhere. */
  hasDistribution: boolean;
}

/** A pool that ran out, and who is left without an ID. */
interface DepletedPool {
  pool: string;
  min: number;
  max: number;
  step: number;
  services: string[];
}

/** The new ids.json, and the pools that could not serve every service (then the document must not be written). */
interface IdAssignment {
  ids: IdsDocument;
  depleted: DepletedPool[];
}

/** An empty ids.json. */
export function emptyIds(): IdsDocument {
  return { version: IDS_VERSION, ids: {}, lastAssignments: {}, lastAssignmentsPerTarget: {}, retired: {} };
}

/** Assigns IDs to every candidate service, keeping every valid earlier assignment from `prior`. */
export function assignIds(request: IdRequest, prior: IdsFile = emptyIds()): IdAssignment {
  const out = emptyIds();
  const depleted: DepletedPool[] = [];
  const pools = [...request.pools].sort((a, b) => compareStrings(a.name, b.name));
  const services = [...request.services].sort((a, b) => compareStrings(a.name, b.name));
  const knownTargets = new Set(request.targets);
  const candidatesOf = (pool: string) =>
    services.filter((s) => s.pools.includes(pool) && (!request.hasDistribution || s.targets.length > 0));

  for (const pool of pools.filter((p) => p.follows === undefined)) {
    const candidates = candidatesOf(pool.name);
    const lattice = new Lattice(pool);
    const occupancy = new Occupancy(pool.scope);
    const assigned: Record<string, number> = {};
    const priorIds = prior.ids[pool.name] ?? {};
    const priorRetired = prior.retired?.[pool.name] ?? {};

    // 1. Keep earlier assignments that are still valid and do not collide (a moved service may collide).
    // 2. Give a returning service its retired ID back while that ID is free.
    for (const source of [priorIds, priorRetired]) {
      for (const service of candidates) {
        const id = source[service.name];
        if (
          assigned[service.name] === undefined &&
          id !== undefined &&
          lattice.contains(id) &&
          occupancy.isFree(id, service.targets)
        ) {
          occupancy.take(id, service.targets);
          assigned[service.name] = id;
        }
      }
    }

    // 3. Everyone else gets the next free ID after the cursor, wrapping to min past max.
    const cursors = new Cursors(pool, lattice, prior, knownTargets);
    const left: string[] = [];
    for (const service of candidates) {
      if (assigned[service.name] !== undefined) continue;
      const id = lattice.findFree(cursors.start(service.targets), (candidate) =>
        occupancy.isFree(candidate, service.targets),
      );
      if (id === undefined) {
        left.push(service.name);
        continue;
      }
      occupancy.take(id, service.targets);
      cursors.advance(id, service.targets);
      assigned[service.name] = id;
    }
    if (left.length > 0)
      depleted.push({ pool: pool.name, min: pool.min, max: pool.max, step: pool.step, services: left });

    out.ids[pool.name] = sortKeys(assigned);
    cursors.writeTo(out);
    setIfNotEmpty(out.retired, pool.name, retire(priorIds, priorRetired, assigned));
  }

  for (const pool of pools.filter((p) => p.follows !== undefined)) {
    const leader = pool.follows!;
    const leaderIds = out.ids[leader] ?? {};
    const assigned: Record<string, number> = {};
    for (const service of candidatesOf(pool.name)) {
      const id = leaderIds[service.name];
      if (id !== undefined) assigned[service.name] = id;
    }
    out.ids[pool.name] = assigned;
    const cursor = out.lastAssignments[leader];
    if (cursor !== undefined) out.lastAssignments[pool.name] = cursor;
    for (const cursors of Object.values(out.lastAssignmentsPerTarget)) {
      const perTarget = cursors[leader];
      if (perTarget !== undefined) cursors[pool.name] = perTarget;
    }
    setIfNotEmpty(
      out.retired,
      pool.name,
      retire(prior.ids[pool.name] ?? {}, prior.retired?.[pool.name] ?? {}, assigned),
    );
  }

  return { ids: normalizeIds(out), depleted };
}

/**
 * IDs released by services that went away, remembered so that reverting the removal restores them.
 * An entry is forgotten once its service is back or another service holds the ID.
 */
function retire(
  priorIds: Record<string, number>,
  priorRetired: Record<string, number>,
  assigned: Record<string, number>,
): Record<string, number> {
  const held = new Set(Object.values(assigned));
  const retired: Record<string, number> = {};
  for (const [service, id] of [...Object.entries(priorRetired), ...Object.entries(priorIds)]) {
    if (assigned[service] === undefined && !held.has(id)) retired[service] = id;
  }
  return retired;
}

/** The IDs of a pool: min, min + step, ... up to max. */
class Lattice {
  readonly size: number;
  constructor(private readonly pool: IdPool) {
    this.size = Math.floor((pool.max - pool.min) / pool.step) + 1;
  }

  contains(id: number): boolean {
    return (
      Number.isInteger(id) &&
      id >= this.pool.min &&
      id <= this.pool.max &&
      (id - this.pool.min) % this.pool.step === 0
    );
  }

  /** The first free ID after `cursor` (or from min without one), visiting each lattice point at most once. */
  findFree(cursor: number | undefined, isFree: (id: number) => boolean): number | undefined {
    const { min, max, step } = this.pool;
    let id = cursor === undefined ? min : cursor + step;
    for (let visited = 0; visited < this.size; visited++) {
      if (id > max) id = min;
      if (isFree(id)) return id;
      id += step;
    }
    return undefined;
  }
}

/** Which IDs are taken: across the deployment (global) or per target (machine). */
class Occupancy {
  private readonly global = new Set<number>();
  private readonly perTarget = new Map<string, Set<number>>();
  constructor(private readonly scope: IdPool['scope']) {}

  isFree(id: number, targets: readonly string[]): boolean {
    if (this.scope === 'global') return !this.global.has(id);
    return targets.every((t) => !this.perTarget.get(t)?.has(id));
  }

  take(id: number, targets: readonly string[]): void {
    if (this.scope === 'global') {
      this.global.add(id);
      return;
    }
    for (const target of targets) {
      let taken = this.perTarget.get(target);
      if (!taken) this.perTarget.set(target, (taken = new Set()));
      taken.add(id);
    }
  }
}

/**
 * Where the search for the next ID starts: one cursor per global pool, one per target for a machine pool.
 * A cursor outside the pool's current range (or off its step) is forgotten. A service on several targets
 * starts after the furthest of their cursors, so that no target hands out an ID it freed recently.
 */
class Cursors {
  private readonly values = new Map<string, number>();
  private static readonly GLOBAL = '';

  constructor(
    private readonly pool: IdPool,
    private readonly lattice: Lattice,
    prior: IdsFile,
    targets: ReadonlySet<string>,
  ) {
    if (pool.scope === 'global') {
      this.load(Cursors.GLOBAL, prior.lastAssignments[pool.name]);
    } else {
      for (const [target, cursors] of Object.entries(prior.lastAssignmentsPerTarget)) {
        if (targets.has(target)) this.load(target, cursors?.[pool.name]);
      }
    }
  }

  private load(key: string, value: number | undefined) {
    if (value !== undefined && this.lattice.contains(value)) this.values.set(key, value);
  }

  start(targets: readonly string[]): number | undefined {
    if (this.pool.scope === 'global') return this.values.get(Cursors.GLOBAL);
    const known = targets.map((t) => this.values.get(t)).filter((v): v is number => v !== undefined);
    return known.length > 0 ? Math.max(...known) : undefined;
  }

  advance(id: number, targets: readonly string[]): void {
    if (this.pool.scope === 'global') this.values.set(Cursors.GLOBAL, id);
    else for (const target of targets) this.values.set(target, id);
  }

  writeTo(out: IdsDocument): void {
    for (const [key, value] of this.values) {
      if (key === Cursors.GLOBAL) out.lastAssignments[this.pool.name] = value;
      else (out.lastAssignmentsPerTarget[key] ??= {})[this.pool.name] = value;
    }
  }
}

/** Sorts every level of an ids document by key, so that ids.json is byte-identical for equal content. */
export function normalizeIds(ids: IdsFile): IdsDocument {
  const sortNested = (o: Record<string, Record<string, number> | undefined>) =>
    Object.fromEntries(
      Object.entries(o)
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([k, v]) => [k, sortKeys(v ?? {})]),
    );
  return {
    version: IDS_VERSION,
    ids: sortNested(ids.ids),
    lastAssignments: sortKeys(ids.lastAssignments as Record<string, number>),
    lastAssignmentsPerTarget: sortNested(ids.lastAssignmentsPerTarget),
    retired: sortNested(ids.retired ?? {}),
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  const keys = Object.keys(o);
  // Usually already sorted (the assigner works in sorted order): then keep the object as it is.
  if (keys.every((k, i) => i === 0 || compareStrings(keys[i - 1]!, k) < 0)) return o;
  return Object.fromEntries(keys.sort(compareStrings).map((k) => [k, o[k]!]));
}

function setIfNotEmpty(
  target: Record<string, Record<string, number>>,
  key: string,
  value: Record<string, number>,
) {
  if (Object.keys(value).length > 0) target[key] = value;
}

/** What changed between two assignments, pool by pool and service by service (for plans and PR comments). */
export function idChanges(
  before: IdsDocument,
  after: IdsDocument,
): { pool: string; service: string; from?: number; to?: number }[] {
  const changes: { pool: string; service: string; from?: number; to?: number }[] = [];
  const pools = [...new Set([...Object.keys(before.ids), ...Object.keys(after.ids)])].sort(compareStrings);
  for (const pool of pools) {
    const old = before.ids[pool] ?? {};
    const next = after.ids[pool] ?? {};
    for (const service of [...new Set([...Object.keys(old), ...Object.keys(next)])].sort(compareStrings)) {
      const from = old[service];
      const to = next[service];
      if (from === to) continue;
      const change: { pool: string; service: string; from?: number; to?: number } = { pool, service };
      if (from !== undefined) change.from = from;
      if (to !== undefined) change.to = to;
      changes.push(change);
    }
  }
  return changes;
}

/**
 * The prior IDs to assign from when the branch's ids.json may have been edited: every assignment drover
 * recorded itself (`trusted`, its last write-back) is kept, and an assignment only the branch has is kept
 * when its ID is still free in that pool. Deleting or mangling ids.json then changes no service's ID.
 */
export function withTrustedIds(trusted: IdsDocument, branch: IdsDocument): IdsDocument {
  const merged = normalizeIds(trusted);
  const layer = (
    into: Record<string, Record<string, number>>,
    from: Record<string, Record<string, number>>,
  ) => {
    for (const [pool, services] of Object.entries(from)) {
      const target = (into[pool] ??= Object.create(null) as Record<string, number>);
      const used = new Set(Object.values(target));
      for (const [service, id] of Object.entries(services)) {
        if (Object.hasOwn(target, service) || used.has(id)) continue;
        target[service] = id;
        used.add(id);
      }
    }
  };
  layer(merged.ids, branch.ids);
  layer(merged.retired, branch.retired);
  for (const [pool, cursor] of Object.entries(branch.lastAssignments)) {
    if (!Object.hasOwn(merged.lastAssignments, pool)) merged.lastAssignments[pool] = cursor;
  }
  for (const [target, cursors] of Object.entries(branch.lastAssignmentsPerTarget)) {
    if (!Object.hasOwn(merged.lastAssignmentsPerTarget, target))
      merged.lastAssignmentsPerTarget[target] = cursors;
  }
  return normalizeIds(merged);
}
