/**
 * What the controller observes of its targets between commits, as pure transitions over probe results
 * (the probing itself, the clock and the healing are passed in):
 *
 * - liveness: a target is Unreachable once it has not answered for `unreachableAfterMs`, and Reachable
 *   again after `goodProbesToRecover` good probes in a row (hysteresis: a flapping link does not flap
 *   the condition);
 * - drift: a unit its manifest says runs but its manager does not, one of drover's own managers down, or
 *   a current generation whose units are not the desired ones;
 * - healing: when a unit may be started again, with a backoff per unit (10 s, 30 s, 1 min, 2 min, 5 min,
 *   10 min), and Degraded (left alone) after `degradedAfter` heals within `degradedWindowMs`, until its
 *   spec changes or an operator retries.
 */

/** Why the manager of a unit does not run it: stopped (or unknown to it), gave up, or running another version. */
export type NotRunning = 'stopped' | 'failed' | 'other-entry';

/** What the managers of a target say of the units of its current generation. */
export interface Observed {
  /** The units their managers run, by unit id. */
  running: string[];
  /** The units their managers are starting (not running yet, and no drift: supervisord's startsecs). */
  starting: string[];
  /** The units that do not run, by unit id (the others run or are starting). */
  notRunning: Map<string, NotRunning>;
  /** drover's own managers that are down, by name (their units are in notRunning too). */
  managersDown: string[];
}

/** What a probe found on a target. */
export interface ProbeReport {
  generation: number;
  /** The digest of the current generation's units (unitsDigest), when it has one. */
  digest?: string;
  /** What its managers say of those units; none for a generation recorded without a probe. */
  observed?: Observed;
  /** A run holds its lock. */
  locked: boolean;
  /** Load averages over 1, 5 and 15 minutes. */
  load?: [number, number, number];
  /** Memory available, and space free under the state dir, in bytes. */
  memoryAvailable?: number;
  diskFree?: number;
  /** What became of the leases the probe renewed: renewed, or refused for the target's clock (seconds). */
  lease?: { renewed: true } | { renewed: false; clock?: number; error?: string };
}

/** How observations turn into conditions and heals. */
export interface ObservePolicy {
  unreachableAfterMs: number;
  goodProbesToRecover: number;
  /** Waits before each heal of a unit, by how many heals it had within the window; the last repeats. */
  healBackoffMs: readonly number[];
  degradedAfter: number;
  degradedWindowMs: number;
}

/** The defaults the controller's options start from. */
export const DEFAULT_OBSERVE_POLICY: ObservePolicy = {
  unreachableAfterMs: 60_000,
  goodProbesToRecover: 2,
  healBackoffMs: [10_000, 30_000, 60_000, 120_000, 300_000, 600_000],
  degradedAfter: 5,
  degradedWindowMs: 600_000,
};

/** What the controller knows of one target. */
export interface TargetObservation {
  /** Unknown until its first probe ends. */
  reachable: boolean | undefined;
  /** When `reachable` last changed (ms since the epoch). */
  since: number;
  /** When it last answered, and when probing it started (to time out a target that never answered). */
  lastSeen?: number;
  firstProbe: number;
  lastError?: string;
  goodInARow: number;
  /** What its last good probe found. */
  report?: ProbeReport;
}

/** A target before any probe. */
export function unobserved(now: number): TargetObservation {
  return { reachable: undefined, since: now, firstProbe: now, goodInARow: 0 };
}

/** The outcome of one probe: its report, or why it failed. */
export type ProbeOutcome = { ok: true; report: ProbeReport } | { ok: false; error: string };

/** A target's observation after one probe ended at `now`. */
export function observe(
  before: TargetObservation,
  outcome: ProbeOutcome,
  now: number,
  policy: ObservePolicy = DEFAULT_OBSERVE_POLICY,
): TargetObservation {
  if (outcome.ok) {
    const goodInARow = before.goodInARow + 1;
    // The first answer ever makes it Reachable at once; after Unreachable, it takes good probes in a row.
    const recovers =
      before.reachable === undefined ||
      (before.reachable === false && goodInARow >= policy.goodProbesToRecover);
    const next: TargetObservation = { ...before, lastSeen: now, goodInARow, report: outcome.report };
    delete next.lastError;
    if (recovers) return { ...next, reachable: true, since: now };
    return next;
  }
  const silentSince = before.lastSeen ?? before.firstProbe;
  const next: TargetObservation = { ...before, goodInARow: 0, lastError: outcome.error };
  if (before.reachable !== false && now - silentSince >= policy.unreachableAfterMs)
    return { ...next, reachable: false, since: now };
  return next;
}

/** Why a target drifted from what it should run. */
export interface Drift {
  /** Units its manifest says run, but their managers do not: by unit id, why. */
  notRunning: Record<string, NotRunning>;
  /** drover's own managers that are down. */
  managersDown: string[];
  /** Its current generation is not the desired units (someone changed it, or a deployment failed). */
  otherGeneration: boolean;
}

/**
 * The drift of a target's last probe from `desiredDigest` (unitsDigest of the units it should run;
 * undefined when nothing is known to be desired there yet); undefined when there is none, no probe, or
 * the target is locked by a run.
 */
export function driftOf(
  observation: TargetObservation,
  desiredDigest: string | undefined,
): Drift | undefined {
  const report = observation.report;
  // Unknown while unreachable; and a target a run holds the lock of is being changed, not drifting.
  if (!report || observation.reachable !== true || report.locked) return undefined;
  const notRunning = Object.fromEntries(report.observed?.notRunning ?? []);
  const managersDown = report.observed?.managersDown ?? [];
  const otherGeneration = desiredDigest !== undefined && report.digest !== desiredDigest;
  if (Object.keys(notRunning).length === 0 && managersDown.length === 0 && !otherGeneration) return undefined;
  return { notRunning, managersDown, otherGeneration };
}

/** The heals of one unit: when each was made (ms), and whether it was given up on. */
export interface HealRecord {
  heals: number[];
  degraded: boolean;
}

/** What to do about a unit that does not run. */
export type HealDecision =
  { heal: true } | { heal: false; reason: 'backoff'; until: number } | { heal: false; reason: 'degraded' };

/** Whether a unit that does not run may be started again at `now`, given its heals so far. */
export function healDecision(
  record: HealRecord | undefined,
  now: number,
  policy: ObservePolicy = DEFAULT_OBSERVE_POLICY,
): HealDecision {
  if (!record || record.heals.length === 0) return { heal: true };
  if (record.degraded) return { heal: false, reason: 'degraded' };
  const recent = record.heals.filter((at) => now - at < policy.degradedWindowMs);
  const wait = policy.healBackoffMs[Math.min(recent.length, policy.healBackoffMs.length) - 1] ?? 0;
  const until = record.heals[record.heals.length - 1]! + wait;
  return now >= until ? { heal: true } : { heal: false, reason: 'backoff', until };
}

/**
 * A unit's record after a heal at `now`: Degraded once it reaches `degradedAfter` heals within the
 * window (it keeps crashing: no restart storm).
 */
export function healed(
  record: HealRecord | undefined,
  now: number,
  policy: ObservePolicy = DEFAULT_OBSERVE_POLICY,
): HealRecord {
  const heals = [...(record?.heals ?? []), now].filter((at) => now - at < policy.degradedWindowMs);
  return { heals, degraded: heals.length >= policy.degradedAfter };
}
