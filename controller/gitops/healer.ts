/**
 * The controller's healing (`--heal`, on by default): after each round of probes, drift is put right by
 * deploying the last deployed models again, through the same engine (dependency order, waves, health
 * checks, rollback): a manager that is down is started (its units' setup does it), units that do not run
 * are started again, a generation someone else made is replaced. Each unit backs off between heals, and
 * one healed `degradedAfter` times within the window is Degraded: left alone (no restart storm) until its
 * spec changes or an operator retries. One heal at a time, never beside a deployment (the caller's
 * `redeploy` is serialised with them).
 */
import type { DeployResult } from '../apply/deploy.ts';
import {
  DEFAULT_OBSERVE_POLICY,
  healDecision,
  healed,
  type Drift,
  type HealRecord,
  type ObservePolicy,
} from '../core/observed.ts';
import { unitId } from '../core/units.ts';
import type { Log } from '../log.ts';
import type { ControllerMetrics } from './daemon.ts';

/** The ports and settings of a healer. */
export interface HealerDeps {
  /**
   * Deploys the last deployed models again to `targets` (the others are left as they are, reachable or
   * not), starting no unit of `leaveAlone`; undefined when nothing was deployed yet.
   */
  redeploy(targets: ReadonlySet<string>, leaveAlone: ReadonlySet<string>): Promise<DeployResult | undefined>;
  now(): number;
  log: Log;
  metrics: ControllerMetrics;
  policy?: ObservePolicy;
}

/** Heals drift, with a backoff per unit. */
export class Healer {
  private readonly records = new Map<string, HealRecord>();
  /** The hash each unit was deployed with: a unit whose spec changes starts afresh. */
  private readonly hashes = new Map<string, string>();
  private healing = false;

  constructor(private readonly deps: HealerDeps) {}

  /** After a deployment: forgets the heals of every unit whose hash changed. */
  deployed(units: readonly { service: string; target: string; container: string; hash: string }[]): void {
    for (const unit of units) {
      const id = unitId(unit);
      if (this.hashes.get(id) !== unit.hash) this.records.delete(id);
      this.hashes.set(id, unit.hash);
    }
  }

  /** `drover retry`: every unit may be healed again, Degraded ones included. */
  retry(): void {
    this.records.clear();
  }

  /** The units given up on. */
  degraded(): string[] {
    return [...this.records].filter(([, r]) => r.degraded).map(([id]) => id);
  }

  /** Heals the drift of the last probes, unless a heal is under way or nothing is due. */
  async heal(drifts: ReadonlyMap<string, Drift>): Promise<void> {
    if (this.healing || drifts.size === 0) return;
    const { deps } = this;
    const policy = deps.policy ?? DEFAULT_OBSERVE_POLICY;
    const now = deps.now();
    const leaveAlone = new Set<string>();
    let due = false;
    for (const drift of drifts.values()) {
      if (drift.managersDown.length > 0 || drift.otherGeneration) due = true;
      for (const id of Object.keys(drift.notRunning)) {
        if (healDecision(this.records.get(id), now, policy).heal) due = true;
        else leaveAlone.add(id);
      }
    }
    if (!due) return;
    this.healing = true;
    try {
      deps.log.info({ targets: [...drifts.keys()], leftAlone: [...leaveAlone] }, 'healing drift');
      const result = await deps.redeploy(new Set(drifts.keys()), leaveAlone);
      if (!result) return;
      const started = result.plan.steps.filter((s) => s.reason.kind === 'not-running').map((s) => unitId(s));
      for (const id of started) {
        const record = healed(this.records.get(id), now, policy);
        this.records.set(id, record);
        deps.metrics.heals.inc({ unit: id });
        if (record.degraded)
          deps.log.warn(
            { unit: id, heals: record.heals.length },
            'degraded: it keeps stopping; left alone until its spec changes or drover retry',
          );
        else deps.log.info({ unit: id, heals: record.heals.length }, 'healed: started again');
      }
      if (!result.ok) deps.log.error({ error: result.error }, 'healing failed and was rolled back');
    } finally {
      this.healing = false;
    }
  }
}
