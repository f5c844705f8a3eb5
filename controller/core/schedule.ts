/**
 * The scheduler: where the copies of a service with `replicas` or `placement.everywhere` go. Pure and
 * deterministic, and stable like the IDs: a placement, once made, is kept while it stays feasible. A
 * copy moves only when its target is gone, unreachable past `failoverAfterMs` (an exclusive one, once its
 * lease there has ended too), cordoned and drained, or
 * over capacity, or when its constraints changed. New copies go, after spreading, to the feasible target
 * with the most free capacity (its scarcest resource, as a share); ties break on the target name.
 * The placements, with why each was made, are what placements.json holds.
 */
import { compareStrings } from './problems.ts';
import { formatResources, type Resources } from './quantities.ts';

type Scalar = string | number | boolean;

/** A target as the scheduler sees it. */
export interface SchedulingTarget {
  name: string;
  properties: Readonly<Record<string, Scalar>>;
  /** What it offers its copies; a resource it does not declare has no limit. */
  capacity: Partial<Resources>;
  /** Takes no new copies. */
  cordoned: boolean;
  /** With cordoned: the copies placed there move. */
  drain: boolean;
  /** The containers it offers. */
  containers: ReadonlySet<string>;
}

/** A service the scheduler places. */
export interface SchedulingService {
  name: string;
  /** The container its copies run in. */
  container: string;
  /** How many copies; undefined with `everywhere`. */
  replicas?: number;
  /** One copy on every target that meets the constraints. */
  everywhere: boolean;
  /** Target properties a copy's target must have: one of the values. */
  constraints: Readonly<Record<string, readonly Scalar[]>>;
  /** The target property whose values the copies spread over. */
  spread?: string;
  /** What each copy needs. */
  resources: Resources;
  /** Runs under a lease: a copy leaves an unreachable target only once its lease has ended there. */
  exclusive?: boolean;
  /**
   * Its state moves with it (deployState), which needs the target it leaves: on a target lost for good,
   * 'refuse' keeps its copy there (held, and reported), 'empty' lets it start anew, empty, elsewhere.
   */
  stateOnLoss?: 'refuse' | 'empty';
}

/** Whether a target answers the controller's probes, since when, and when its leases have surely ended. */
export interface Liveness {
  reachable: boolean;
  /** ms since the epoch. */
  since: number;
  /** When an exclusive copy there has surely stopped, its lease run out (see lease.ts `leaseEnd`). */
  leaseEnd?: number;
}

/** Where each scheduled service's copies are, and why each was placed there: placements.json. */
export interface PlacementsDocument {
  placements: Record<string, Record<string, string>>;
}

/** What the scheduler decides from. */
export interface SchedulingInput {
  services: readonly SchedulingService[];
  targets: readonly SchedulingTarget[];
  /** What the copies placed by hand (distribution.yaml) use of each target. */
  used: ReadonlyMap<string, Resources>;
  /** The placements made before (empty when there are none). */
  prior: PlacementsDocument;
  /** What the controller's probes say of each target (none outside the controller), */
  liveness?: ReadonlyMap<string, Liveness>;
  /** as of now (ms since the epoch), */
  now?: number;
  /** and how long a target may not answer before its copies move. */
  failoverAfterMs: number;
}

/** A copy placed or taken away, and why. */
export interface PlacementChange {
  service: string;
  target: string;
  change: 'placed' | 'removed';
  reason: string;
}

/** A service some of whose copies fit nowhere: how many did, and why each other target would not do. */
export interface Unplaceable {
  service: string;
  placed: number;
  wanted: number;
  /** `<target>: <why not>`, by target name. */
  why: string[];
}

/** A copy kept on a target it would leave, and why. */
export interface HeldCopy {
  service: string;
  target: string;
  reason: string;
}

/** What the scheduler decided. */
export interface Schedule {
  placements: PlacementsDocument;
  changes: PlacementChange[];
  unplaceable: Unplaceable[];
  /** Copies of services whose state cannot move (stateOnLoss: refuse) held on targets lost. */
  held: HeldCopy[];
}

/** The reason of a copy placed for the first time. */
export const NEW_REPLICA = 'new replica';

