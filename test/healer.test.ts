/**
 * The controller's healing policy with its deployment faked (the end-to-end heal runs in
 * controller-e2e.test.ts): a unit that keeps stopping is started again with a growing backoff, then
 * left alone as Degraded, until its spec changes or an operator retries.
 */
import assert from 'node:assert/strict';
import type { DeployResult } from '../controller/apply/deploy.ts';
import type { Drift } from '../controller/core/observed.ts';
import { ControllerMetrics } from '../controller/gitops/daemon.ts';
import { Healer } from '../controller/gitops/healer.ts';
import { silentLog } from '../controller/log.ts';

const S = 1000;
const UNIT = 'web@t1/process';
const crashed: ReadonlyMap<string, Drift> = new Map([
  ['t1', { notRunning: { [UNIT]: 'failed' }, managersDown: [], otherGeneration: false }],
]);

describe('healing', () => {
  let now: number;
  let redeploys: { targets: string[]; leaveAlone: string[] }[];
  let healer: Healer;
  beforeEach(() => {
    now = 0;
    redeploys = [];
    healer = new Healer({
      redeploy: (targets, leaveAlone) => {
        redeploys.push({ targets: [...targets], leaveAlone: [...leaveAlone] });
        const started = leaveAlone.has(UNIT) ? [] : [step()];
        return Promise.resolve({ ok: true, plan: { steps: started } } as unknown as DeployResult);
      },
      now: () => now,
      log: silentLog,
      metrics: new ControllerMetrics(),
    });
  });
  const step = () => ({
    op: 'activate',
    service: 'web',
    target: 't1',
    container: 'process',
    reason: { kind: 'not-running', message: 'not running on t1: start' },
  });
  /** Probes every second for `seconds`, the unit crashed at each; the times it was started again. */
  async function crashFor(seconds: number): Promise<number[]> {
    const started: number[] = [];
    for (let t = 0; t < seconds; t++, now += S) {
      const before = redeploys.length;
      await healer.heal(crashed);
      if (redeploys.length > before && !redeploys.at(-1)!.leaveAlone.includes(UNIT)) started.push(now / S);
    }
    return started;
  }

  it('starts a unit that keeps stopping 5 times, 10 s, 30 s, 1 min and 2 min apart, then leaves it alone', async () => {
    const started = await crashFor(600);

    assert.deepEqual(started, [0, 10, 40, 100, 220]);
    assert.deepEqual(healer.degraded(), [UNIT]);
    assert.deepEqual(redeploys[0]!.targets, ['t1'], 'only the drifted target');
  });

  it('starts a Degraded unit again after drover retry, or once its spec changes', async () => {
    await crashFor(600);

    healer.retry();
    assert.deepEqual(await crashFor(1), [600]);
    await crashFor(600);
    healer.deployed([{ service: 'web', target: 't1', container: 'process', hash: 'new' }]);
    assert.deepEqual(healer.degraded(), []);
  });

  it('does nothing without drift', async () => {
    await healer.heal(new Map());

    assert.deepEqual(redeploys, []);
  });
});
