/**
 * Assigns numeric IDs (ports, uids, gids) to services from pools, as dydisnix-id-assign does, with
 * drover's fixes: step honoured (IDs on min + k*step) with a step-aware depletion check, one stable ID per
 * service across all its targets, cursors outside a changed range reset, sorted deterministic order,
 * retired IDs given back to a returning service, pools that follow another (gids follow uids), and the
 * IDs skipped because captured data shows them in use on a target recorded as `reserved`.
 */
import type { IdsFile } from '../../schema/generated/ids.ts';
import type { ReservationChange } from '../../schema/generated/plan.ts';
import { compareStrings } from './problems.ts';

/** The content of ids.json: every field present, but `reserved` only when some ID is reserved. */
export type IdsDocument = Required<Omit<IdsFile, 'reserved'>> & Pick<IdsFile, 'reserved'>;

/** Target → pool → the IDs skipped there because they are captured in use (ascending). */
export type ReservedIds = NonNullable<IdsFile['reserved']>;

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
  /** IDs never handed out (used on the targets by accounts or programs drover does not manage). */
  reserved?: readonly number[];
  /** IDs in use on each target, as captured (skipInUse): never handed out to a service placed there. */
  inUseOn?: ReadonlyMap<string, ReadonlySet<number>>;
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

/** IDs by pool, then by service (or cursors by target, then by pool): Maps, so that any name is just a key. */
type Nested = Map<string, Map<string, number>>;

/**
 * The value of an own property of a record read from a file, never one Object.prototype lends it: a
 * service, pool or target may be called `constructor` or `toString`.
 */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Assigns IDs to every candidate service, keeping every valid earlier assignment from `prior`. */
export function assignIds(request: IdRequest, prior: IdsFile = emptyIds()): IdAssignment {
  const ids: Nested = new Map();
  const retired: Nested = new Map();
  const cursorsOut = { global: new Map<string, number>(), perTarget: new Map<string, Map<string, number>>() };
  const depleted: DepletedPool[] = [];
  const pools = [...request.pools].sort((a, b) => compareStrings(a.name, b.name));
  const services = [...request.services].sort((a, b) => compareStrings(a.name, b.name));
  const knownTargets = new Set(request.targets);
  const candidatesOf = (pool: string) =>
    services.filter((s) => s.pools.includes(pool) && (!request.hasDistribution || s.targets.length > 0));
  const priorOf = (pool: string) => ({
    ids: own(prior.ids, pool) ?? {},
    retired: own(prior.retired, pool) ?? {},
  });
  const reserved = new Map<string, Map<string, Set<number>>>();

  for (const pool of pools.filter((p) => p.follows === undefined)) {
    const candidates = candidatesOf(pool.name);
    const lattice = new Lattice(pool);
    const occupancy = new Occupancy(pool.scope);
    const assigned = new Map<string, number>();
    const before = priorOf(pool.name);

    // 1. Keep earlier assignments that are still valid and do not collide (a moved service may collide).
    // 2. Give a returning service its retired ID back while that ID is free.
    for (const source of [before.ids, before.retired]) {
      for (const service of candidates) {
        const id = own(source, service.name);
        if (
          !assigned.has(service.name) &&
          id !== undefined &&
          lattice.contains(id) &&
          occupancy.isFree(id, service.targets)
        ) {
          occupancy.take(id, service.targets);
          assigned.set(service.name, id);
        }
      }
    }

    // 3. Everyone else gets the next free ID after the cursor, wrapping to min past max. An ID captured
    //    in use on one of the service's targets is skipped and recorded as reserved there; one a service
    //    of drover holds is merely taken (drover's own accounts and listeners are captured too).
    const cursors = new Cursors(pool, lattice, prior, knownTargets);
    const skipped = new SkippedInUse(pool, lattice, prior.reserved, knownTargets);
    const left: string[] = [];
    for (const service of candidates) {
      if (assigned.has(service.name)) continue;
      const id = lattice.findFree(
        cursors.start(service.targets),
        (candidate) =>
          occupancy.isFree(candidate, service.targets) && !skipped.skipsOn(candidate, service.targets),
      );
      if (id === undefined) {
        left.push(service.name);
        continue;
      }
      occupancy.take(id, service.targets);
      cursors.advance(id, service.targets);
      assigned.set(service.name, id);
    }
    if (left.length > 0)
      depleted.push({ pool: pool.name, min: pool.min, max: pool.max, step: pool.step, services: left });

    ids.set(pool.name, assigned);
    cursors.writeTo(cursorsOut);
    skipped.writeTo(reserved, candidates, assigned);
    setIfNotEmpty(retired, pool.name, retire(before.ids, before.retired, assigned));
  }

  for (const pool of pools.filter((p) => p.follows !== undefined)) {
    const leader = pool.follows!;
    const leaderIds = ids.get(leader);
    const assigned = new Map<string, number>();
    for (const service of candidatesOf(pool.name)) {
      const id = leaderIds?.get(service.name);
      if (id !== undefined) assigned.set(service.name, id);
    }
    ids.set(pool.name, assigned);
    const cursor = cursorsOut.global.get(leader);
    if (cursor !== undefined) cursorsOut.global.set(pool.name, cursor);
    for (const cursors of cursorsOut.perTarget.values()) {
      const perTarget = cursors.get(leader);
      if (perTarget !== undefined) cursors.set(pool.name, perTarget);
    }
    const before = priorOf(pool.name);
    setIfNotEmpty(retired, pool.name, retire(before.ids, before.retired, assigned));
  }

  const out: IdsDocument = {
    version: IDS_VERSION,
    ids: toRecords(ids),
    lastAssignments: Object.fromEntries(cursorsOut.global),
    lastAssignmentsPerTarget: toRecords(cursorsOut.perTarget),
    retired: toRecords(retired),
  };
  if (reserved.size > 0) out.reserved = toReservedRecords(reserved);
  return { ids: normalizeIds(out), depleted };
}