/** Places every scheduled service's copies, keeping the prior placements that stay feasible. */
export function schedule(input: SchedulingInput): Schedule {
  const targets = [...input.targets].sort((a, b) => compareStrings(a.name, b.name));
  const byName = new Map(targets.map((t) => [t.name, t]));
  const services = [...input.services].sort((a, b) => compareStrings(a.name, b.name));
  const free = new Map(targets.map((t) => [t.name, freeOf(t, input.used.get(t.name))]));
  const placed = new Map<string, Map<string, string>>(services.map((s) => [s.name, new Map()]));
  const changes: PlacementChange[] = [];
  const held: HeldCopy[] = [];
  const departed = new Map<string, string[]>();

  // Keep what stays feasible, in a fixed order: when capacity shrank, the last ones move.
  for (const service of services) {
    const mine = placed.get(service.name)!;
    const prior = input.prior.placements[service.name] ?? {};
    for (const name of Object.keys(prior).sort(compareStrings)) {
      const target = byName.get(name);
      const lost = target && service.stateOnLoss === 'refuse' ? lostSince(target, input) : undefined;
      if (lost !== undefined)
        held.push({
          service: service.name,
          target: name,
          reason: `${lost}: its state cannot move without ${name}, and it is not started empty elsewhere (state.onLoss: refuse)`,
        });
      const why =
        target === undefined
          ? 'target removed'
          : lost !== undefined
            ? undefined
            : (leaveReason(service, target, input) ??
              (!fits(service.resources, free.get(name)!)
                ? 'over capacity'
                : !service.everywhere && mine.size >= service.replicas!
                  ? 'fewer replicas'
                  : undefined));
      if (why === undefined) {
        mine.set(name, prior[name]!);
        take(free.get(name)!, service.resources);
      } else {
        changes.push({ service: service.name, target: name, change: 'removed', reason: why });
        // A copy that left is replaced by the next one placed (an everywhere service's copies replace none).
        if (why !== 'fewer replicas' && !service.everywhere)
          departed.set(service.name, [...(departed.get(service.name) ?? []), `${name}: ${why}`]);
      }
    }
  }

  const unplaceable: Unplaceable[] = [];
  for (const service of services) {
    const mine = placed.get(service.name)!;
    const leaving = departed.get(service.name) ?? [];
    // The targets that may take a copy whatever else is placed (asked once: a fleet may be large).
    const eligible = targets.filter(
      (t) => !mine.has(t.name) && refusal(service, t, input, mine) === undefined,
    );
    const wanted = service.everywhere ? mine.size + eligible.length : service.replicas!;
    while (mine.size < wanted) {
      const chosen = choose(service, eligible, mine, byName, free);
      if (chosen === undefined) {
        unplaceable.push({
          service: service.name,
          placed: mine.size,
          wanted,
          why: targets
            .filter((t) => !mine.has(t.name))
            .map(
              (t) =>
                `${t.name}: ${refusal(service, t, input, mine) ?? shortOf(service.resources, free.get(t.name)!)}`,
            ),
        });
        break;
      }
      const replaced = leaving.shift();
      const reason = replaced !== undefined ? `replaces ${replaced}` : NEW_REPLICA;
      mine.set(chosen.name, reason);
      take(free.get(chosen.name)!, service.resources);
      changes.push({ service: service.name, target: chosen.name, change: 'placed', reason });
    }
  }

  const placements: Record<string, Record<string, string>> = {};
  for (const [service, mine] of placed) {
    if (mine.size === 0) continue;
    placements[service] = Object.fromEntries([...mine].sort(([a], [b]) => compareStrings(a, b)));
  }
  changes.sort((a, b) => compareStrings(a.service, b.service) || compareStrings(a.target, b.target));
  return { placements: { placements }, changes, unplaceable, held };
}

/** `unreachable since …` when `target` has not answered for longer than the failover delay. */
function lostSince(target: SchedulingTarget, input: SchedulingInput): string | undefined {
  const live = input.liveness?.get(target.name);
  if (live && !live.reachable && input.now !== undefined && input.now - live.since >= input.failoverAfterMs)
    return `unreachable since ${new Date(live.since).toISOString()}`;
  return undefined;
}

/** Why a copy placed on `target` must leave it (capacity aside); undefined when it may stay. */
function leaveReason(
  service: SchedulingService,
  target: SchedulingTarget,
  input: SchedulingInput,
): string | undefined {
  const since = lostSince(target, input);
  if (since !== undefined) {
    const live = input.liveness!.get(target.name)!;
    if (!service.exclusive) return since;
    // Never twice: an exclusive copy waits until its lease there has surely ended (not known: it stays).
    if (live.leaseEnd === undefined || input.now! < live.leaseEnd) return undefined;
    return `${since}, lease ended ${new Date(live.leaseEnd).toISOString()}`;
  }
  if (target.cordoned && target.drain) return 'cordoned and drained';
  if (!target.containers.has(service.container)) return `no container ${service.container}`;
  if (unmetConstraint(service, target) !== undefined) return 'constraints changed';
  return undefined;
}

