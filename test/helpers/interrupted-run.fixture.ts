/**
 * Not a test of its own (its name is outside mocha's test/**\/*.test.ts): test/interrupt.test.ts runs it in
 * a mocha of its own, with DROVER_INTERRUPT_FIXTURE=1, and interrupts it. It starts what tests leave
 * running, a test network and a process in a temp dir, prints `READY <pid> <network dir> <temp dir>` and
 * waits to be interrupted.
 */
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { TempDirs } from './models.ts';
import { createTestNetwork } from './test-network.ts';

if (process.env.DROVER_INTERRUPT_FIXTURE === '1')
  describe('a test run to interrupt', function () {
    this.timeout(120_000);

    it('starts a test network and a process in a temp dir, then waits', async () => {
      const network = await createTestNetwork(2);
      const dir = new TempDirs().make();
      spawn('sleep', ['1000'], { cwd: dir, detached: true, stdio: 'ignore' }).unref();
      console.log(`READY ${process.pid} ${dirname(network.clientKeyPath)} ${dir}`);
      await new Promise((resolve) => setTimeout(resolve, 110_000));
    });
  });