/** Target → pool → IDs as the plain objects of ids.json. */
function toReservedRecords(
  nested: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<number>>>,
): ReservedIds {
  return Object.fromEntries(
    [...nested].map(([target, pools]) => [
      target,
      Object.fromEntries([...pools].map(([pool, ids]) => [pool, [...ids]])),
    ]),
  );
}

/** Nested Maps as the plain objects of ids.json (Object.fromEntries defines every key as an own property). */
function toRecords(nested: Nested): Record<string, Record<string, number>> {
  return Object.fromEntries([...nested].map(([key, inner]) => [key, Object.fromEntries(inner)]));
}

/**
 * IDs released by services that went away, remembered so that reverting the removal restores them.
 * An entry is forgotten once its service is back or another service holds the ID.
 */
function retire(
  priorIds: Readonly<Record<string, number>>,
  priorRetired: Readonly<Record<string, number>>,
  assigned: ReadonlyMap<string, number>,
): Map<string, number> {
  const held = new Set(assigned.values());
  const retired = new Map<string, number>();
  for (const [service, id] of [...Object.entries(priorRetired), ...Object.entries(priorIds)]) {
    if (!assigned.has(service) && !held.has(id)) retired.set(service, id);
  }
  return retired;
}

/** The IDs of a pool: min, min + step, ... up to max. */
class Lattice {
  readonly size: number;
  private readonly reserved: ReadonlySet<number>;
  constructor(private readonly pool: IdPool) {
    this.size = Math.floor((pool.max - pool.min) / pool.step) + 1;
    this.reserved = new Set(pool.reserved);
  }

