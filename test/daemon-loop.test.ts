/**
 * The controller's loop, with a reconciler that hangs: /healthz fails once a reconciliation has made no
 * progress for the watchdog's bound, and SIGTERM ends the process within its bound even so.
 */
import assert from 'node:assert/strict';
import { Heartbeat, runDaemon, ControllerMetrics } from '../controller/gitops/daemon.ts';
import type { ReconcileResult } from '../controller/gitops/reconciler.ts';
import { silentLog } from '../controller/log.ts';
import { waitFor } from './helpers/local-target.ts';

const PORT = 19700 + (process.pid % 200);

describe("the controller's loop", () => {
  it('fails /healthz when a reconciliation makes no progress, and exits within its bound after SIGTERM', async () => {
    const heartbeat = new Heartbeat();
    const exits: number[] = [];
    let reconciliations = 0;
    let release: (result: ReconcileResult) => void = () => undefined;
    const daemon = runDaemon({
      reconciler: {
        // The first answers at once; the second hangs, ignoring the abort, as a silent target would.
        reconcile: () =>
          ++reconciliations === 1
            ? Promise.resolve<ReconcileResult>({ outcome: 'deployed', requeueAfter: 0 })
            : new Promise<ReconcileResult>((resolve) => (release = resolve)),
        retry: () => undefined,
      },
      status: { get: () => undefined, set: () => undefined },
      metrics: new ControllerMetrics(),
      log: silentLog,
      listen: { host: '127.0.0.1', port: PORT },
      watchFiles: [],
      abort: new AbortController(),
      heartbeat,
      watchdogMs: 300,
      rollbackBoundMs: 700,
      graceMs: 300,
      exit: (code) => exits.push(code),
    });
    const health = async () => (await fetch(`http://127.0.0.1:${PORT}/healthz`)).status;

    await waitFor('the second reconciliation', () => (reconciliations === 2 ? true : undefined));
    const early = await health();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const late = await health();
    const signalled = Date.now();
    process.emit('SIGTERM');
    await waitFor('the exit', () => (exits.length > 0 ? true : undefined));
    const took = Date.now() - signalled;

    assert.equal(early, 200);
    assert.equal(late, 503);
    assert.deepEqual(exits, [1]);
    assert.ok(took >= 1000 && took < 5000, `exited after ${took} ms: the grace plus the rollback bound`);
    release({ outcome: 'idle', requeueAfter: 0 });
    await daemon;
  });
});
