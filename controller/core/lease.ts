/**
 * Leases for exclusive services: a copy that must never run twice, even while its target is only cut off
 * from the controller. Its process runs under a guard on its target that stops it when the lease in
 * `<stateDir>/leases/<service>` runs out; the controller renews the lease with each probe, and places a
 * replacement elsewhere only once the lease has surely run out and the copy stopped (`leaseEnd`).
 *
 * The timing argument, with the controller's clock as the reference:
 * - A renewal sent at controller time `s` says "until `u` = s + timeout" (whole seconds, rounded up). The
 *   controller records `u` before it sends, so an answer lost on the way changes nothing.
 * - The target takes a renewal only when its own clock reads within `maxSkew` of `s`. So a renewal that
 *   the network held back for longer is refused, and any lease the target holds ends, on the target's
 *   clock, at a `u` the controller recorded.
 * - The guard reads the lease every GUARD_POLL_MS; once the target's clock reaches `u` it stops the
 *   process (SIGTERM, SIGKILL after GUARD_GRACE_MS) and exits, and does not start it again without a valid
 *   lease. A target clock within `maxSkew` (plus a second of rounding) of the controller's reaches `u` at
 *   controller time u + maxSkew + 1 s at the latest.
 * - So a copy is stopped by `leaseEnd(u)` = u + maxSkew + 1 s + GUARD_POLL_MS + GUARD_GRACE_MS + 1 s, and
 *   the scheduler moves an exclusive copy off an unreachable target only after the lease end of the last
 *   renewal sent to it. A lease that ended is not renewed again: only a deployment grants a new one.
 * - What it assumes: the target's clock does not step back by more than maxSkew while cut off, and the
 *   controller's clock is steady. A controller that starts counts a lease as possibly sent just before.
 */
import type { ResolvedProcess } from '../../renderers/types.ts';

/** How long a lease lasts, and how far a target's clock may be from the controller's. */
export interface LeaseTerms {
  timeoutMs: number;
  maxSkewMs: number;
}

/** The defaults: a minute's lease (renewed by probes every 30 s), and clocks within 2 s. */
export const DEFAULT_LEASE_TERMS: LeaseTerms = { timeoutMs: 60_000, maxSkewMs: 2_000 };

/** How often the guard reads its lease. */
export const GUARD_POLL_MS = 1_000;
/** How long the guard waits for its process to stop after SIGTERM before SIGKILL. */
export const GUARD_GRACE_MS = 5_000;

/** The folder of a target's lease files. */
export function leaseDirOf(stateDir: string): string {
  return `${stateDir}/leases`;
}

/** Where an exclusive service's lease is on its target. */
export function leaseFileOf(stateDir: string, service: string): string {
  return `${leaseDirOf(stateDir)}/${service}`;
}

/** The lease a renewal sent at `nowMs` grants: until when, in whole seconds since the epoch. */
export function leaseUntil(nowMs: number, terms: LeaseTerms): number {
  return Math.ceil((nowMs + terms.timeoutMs) / 1000);
}

/**
 * A renewal of leases as a target takes it: until when and the controller's clock when sent (seconds
 * since the epoch), how far the target's clock may be from it (seconds), and for which services.
 */
export interface LeaseRenewal {
  expiry: number;
  sent: number;
  maxSkew: number;
  services: readonly string[];
}

/** The renewal of `services`' leases sent at `nowMs`. */
export function renewalAt(nowMs: number, terms: LeaseTerms, services: readonly string[]): LeaseRenewal {
  return {
    expiry: leaseUntil(nowMs, terms),
    sent: Math.floor(nowMs / 1000),
    maxSkew: Math.ceil(terms.maxSkewMs / 1000),
    services,
  };
}

/** When a copy whose lease runs until `untilS` (seconds) has surely stopped, in controller ms. */
export function leaseEnd(untilS: number, terms: LeaseTerms): number {
  return untilS * 1000 + terms.maxSkewMs + 1_000 + GUARD_POLL_MS + GUARD_GRACE_MS + 1_000;
}

/**
 * The guard, a POSIX sh script run as `sh -c GUARD drover-lease LEASE COMMAND ARGS...`: starts COMMAND
 * only under a valid lease, stops it when the lease runs out, and passes SIGTERM on. One line, with no
 * `%` (supervisord) nor anything a manager's own quoting does not carry.
 */
const STOP = [
  'echo "drover: the lease in $lease ran out: stopping" >&2',
  'kill -TERM $child',
  'i=0',
  `while kill -0 $child 2>/dev/null && [ $i -lt ${GUARD_GRACE_MS / 100} ]; do sleep 0.1; i=$((i + 1)); done`,
  'kill -KILL $child 2>/dev/null',
  'wait $child',
  'exit 75',
].join('; ');
export const LEASE_GUARD = [
  'lease=$1; shift',
  'valid() { read -r expiry 2>/dev/null <"$lease" && [ "$(date +%s)" -lt "$expiry" ]; }',
  'valid || { echo "drover: no valid lease in $lease: not starting" >&2; exit 75; }',
  '"$@" & child=$!',
  "trap 'kill -TERM $child 2>/dev/null' TERM INT HUP",
  `while kill -0 $child 2>/dev/null; do valid || { ${STOP}; }; sleep ${GUARD_POLL_MS / 1000}; done`,
  'wait $child',
].join('; ');

/** The process of an exclusive service: its command under the guard. */
export function guarded(process: ResolvedProcess, leaseFile: string): ResolvedProcess {
  if (process.command === undefined) return process;
  return {
    ...process,
    command: '/bin/sh',
    args: ['-c', LEASE_GUARD, 'drover-lease', leaseFile, process.command, ...process.args],
  };
}