  /** Whether `id` is an ID of the pool that may be handed out (on the lattice, not reserved). */
  contains(id: number): boolean {
    return (
      !this.reserved.has(id) &&
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
      if (!this.reserved.has(id) && isFree(id)) return id;
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
 * The IDs a pool with skipInUse skips because captured data shows them in use on a target, by target:
 * those it skipped before and that are still captured in use there (on a target that still exists, and
 * still IDs of the pool), and those it skips now. Only what a search actually passed over is recorded, not everything in use.
 */
class SkippedInUse {
  private readonly byTarget = new Map<string, Set<number>>();

  constructor(
    private readonly pool: IdPool,
    lattice: Lattice,
    prior: IdsFile['reserved'],
    targets: ReadonlySet<string>,
  ) {
    if (pool.inUseOn === undefined) return;
    for (const [target, inUse] of pool.inUseOn) {
      const before = own(own(prior, target), pool.name);
      if (!targets.has(target) || !Array.isArray(before)) continue;
      for (const id of before) if (inUse.has(id) && lattice.contains(id)) this.add(target, id);
    }
  }

  /** Whether `id` is captured in use on any of `targets`; records it as reserved on each of those. */
  skipsOn(id: number, targets: readonly string[]): boolean {
    let skips = false;
    for (const target of targets) {
      if (this.pool.inUseOn?.get(target)?.has(id) !== true) continue;
      this.add(target, id);
      skips = true;
    }
    return skips;
  }

  private add(target: string, id: number): void {
    let ids = this.byTarget.get(target);
    if (!ids) this.byTarget.set(target, (ids = new Set()));
    ids.add(id);
  }

  /**
   * Adds what is reserved to `out` (target → pool → IDs), leaving out an ID a service placed on that
   * target holds: an earlier assignment is kept even on an ID captured in use, and then it is not reserved.
   */
  writeTo(
    out: Map<string, Map<string, Set<number>>>,
    candidates: readonly IdConsumer[],
    assigned: ReadonlyMap<string, number>,
  ): void {
    for (const service of candidates) {
      const id = assigned.get(service.name);
      if (id !== undefined) for (const target of service.targets) this.byTarget.get(target)?.delete(id);
    }
    for (const [target, ids] of this.byTarget) {
      if (ids.size === 0) continue;
      let pools = out.get(target);
      if (!pools) out.set(target, (pools = new Map<string, Set<number>>()));
      pools.set(this.pool.name, ids);
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
      this.load(Cursors.GLOBAL, own(prior.lastAssignments, pool.name));
    } else {
      for (const [target, cursors] of Object.entries(prior.lastAssignmentsPerTarget)) {
        if (targets.has(target)) this.load(target, own(cursors, pool.name));
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

  writeTo(out: { global: Map<string, number>; perTarget: Nested }): void {
    for (const [key, value] of this.values) {
      if (key === Cursors.GLOBAL) {
        out.global.set(this.pool.name, value);
      } else {
        let perTarget = out.perTarget.get(key);
        if (!perTarget) out.perTarget.set(key, (perTarget = new Map<string, number>()));
        perTarget.set(this.pool.name, value);
      }
    }
  }
}

/**
 * Sorts every level of an ids document by key (reserved IDs ascending, without empty lists), so that
 * ids.json is byte-identical for equal content.
 */
export function normalizeIds(ids: IdsFile): IdsDocument {
  const sortNested = (o: Record<string, Record<string, number> | undefined>) =>
    Object.fromEntries(
      Object.entries(o)
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([k, v]) => [k, sortKeys(v ?? {})]),
    );
  const out: IdsDocument = {
    version: IDS_VERSION,
    ids: sortNested(ids.ids),
    lastAssignments: sortKeys(ids.lastAssignments as Record<string, number>),
    lastAssignmentsPerTarget: sortNested(ids.lastAssignmentsPerTarget),
    retired: sortNested(ids.retired ?? {}),
  };
  const reserved = normalizeReserved(ids.reserved ?? {});
  if (Object.keys(reserved).length > 0) out.reserved = reserved;
  return out;
}

/** Reserved IDs sorted by target, pool and ID, without repeats, empty lists or empty targets. */
function normalizeReserved(reserved: ReservedIds): ReservedIds {
  const targets: [string, Record<string, number[]>][] = [];
  for (const [target, pools] of Object.entries(reserved).sort(([a], [b]) => compareStrings(a, b))) {
    const lists = Object.entries(pools)
      .filter(([, list]) => list.length > 0)
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([pool, list]) => [pool, [...new Set(list)].sort((a, b) => a - b)] as const);
    if (lists.length > 0) targets.push([target, Object.fromEntries(lists)]);
  }
  return Object.fromEntries(targets);
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  const keys = Object.keys(o);
  // Usually already sorted (the assigner works in sorted order): then keep the object as it is.
  if (keys.every((k, i) => i === 0 || compareStrings(keys[i - 1]!, k) < 0)) return o;
  return Object.fromEntries(keys.sort(compareStrings).map((k) => [k, o[k]!]));
}

function setIfNotEmpty(target: Nested, key: string, value: Map<string, number>) {
  if (value.size > 0) target.set(key, value);
}

/** What changed between two assignments, pool by pool and service by service (for plans and PR comments). */
export function idChanges(
  before: IdsDocument,
  after: IdsDocument,
): { pool: string; service: string; from?: number; to?: number }[] {
  const changes: { pool: string; service: string; from?: number; to?: number }[] = [];
  const pools = [...new Set([...Object.keys(before.ids), ...Object.keys(after.ids)])].sort(compareStrings);
  for (const pool of pools) {
    const old = own(before.ids, pool) ?? {};
    const next = own(after.ids, pool) ?? {};
    for (const service of [...new Set([...Object.keys(old), ...Object.keys(next)])].sort(compareStrings)) {
      const from = own(old, service);
      const to = own(next, service);
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
 * Which IDs a pool began or stopped reserving on a target between two assignments, by target, pool
 * and ID (for plans and PR comments).
 */
export function reservationChanges(before: IdsDocument, after: IdsDocument): ReservationChange[] {
  const changes: ReservationChange[] = [];
  const was = before.reserved ?? {};
  const now = after.reserved ?? {};
  for (const target of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort(compareStrings)) {
    const old = own(was, target) ?? {};
    const next = own(now, target) ?? {};
    for (const pool of [...new Set([...Object.keys(old), ...Object.keys(next)])].sort(compareStrings)) {
      const from = new Set(own(old, pool));
      const to = new Set(own(next, pool));
      const ids = [...new Set([...from, ...to])].sort((a, b) => a - b);
      for (const id of ids) {
        if (from.has(id) === to.has(id)) continue;
        changes.push({ target, pool, id, change: to.has(id) ? 'reserved' : 'unreserved' });
      }
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
  // Every name is only a key here: own properties are read, and every one is defined (never assigned,
  // which for `__proto__` would replace the prototype, or for `constructor` reach into Object).
  const layer = (
    into: Record<string, Record<string, number>>,
    from: Record<string, Record<string, number>>,
  ) => {
    for (const [pool, services] of Object.entries(from)) {
      let target = own(into, pool);
      if (target === undefined) defineOwn(into, pool, (target = {}));
      const used = new Set(Object.values(target));
      for (const [service, id] of Object.entries(services)) {
        if (Object.hasOwn(target, service) || used.has(id)) continue;
        defineOwn(target, service, id);
        used.add(id);
      }
    }
  };
  layer(merged.ids, branch.ids);
  layer(merged.retired, branch.retired);
  for (const [pool, cursor] of Object.entries(branch.lastAssignments)) {
    if (!Object.hasOwn(merged.lastAssignments, pool)) defineOwn(merged.lastAssignments, pool, cursor);
  }
  for (const [target, cursors] of Object.entries(branch.lastAssignmentsPerTarget)) {
    if (!Object.hasOwn(merged.lastAssignmentsPerTarget, target))
      defineOwn(merged.lastAssignmentsPerTarget, target, cursors);
  }
  return normalizeIds(merged);
}

/** Sets `record[key]` as an own property, whatever the key. */
function defineOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The IDs a unit runs with, as its target's manifest records them (pool → ID). */
export interface RunningIds {
  service: string;
  ids?: Readonly<Record<string, number>>;
}

/**
 * The running IDs `prior` does not hold: each service's ID in a pool as its units run it, where prior
 * says otherwise (ids.json deleted or edited since, or a generation rolled back to). Empty when the
 * evaluation's prior IDs describe what runs. Units are read in order: the first one of a service wins.
 */
export function idsMissingFrom(prior: IdsDocument, running: readonly RunningIds[]): IdsDocument {
  const missing: Nested = new Map();
  for (const unit of running) {
    for (const [pool, id] of Object.entries(unit.ids ?? {})) {
      if (own(own(prior.ids, pool), unit.service) === id) continue;
      const byService = missing.get(pool) ?? new Map<string, number>();
      if (!byService.has(unit.service)) byService.set(unit.service, id);
      missing.set(pool, byService);
    }
  }
  return normalizeIds({ ...emptyIds(), ids: toRecords(missing) });
}

/**
 * The prior IDs with what runs put first: every running service keeps its running ID, and another
 * service's prior claim on that ID in that pool is dropped (it runs nowhere, so it can move).
 */
export function withRunningIds(prior: IdsDocument, running: IdsDocument): IdsDocument {
  const merged = normalizeIds(prior);
  for (const [pool, services] of Object.entries(running.ids)) {
    const taken = new Set(Object.values(services));
    const kept = Object.entries(own(merged.ids, pool) ?? {}).filter(
      ([service, id]) => !Object.hasOwn(services, service) && !taken.has(id),
    );
    defineOwn(merged.ids, pool, Object.fromEntries([...kept, ...Object.entries(services)]));
  }
  return normalizeIds(merged);
}
