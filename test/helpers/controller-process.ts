/**
 * `drover controller` as a process for end-to-end tests: started from the sources with its output
 * gathered, stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../controller/cli.ts', import.meta.url));

/** A running controller and everything it printed so far. */
export interface ControllerProcess {
  child: ChildProcess;
  output(): string;
}

/**
 * Starts `drover controller` on `repo` with fast loops (reconcile and probe every 500 ms, Unreachable
 * after 2 s, heal backoff 200 ms) and `args` after them (a later option wins).
 */
export function startController(repo: string, args: string[], env: NodeJS.ProcessEnv): ControllerProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cli,
      'controller',
      '--repo',
      repo,
      '--interval',
      '500ms',
      '--probe-interval',
      '500ms',
      '--unreachable-after',
      '2s',
      '--heal-backoff',
      '200ms',
      ...args,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

/** Stops it with SIGTERM and waits until it exited. */
export async function stopController(controller: ControllerProcess | undefined): Promise<void> {
  if (!controller) return;
  const { child } = controller;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('close', resolve));
  }
}

/**
 * After a failed test, prints the last lines the controller printed (its JSON log): what explains a
 * timeout. Call from `afterEach(function () { … })`.
 */
export function printOutputOnFailure(test: Mocha.Context, controller: ControllerProcess | undefined): void {
  if (test.currentTest?.state !== 'failed' || controller === undefined) return;
  const lines = controller.output().trimEnd().split('\n').slice(-60);
  process.stdout.write(`      the controller's last ${lines.length} lines:\n${lines.join('\n')}\n`);
}
