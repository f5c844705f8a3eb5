/**
 * The controller's probes: every target of the last evaluation, every `--probe-interval`, one round trip
 * each (apply/remote.ts `probe`), a bounded number at a time, a target still being probed skipped. What
 * they find goes through the pure transitions of core/observed.ts (liveness, drift) and out as metrics,
 * log lines on each change, the live `observed` section of GET /status, and the liveness the next
 * evaluation gets (`EvaluationInput.observed`). A slow or dead target delays nobody: each probe is
 * bounded by the connect and command timeouts, and runs beside the reconciliation, not in it.
 */
import type { TargetLiveness } from '../core/evaluate.ts';
import type { TargetModel } from '../core/models/types.ts';
import {
  DEFAULT_OBSERVE_POLICY,
  driftOf,
  observe,
  unobserved,
  type Drift,
  type ObservePolicy,
  type ProbeReport,
  type TargetObservation,
} from '../core/observed.ts';
import { unitsDigest } from '../apply/remote.ts';
import type { Log } from '../log.ts';
import type { ControllerMetrics } from './daemon.ts';

/** What the controller probes: the targets of the last evaluation, and the units' digest each should run. */
export interface ProbeSubjects {
  targets: readonly TargetModel[];
  /** unitsDigest of what each target should run, when known (after a deployment). */
  desiredDigests: ReadonlyMap<string, string>;
}

/** The ports and settings of a prober. */
export interface ProberDeps {
  /** Probes one target: connects, probes and closes, within its bounds; throws when it cannot. */
  probe(target: TargetModel): Promise<ProbeReport>;
  now(): number;
  log: Log;
  metrics: ControllerMetrics;
  /** How many targets are probed at a time. */
  concurrency: number;
  policy?: ObservePolicy;
}

/** One target as GET /status shows it. */
export interface ObservedTarget {
  reachable: boolean | null;
  since: string;
  lastSeen?: string;
  lastError?: string;
  generation?: number;
  drift?: Drift;
  load?: number[];
  memoryAvailable?: number;
  diskFree?: number;
}

/** Probes targets and keeps what they said. */
export class Prober {
  private subjects: ProbeSubjects = { targets: [], desiredDigests: new Map() };
  private readonly observations = new Map<string, TargetObservation>();
  private readonly inFlight = new Set<string>();
  private readonly policy: ObservePolicy;

  constructor(private readonly deps: ProberDeps) {
    this.policy = deps.policy ?? DEFAULT_OBSERVE_POLICY;
  }

  /** What to probe from now on (after each evaluation); targets no longer there are forgotten. */
  watch(subjects: ProbeSubjects): void {
    this.subjects = subjects;
    const names = new Set(subjects.targets.map((t) => t.name));
    for (const name of this.observations.keys()) {
      if (names.has(name)) continue;
      this.observations.delete(name);
      this.deps.metrics.forgetTarget(name);
    }
  }

  /** Probes every target not already being probed, `concurrency` at a time; resolves when all ended. */
  async probeAll(): Promise<void> {
    const queue = this.subjects.targets.filter((t) => !this.inFlight.has(t.name));
    for (const target of queue) this.inFlight.add(target.name);
    const worker = async () => {
      for (let target = queue.shift(); target; target = queue.shift()) {
        try {
          await this.probeOne(target);
        } finally {
          this.inFlight.delete(target.name);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.deps.concurrency) }, worker));
  }

  private async probeOne(target: TargetModel): Promise<void> {
    const { deps } = this;
    const started = deps.now();
    let outcome: Parameters<typeof observe>[1];
    try {
      const report = await deps.probe(target);
      // A target drover never deployed to runs no units: the digest of none.
      if (report.generation === 0 && report.digest === undefined) report.digest = unitsDigest([]);
      outcome = { ok: true, report };
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const now = deps.now();
    deps.metrics.probeSeconds.observe({ target: target.name }, (now - started) / 1000);
    const before = this.observations.get(target.name) ?? unobserved(started);
    const after = observe(before, outcome, now, this.policy);
    this.observations.set(target.name, after);
    if (after.reachable !== before.reachable && after.reachable !== undefined) {
      if (after.reachable) deps.log.info({ target: target.name }, 'target reachable');
      else deps.log.warn({ target: target.name, error: after.lastError }, 'target unreachable');
    }
    const lease = outcome.ok ? outcome.report.lease : undefined;
    if (lease && !lease.renewed && before.report?.lease?.renewed !== false)
      deps.log.warn(
        { target: target.name, ...lease },
        lease.clock !== undefined
          ? `leases not renewed: ${target.name}'s clock reads ${new Date(lease.clock * 1000).toISOString()}, too far from the controller's`
          : `leases not renewed: ${lease.error ?? 'failed'}`,
      );
    const drift = driftOf(after, this.subjects.desiredDigests.get(target.name));
    const driftBefore = driftOf(before, this.subjects.desiredDigests.get(target.name));
    if (drift && JSON.stringify(drift) !== JSON.stringify(driftBefore))
      deps.log.warn({ target: target.name, drift }, 'drift');
    deps.metrics.observed(target.name, after, drift);
  }

  /** Every probed target, as GET /status shows them. */
  snapshot(): Record<string, ObservedTarget> {
    const iso = (ms: number) => new Date(ms).toISOString();
    const out: Record<string, ObservedTarget> = {};
    for (const [name, o] of [...this.observations].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const target: ObservedTarget = { reachable: o.reachable ?? null, since: iso(o.since) };
      if (o.lastSeen !== undefined) target.lastSeen = iso(o.lastSeen);
      if (o.lastError !== undefined) target.lastError = o.lastError;
      const report = o.report;
      if (report) {
        target.generation = report.generation;
        if (report.load) target.load = report.load;
        if (report.memoryAvailable !== undefined) target.memoryAvailable = report.memoryAvailable;
        if (report.diskFree !== undefined) target.diskFree = report.diskFree;
      }
      const drift = driftOf(o, this.subjects.desiredDigests.get(name));
      if (drift) target.drift = drift;
      out[name] = target;
    }
    return out;
  }

  /** The drift of every reachable target that has some. */
  drifts(): Map<string, Drift> {
    const out = new Map<string, Drift>();
    for (const [name, o] of this.observations) {
      const drift = driftOf(o, this.subjects.desiredDigests.get(name));
      if (drift) out.set(name, drift);
    }
    return out;
  }

  /** What each Unreachable target ran when it last answered: its generation and that one's digest. */
  unreachable(): Map<string, { digest: string; generation: number }> {
    const out = new Map<string, { digest: string; generation: number }>();
    for (const [name, o] of this.observations) {
      const digest = o.report?.digest;
      if (o.reachable === false && digest !== undefined)
        out.set(name, { digest, generation: o.report!.generation });
    }
    return out;
  }

  /** When a target last answered (when probing it started, if it never did); undefined before its first probe. */
  answeredAt(target: string): number | undefined {
    const o = this.observations.get(target);
    return o && (o.lastSeen ?? o.firstProbe);
  }

  /** Liveness by target, for the next evaluation (`EvaluationInput.observed`). */
  liveness(): Map<string, TargetLiveness> {
    const out = new Map<string, TargetLiveness>();
    for (const [name, o] of this.observations)
      if (o.reachable !== undefined) out.set(name, { reachable: o.reachable, since: o.since });
    return out;
  }
}
