/**
 * Waves on a real supervisord: `drover apply` starts every ready unit of a target in one script, and a
 * wave still fails, names and rolls back unit by unit as a user would expect. A local unprivileged
 * target (drover's own supervisord in a temp folder), driven through the command line.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './helpers/local-target.ts';
import { TempDirs } from './helpers/models.ts';
import { killUntilGone, pidsReferencing } from './helpers/processes.ts';

const cli = fileURLToPath(new URL('../controller/cli.ts', import.meta.url));
const PROGRAMS = 20;

describe('waves on a real supervisord', function () {
  this.timeout(120_000);
  const temp = new TempDirs();
  let stateDir: string;
  let models: string;
  /** Each test's programs sleep for a number of their own, to find them among the machine's processes. */
  let base: number;

  beforeEach(() => {
    const dir = temp.make();
    stateDir = join(dir, 'state');
    models = join(dir, 'models');
    base = 700_000 + randomInt(200_000) * 100;
  });
  afterEach(() => {
    try {
      execFileSync('supervisorctl', ['-c', join(stateDir, 'supervisord', 'supervisord.conf'), 'shutdown'], {
        stdio: 'ignore',
      });
    } catch {
      // not started, or gone
    }
    temp.cleanup();
  });

  /**
   * Models of PROGRAMS programs on one local target; `dies` exits at once instead, and `unreadable` has
   * a supervisord setting supervisord cannot read.
   */
  function writeModels(dies?: number, manager = 'supervisord', unreadable?: number, version = 1): void {
    const files: Record<string, string> = {
      'infrastructure.yaml': `targets:\n  t1:\n    transport: local\n    processManager: ${manager}\n    stateDir: ${stateDir}\n    unprivileged: true\n`,
      'services.yaml': `services:\n${Array.from({ length: PROGRAMS }, (_, i) => {
        const n = i + 1;
        const script = n === dies ? 'echo "p' + n + ': cannot bind"; exit 1' : `exec sleep ${base + n}`;
        const overrides = n === unreadable ? ', overrides: {supervisord: {stopsignal: NOPE}}' : '';
        const environment = n === 3 ? `, environment: {VERSION: "${version}"}` : '';
        return `  p${n}:\n    process: {command: /bin/sh, args: ["-c", ${JSON.stringify(script)}]${overrides}${environment}}\n`;
      }).join('')}`,
      'distribution.yaml': `distribution:\n${Array.from({ length: PROGRAMS }, (_, i) => `  p${i + 1}: [t1]\n`).join('')}`,
    };
    execFileSync('mkdir', ['-p', models]);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(models, name), text);
  }

  /** How many of this test's programs run. */
  const running = () =>
    Array.from({ length: PROGRAMS }, (_, i) => base + i + 1).filter((n) => {
      try {
        execFileSync('pgrep', ['-f', `^sleep ${n}$`]);
        return true;
      } catch {
        return false;
      }
    }).length;

  /** Runs `drover apply`; `onOutput` sees stdout as it comes. */
  function apply(onOutput?: (text: string, child: ReturnType<typeof spawn>) => void) {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'apply', models], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onOutput?.(stdout, child);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout, stderr })),
    );
  }

  for (const manager of ['supervisord', 's6']) {
    it(`starts ${PROGRAMS} programs in one wave under ${manager}: one activation command for the target`, async () => {
      writeModels(undefined, manager);

      const run = await apply();

      assert.equal(run.code, 0, run.stderr);
      assert.equal(running(), PROGRAMS);
      assert.match(run.stdout, /round trips: t1 (\d+)\)/);
      const trips = Number(/round trips: t1 (\d+)\)/.exec(run.stdout)![1]);
      assert.ok(trips <= 6, `at most 6 commands for the whole deployment, not one per program: ${trips}`);

      const again = await apply();
      assert.match(again.stdout, /round trips: t1 1\)/, 'nothing to do: one command');
    });
  }

  it(`one program of ${PROGRAMS} dies: the whole wave is rolled back, and the error names that program`, async () => {
    writeModels(7);

    const run = await apply();

    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /drover: activating p7@t1\/process failed: its manager gave up starting it\n/);
    assert.match(run.stderr, /\| p7: cannot bind/, "its output is shown, not another program's");
    assert.match(run.stderr, /rolled back: every target runs what it ran before/);
    assert.equal(running(), 0, 'the 19 others were stopped again');
  });

  it('a section supervisord cannot read fails the whole wave, which names its units, and shows why', async () => {
    writeModels(undefined, 'supervisord', 5);

    const run = await apply();

    assert.equal(run.code, 3, run.stderr);
    assert.match(
      run.stderr,
      /drover: activating p1@t1\/process, p10@t1\/process, .* and 15 more failed: start failed\n/,
    );
    assert.match(run.stderr, /\| .*CANT_REREAD: .*'program:p5'/, "supervisord's own words name the program");
    assert.equal(running(), 0);
  });

  /** The PID of each of this test's programs that runs, by its number. */
  const pids = () =>
    Object.fromEntries(
      Array.from({ length: PROGRAMS }, (_, i) => i + 1).flatMap((n) => {
        try {
          return [[n, execFileSync('pgrep', ['-f', `^sleep ${base + n}$`], { encoding: 'utf8' }).trim()]];
        } catch {
          return [];
        }
      }),
    );

  /** The VERSION a process runs with. */
  const versionOf = (pid: string) =>
    execFileSync('sh', ['-c', `tr '\\0' '\\n' </proc/${pid}/environ | grep ^VERSION=`], {
      encoding: 'utf8',
    }).trim();

  it('one program changed: supervisord replaces it in place, in one command; the others keep running', async () => {
    writeModels();
    assert.equal((await apply()).code, 0);
    const before = pids();

    writeModels(undefined, 'supervisord', undefined, 2);
    const run = await apply();

    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /deactivate p3@t1\/process\n\s+activate p3@t1\/process/);
    const after = pids();
    assert.notEqual(after[3], before[3], 'p3 was restarted');
    assert.deepEqual({ ...after, 3: '' }, { ...before, 3: '' }, 'the others were not');
    assert.equal(versionOf(after[3]!), 'VERSION=2');
    const trips = Number(/round trips: t1 (\d+)\)/.exec(run.stdout)![1]);
    assert.ok(trips <= 6, `lock, upload, prepare, replace, record, commit: ${trips}`);
  });

  it('a replacement that dies is rolled back: the former version runs again', async () => {
    writeModels();
    assert.equal((await apply()).code, 0);

    writeModels(3, 'supervisord', undefined, 2);
    const run = await apply();

    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /drover: activating p3@t1\/process failed: its manager gave up starting it\n/);
    assert.match(run.stderr, /rolled back: every target runs what it ran before/);
    assert.equal(running(), PROGRAMS, 'p3 runs its former version again, and the others never stopped');
    assert.equal(versionOf(pids()[3]!), 'VERSION=1');
  });

  const supervisorctl = (...args: string[]) =>
    execFileSync('supervisorctl', ['-c', join(stateDir, 'supervisord', 'supervisord.conf'), ...args], {
      encoding: 'utf8',
    });
  const currentGeneration = () =>
    execFileSync('cat', [join(stateDir, 'current')], { encoding: 'utf8' }).trim();

  it('a program stopped by hand: apply starts it again ("not running on t1: start"), and only it', async () => {
    writeModels();
    assert.equal((await apply()).code, 0);
    const before = pids();
    supervisorctl('stop', 'p4');

    const status = spawnSync(process.execPath, ['--import', 'tsx', cli, 'status', models], {
      encoding: 'utf8',
    });
    assert.equal(status.status, 3, 'drift: exit 3');
    assert.match(status.stdout, /p4@t1\/process: NOT RUNNING \(stopped\)/);
    const run = await apply();

    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /p4 on t1 \(process\): not running on t1: start/);
    assert.doesNotMatch(run.stdout, /Nothing to do/);
    const after = pids();
    assert.ok(after[4] !== undefined && after[4] !== before[4], 'p4 runs again');
    assert.deepEqual({ ...after, 4: '' }, { ...before, 4: '' }, 'the others were not restarted');
    assert.equal(currentGeneration(), '1', 'no new generation: the manifest already said p4 runs');
    assert.match((await apply()).stdout, /Nothing to do/);
  });

  it("drover's supervisord killed: apply starts it, and with it every program", async () => {
    writeModels();
    assert.equal((await apply()).code, 0);
    const pid = execFileSync('cat', [join(stateDir, 'run', 'supervisord.pid')], { encoding: 'utf8' }).trim();
    process.kill(Number(pid), 'SIGKILL');
    execFileSync('pkill', ['-KILL', '-f', `^sleep ${String(base).slice(0, -2)}`]);
    assert.equal(running(), 0);

    const status = spawnSync(process.execPath, ['--import', 'tsx', cli, 'status', models], {
      encoding: 'utf8',
    });
    assert.equal(status.status, 3);
    assert.match(status.stdout, /supervisord .*: DOWN/);
    const run = await apply();

    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /p1 on t1 \(process\): not running on t1: start/);
    assert.equal(running(), PROGRAMS);
    assert.equal(currentGeneration(), '1');
  });

  for (const manager of ['supervisord', 's6']) {
    it(`everything killed, as by a reboot: the generation's boot script brings ${manager} and every program back`, async () => {
      writeModels(undefined, manager);
      assert.equal((await apply()).code, 0);
      killUntilGone(() => pidsReferencing(stateDir));
      assert.equal(running(), 0);

      // What the boot hook's launcher runs (the hook itself is tested on the test network).
      const generation = currentGeneration();
      execFileSync('sh', [join(stateDir, 'generations', `${generation}.boot`)], { stdio: 'ignore' });

      await waitFor(
        `${PROGRAMS} programs running`,
        () => (running() === PROGRAMS ? true : undefined),
        30_000,
      );
      const status = spawnSync(process.execPath, ['--import', 'tsx', cli, 'status', models], {
        encoding: 'utf8',
      });
      assert.equal(status.status, 0, status.stdout + status.stderr);
      const again = await apply();
      assert.match(again.stdout, /Nothing to do/);
      assert.equal(currentGeneration(), generation);
    });
  }

  it('SIGTERM during a wave: the wave finishes, then everything is rolled back, exit 3', async () => {
    writeModels();
    let signalled = false;

    const run = await apply((stdout, child) => {
      if (!signalled && stdout.includes(`activate p${PROGRAMS}@t1/process`)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });

    assert.ok(signalled, 'the wave started');
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /SIGTERM: stopping and rolling back/);
    assert.equal(running(), 0);
  });
});
