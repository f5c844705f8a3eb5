import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { killUntilGone, pidsReferencing, processAlive } from './helpers/processes.ts';
import { cleanupStaleTestNetworks } from './helpers/test-network.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = 'test/helpers/interrupted-run.fixture.ts';
const READY_TIMEOUT_MS = 15_000;
const EXIT_TIMEOUT_MS = 20_000;

/** What the interrupted run reported: the pid of the process running its tests, and its two dirs. */
interface Run {
  pid: number;
  networkDir: string;
  tempDir: string;
}

describe('an interrupted test run', function () {
  this.timeout(READY_TIMEOUT_MS + EXIT_TIMEOUT_MS + 10_000);

  /** The current case's mocha and what its run reported, for afterEach. */
  let started: { mocha?: ChildProcess; run?: Run } = {};

  afterEach(() => {
    // Whatever the outcome, nothing of the interrupted run stays: kill it, then sweep what it left.
    const { mocha, run } = started;
    killUntilGone(() => [mocha?.pid, run?.pid].filter((pid) => pid !== undefined));
    cleanupStaleTestNetworks();
    for (const dir of run ? [run.networkDir, run.tempDir] : []) {
      killUntilGone(() => pidsReferencing(dir, 'DROVER_TEST_HOST'));
      rmSync(dir, { recursive: true, force: true });
    }
    started = {};
  });

  /** Starts the real command, mocha's wrapper that runs the tests in a node of its own (node-option). */
  async function start(): Promise<{ mocha: ChildProcess; run: Run }> {
    const mocha = spawn(process.execPath, ['node_modules/mocha/bin/mocha.js', FIXTURE], {
      cwd: root,
      detached: true, // its own process group, like a shell job
      env: { ...process.env, DROVER_INTERRUPT_FIXTURE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started = { mocha };
    const run = await ready(mocha);
    started.run = run;
    return { mocha, run };
  }

  /** Waits for the run to end, then asserts that nothing of it is left. */
  async function assertNothingLeft(mocha: ChildProcess, run: Run): Promise<void> {
    await until(() => mocha.exitCode !== null || mocha.signalCode !== null);
    await until(() => !processAlive(run.pid));

    assert.deepEqual(namespacesOf(run.pid), []);
    assert.deepEqual(linksOf(run.pid), []);
    assert.deepEqual(pidsReferencing(run.networkDir, 'DROVER_TEST_HOST'), []);
    assert.deepEqual(pidsReferencing(run.tempDir), []);
    assert.equal(existsSync(run.networkDir), false, `${run.networkDir} is left`);
    assert.equal(existsSync(run.tempDir), false, `${run.tempDir} is left`);
  }

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
    it(`leaves no process, namespace, link or temp dir behind on ${signal} to its process group`, async () => {
      const { mocha, run } = await start();

      process.kill(-mocha.pid!, signal);

      await assertNothingLeft(mocha, run);
    });

  it('leaves nothing behind when only mocha itself gets SIGTERM, not the node running the tests', async () => {
    const { mocha, run } = await start();

    process.kill(mocha.pid!, 'SIGTERM');

    await assertNothingLeft(mocha, run);
  });
});

/** Resolves with the READY line's fields once the run prints it; rejects, with its output, if it does not. */
function ready(child: ChildProcess): Promise<Run> {
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${why}; its output:\n${output}`));
    };
    const timer = setTimeout(() => fail(`no READY within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /^READY (\d+) (\S+) (\S+)$/m.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ pid: Number(match[1]), networkDir: match[2]!, tempDir: match[3]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => fail('the run exited before READY'));
  });
}

/** Resolves once done() holds; rejects after EXIT_TIMEOUT_MS. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + EXIT_TIMEOUT_MS;
  while (!done()) {
    if (Date.now() > deadline)
      throw new Error(`the interrupted run did not exit within ${EXIT_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The test networks' namespaces owned by pid (named drv<id>-<pid>-<host>). */
function namespacesOf(pid: number): string[] {
  return ipOutput(['netns', 'list'])
    .split('\n')
    .map((line) => line.split(' ')[0]!)
    .filter((name) => name.startsWith('drv') && name.includes(`-${pid}-`));
}

/** The test networks' links (bridges, veths) owned by pid (their alias names it). */
function linksOf(pid: number): string[] {
  const links = JSON.parse(ipOutput(['-j', 'link', 'show']) || '[]') as {
    ifname: string;
    ifalias?: string;
  }[];
  return links
    .filter((link) => link.ifalias === `drover-test-network owner=${pid}`)
    .map((link) => link.ifname);
}

/** `ip`'s output, or '' where it does not work (the network ran in loopback mode there). */
function ipOutput(args: string[]): string {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}
