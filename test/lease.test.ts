/**
 * Leases of exclusive services: the guard (run by the real sh), the renewal a target takes or refuses,
 * and the controller's book of what it sent.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_LEASE_TERMS,
  GUARD_GRACE_MS,
  GUARD_POLL_MS,
  leaseEnd,
  leaseFileOf,
  LEASE_GUARD,
  renewalAt,
} from '../controller/core/lease.ts';
import { renewLeases } from '../controller/apply/remote.ts';
import { LeaseBook } from '../controller/gitops/leases.ts';
import { LocalTransport } from '../controller/transport/local.ts';
import { waitFor } from './helpers/local-target.ts';
import { TempDirs } from './helpers/models.ts';

/** Runs `command` under the guard with the lease file `lease`; resolves with its exit code and stderr. */
function guard(lease: string, command: string[]) {
  const child = spawn('sh', ['-c', LEASE_GUARD, 'drover-lease', lease, ...command], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  );
  return { child, exited };
}

/** Whether a process whose command line holds `marker` runs. */
const runs = (marker: string) =>
  new Promise<boolean>((resolve) =>
    spawn('pgrep', ['-f', `^sleep ${marker}$`]).on('exit', (code) => resolve(code === 0)),
  );

const seconds = (ms: number) => Math.floor(ms / 1000);

describe('leases', function () {
  this.timeout(30_000);
  const temp = new TempDirs();
  after(() => temp.cleanup());

  describe('the guard', () => {
    it('does not start its command without a valid lease', async () => {
      const lease = join(temp.make(), 'web');
      const missing = await guard(lease, ['sleep', '301']).exited;
      writeFileSync(lease, `${seconds(Date.now()) - 1}\n`);
      const expired = await guard(lease, ['sleep', '301']).exited;

      assert.equal(missing.code, 75);
      assert.match(missing.stderr, /^drover: no valid lease in \S+\/web: not starting\n$/);
      assert.equal(expired.code, 75);
      assert.equal(await runs('301'), false);
    });

    it('stops its command once the lease runs out, within a poll', async () => {
      const lease = join(temp.make(), 'web');
      const until = seconds(Date.now()) + 2;
      writeFileSync(lease, `${until}\n`);
      const { exited } = guard(lease, ['sleep', '302']);
      await waitFor('the command to run', async () => ((await runs('302')) ? true : undefined), 5_000);

      const { code, stderr } = await exited;

      const stoppedAt = Date.now();
      assert.equal(code, 75);
      assert.match(stderr, /the lease in \S+ ran out: stopping/);
      assert.equal(await runs('302'), false);
      assert.ok(stoppedAt >= until * 1000, 'not before the lease ran out');
      assert.ok(
        stoppedAt <= until * 1000 + GUARD_POLL_MS + 1_000,
        `stopped ${stoppedAt - until * 1000} ms after`,
      );
    });

    it('keeps its command running while the lease is renewed, and passes SIGTERM on', async () => {
      const lease = join(temp.make(), 'web');
      writeFileSync(lease, `${seconds(Date.now()) + 2}\n`);
      const { child, exited } = guard(lease, ['sleep', '303']);
      await waitFor('the command to run', async () => ((await runs('303')) ? true : undefined), 5_000);
      writeFileSync(lease, `${seconds(Date.now()) + 60}\n`);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      assert.equal(await runs('303'), true, 'still running past the first expiry');

      child.kill('SIGTERM');
      const { code } = await exited;

      assert.equal(code, 143, 'the status of the command stopped by SIGTERM');
      assert.equal(await runs('303'), false);
    });
  });

  describe('a renewal', () => {
    it('writes the expiry into each service lease file', async () => {
      const stateDir = temp.make();
      const renewal = renewalAt(Date.now(), DEFAULT_LEASE_TERMS, ['web', 'db']);

      const answer = await renewLeases(new LocalTransport(), stateDir, renewal);

      assert.deepEqual(answer, { renewed: true });
      for (const service of ['web', 'db'])
        assert.equal(readFileSync(leaseFileOf(stateDir, service), 'utf8'), `${renewal.expiry}\n`);
    });

    it("is refused by a target whose clock is too far from the controller's: it might have been held back", async () => {
      const stateDir = temp.make();
      const late = renewalAt(Date.now() - 10_000, DEFAULT_LEASE_TERMS, ['web']);

      const answer = await renewLeases(new LocalTransport(), stateDir, late);

      assert.equal(answer.renewed, false);
      assert.ok(!answer.renewed && Math.abs(answer.clock - seconds(Date.now())) <= 1, 'says its clock');
      assert.throws(() => readFileSync(leaseFileOf(stateDir, 'web')), /ENOENT/);
    });
  });

  describe("the controller's book", () => {
    const terms = { timeoutMs: 60_000, maxSkewMs: 2_000 };
    const start = Date.parse('2026-12-05T10:00:00Z');

    it('counts a lease sent just before it started, and the latest one it sent since', () => {
      const book = new LeaseBook(terms, start);
      assert.equal(book.endOf('t1'), leaseEnd(seconds(start + 60_000), terms));

      const renewal = book.renewal('t1', ['web'], start + 30_000)!;

      assert.equal(renewal.expiry, seconds(start + 90_000));
      assert.equal(
        book.endOf('t1'),
        renewal.expiry * 1000 + 2_000 + 1_000 + GUARD_POLL_MS + GUARD_GRACE_MS + 1_000,
      );
    });

    it('never renews a lease that has ended, nor sends one to a target with no exclusive copy', () => {
      const book = new LeaseBook(terms, start);

      assert.equal(book.renewal('t1', [], start), undefined);
      assert.equal(book.renewal('t1', ['web'], book.endOf('t1')), undefined);
      book.sent('t1', seconds(start + 200_000));
      assert.ok(book.renewal('t1', ['web'], start + 100_000) !== undefined, 'a deployment granted a new one');
      assert.equal(
        book.renewal('t1', ['web'], start + 100_000, start + 40_000),
        undefined,
        'silent for a lease timeout: no more renewals',
      );
      assert.ok(
        book.renewal('t1', ['web'], start + 100_000, start + 41_000) !== undefined,
        'a failed probe or two',
      );
    });
  });
});
