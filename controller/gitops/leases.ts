/**
 * The controller's book of the leases it sends (see core/lease.ts for the timing argument): the latest
 * expiry sent to each target, recorded before it is sent, and counting one that a controller before this
 * one may have sent just before it started. From it: when each target's exclusive copies have surely
 * stopped (what the scheduler waits for before it places them elsewhere), and the renewals the probes
 * carry. A lease that has ended is not renewed: only a deployment grants a new one.
 */
import { leaseEnd, leaseUntil, renewalAt, type LeaseRenewal, type LeaseTerms } from '../core/lease.ts';
import type { Liveness } from '../core/schedule.ts';

/** The leases sent to each target. */
export class LeaseBook {
  private readonly sentUntil = new Map<string, number>();
  private readonly floor: number;

  constructor(
    readonly terms: LeaseTerms,
    startedAt: number,
  ) {
    this.floor = leaseUntil(startedAt, terms);
  }

  /** Records a lease about to be sent to `target`, until `expiry` (seconds since the epoch). */
  sent(target: string, expiry: number): void {
    this.sentUntil.set(target, Math.max(expiry, this.sentUntil.get(target) ?? 0));
  }

  /** When a copy leased on `target` has surely stopped, in ms since the epoch. */
  endOf(target: string): number {
    return leaseEnd(Math.max(this.floor, this.sentUntil.get(target) ?? 0), this.terms);
  }

  /**
   * The renewal a probe of `target` carries at `now` for its exclusive copies `services`, recorded as
   * sent. None when it has none, when their lease there has ended, or when the target has not answered
   * since `answered` for a lease timeout: renewals sent into a silent target would keep its lease alive,
   * as far as the controller can tell, for ever (a failed probe or two still renew).
   */
  renewal(
    target: string,
    services: readonly string[],
    now: number,
    answered = now,
  ): LeaseRenewal | undefined {
    if (services.length === 0 || now >= this.endOf(target) || now - answered >= this.terms.timeoutMs)
      return undefined;
    const renewal = renewalAt(now, this.terms, services);
    this.sent(target, renewal.expiry);
    return renewal;
  }

  /** The probes' liveness with when each target's leases have surely ended, for the scheduler. */
  withLeaseEnds(liveness: ReadonlyMap<string, Liveness>): Map<string, Liveness> {
    return new Map([...liveness].map(([target, l]) => [target, { ...l, leaseEnd: this.endOf(target) }]));
  }
}