/** Why `target` may not take a new copy of `service` (capacity aside); undefined when it may. */
function refusal(
  service: SchedulingService,
  target: SchedulingTarget,
  input: SchedulingInput,
  mine: ReadonlyMap<string, string>,
): string | undefined {
  if (mine.has(target.name)) return 'runs one already';
  if (input.liveness?.get(target.name)?.reachable === false) return 'unreachable';
  if (target.cordoned) return 'cordoned';
  if (!target.containers.has(service.container)) return `no container ${service.container}`;
  const unmet = unmetConstraint(service, target);
  if (unmet !== undefined) return unmet;
  if (service.spread !== undefined && !Object.hasOwn(target.properties, service.spread))
    return `no property ${service.spread} to spread over`;
  return undefined;
}

/** The first constraint `target` does not meet, said for people. */
function unmetConstraint(service: SchedulingService, target: SchedulingTarget): string | undefined {
  for (const property of Object.keys(service.constraints).sort(compareStrings)) {
    const allowed = service.constraints[property]!;
    const value = Object.hasOwn(target.properties, property) ? target.properties[property] : undefined;
    if (value === undefined || !allowed.includes(value))
      return `${property} is ${value === undefined ? 'not set' : JSON.stringify(value)}, not ${allowed.map((v) => JSON.stringify(v)).join(' or ')}`;
  }
  return undefined;
}

/**
 * The target for the next copy, in one pass over the eligible ones: of those it fits on and does not run
 * on yet, the one whose spread value has the fewest copies of the service, then the most free capacity,
 * then the first name (they come sorted).
 */
function choose(
  service: SchedulingService,
  eligible: readonly SchedulingTarget[],
  mine: ReadonlyMap<string, string>,
  byName: ReadonlyMap<string, SchedulingTarget>,
  free: ReadonlyMap<string, Free>,
): SchedulingTarget | undefined {
  const spread = service.spread;
  const counts = new Map<Scalar | undefined, number>();
  if (spread !== undefined)
    for (const name of mine.keys()) {
      const value = byName.get(name)?.properties[spread];
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  let best: { target: SchedulingTarget; count: number; share: number } | undefined;
  for (const target of eligible) {
    const left = free.get(target.name)!;
    if (mine.has(target.name) || !fits(service.resources, left)) continue;
    const count = spread === undefined ? 0 : (counts.get(target.properties[spread]) ?? 0);
    if (best !== undefined && count > best.count) continue;
    const room = share(left);
    if (best === undefined || count < best.count || room > best.share) best = { target, count, share: room };
  }
  return best?.target;
}

/** What is left of a target's capacity, and what it was (Infinity where it declares none). */
interface Free {
  left: Resources;
  total: Resources;
}

const RESOURCES = ['cpu', 'memory'] as const;

function freeOf(target: SchedulingTarget, used: Resources | undefined): Free {
  const total = { cpu: target.capacity.cpu ?? Infinity, memory: target.capacity.memory ?? Infinity };
  return { total, left: { cpu: total.cpu - (used?.cpu ?? 0), memory: total.memory - (used?.memory ?? 0) } };
}

function fits(needs: Resources, free: Free): boolean {
  return needs.cpu <= free.left.cpu && needs.memory <= free.left.memory;
}

function take(free: Free, needs: Resources): void {
  for (const r of RESOURCES) free.left[r] -= needs[r];
}

/** The share of its scarcest resource a target has left (1 for a resource it declares no limit of). */
function share(free: Free): number {
  return Math.min(shareOf(free, 'cpu'), shareOf(free, 'memory'));
}

function shareOf(free: Free, resource: 'cpu' | 'memory'): number {
  const total = free.total[resource];
  return total === Infinity ? 1 : total === 0 ? 0 : free.left[resource] / total;
}

/** What a copy needs that a target does not have left, said for people. */
function shortOf(needs: Resources, free: Free): string {
  const short = RESOURCES.filter((r) => needs[r] > free.left[r]);
  const has = Object.fromEntries(short.map((r) => [r, Math.max(0, free.left[r])]));
  const wants = Object.fromEntries(short.map((r) => [r, needs[r]]));
  return `needs ${formatResources(wants)}, has ${formatResources(has)} free`;
}
