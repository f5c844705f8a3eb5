/**
 * The conformance suite every renderer passes: the same models, the same expectations, checked with the
 * manager's own tools where they run here. A backend describes how to run, verify or read back its
 * output; a case it cannot run states why in its title.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderers } from '../../renderers/index.ts';
import { RenderError, type RenderedUnit } from '../../renderers/types.ts';
import type { Unit } from '../../controller/core/units.ts';
import { evaluate, problemsOf, TempDirs } from '../helpers/models.ts';
import { isAlive, LocalTarget, observeProcess, waitFor, type Observed } from '../helpers/local-target.ts';

const exec = promisify(execFile);

/** Values that break naive quoting somewhere: each must reach the process byte for byte. */
const HOSTILE = [
  'with space',
  "single ' quote",
  'double " quote',
  '$HOME and ${PATH} and $(id) and `id`',
  '100% and %(ENV_HOME)s and %n',
  'back\\slash\\n',
  '#hash and ;semi and a ; b and x # y',
  'new\nline',
  'tab\tand\rreturn',
  '*.txt ~ !',
  '',
  ';',
  '-starts-with-dash',
  'ünïcødé ✓',
];

/** A process that stays up, keeping its argv: `sh -c LOOP probe ARGS...`. */
const LOOP = 'echo "$0 is up"; trap "exit 0" TERM INT; while :; do sleep 0.2; done';
/** A self-daemonising program: forks the loop, writes its PID to $1, exits. */
const DAEMONISE = '(' + LOOP + ') </dev/null >/dev/null 2>&1 & echo $! >"$1"';

/** How one manager is hosted, checked and read back in the tests. */
interface Backend {
  manager: string;
  /** Stops the daemon the manager's setup started for a target, if it has one. */
  shutdown?: (target: LocalTarget) => Promise<void>;
  /** The PID of a started unit's process. */
  pidOf?: (unit: Unit, target: LocalTarget) => number | undefined | Promise<number | undefined>;
  /** Why units cannot run under this manager here. */
  notRunHere?: string;
  /** What a unit's process would receive, read back from the rendered files with a real parser. */
  readBack?: (unit: Unit) => Observed | Promise<Observed>;
  /** Checks the rendered files with the manager's own tool. */
  verify?: { tool: string; check: (units: Unit[], dir: string) => void | Promise<void> };
  /** Asserts that `dependent` is ordered after `dependency` in what the manager reads; or why not. */
  ordering: ((dependent: RenderedUnit, dependency: string) => void) | { notApplicable: string };
  /** Whether the rendered scripts write and remove the PID file themselves. */
  managesPidFile?: boolean;
  /** Where a unit's output ends up. */
  logOf?: (unit: Unit, target: LocalTarget) => string;
  /** Whether the rendered unit switches to the process's user. */
  switchesUser: (rendered: RenderedUnit) => boolean;
  /** An override, and how to see it won over drover's own setting; or why there are none. */
  override:
    | { value: Record<string, unknown>; applied: (rendered: RenderedUnit) => boolean }
    | { notApplicable: string };
  /** A manager whose format cannot hold some value: the models option with that value, and the field named. */
  refuses?: { option: ModelOptions; field: string };
}

/** Variations of the suite's models. */
interface ModelOptions {
  privileged?: boolean;
  overrides?: Record<string, unknown>;
  /** An extra environment value (ODD). */
  value?: string;
  directory?: string;
}

/**
 * The models of the suite: a probe with hostile values, a self-daemonising program that runs as nobody on
 * a privileged target (and writes its PID file in its run folder, the default pidFile), a dependent.
 */
function suiteModels(manager: string, stateDir: string, options: ModelOptions = {}): Record<string, string> {
  const environment = Object.fromEntries(HOSTILE.map((v, i) => [`HOSTILE_${i}`, v]));
  if (options.value !== undefined) environment.ODD = options.value;
  const services = {
    probe: {
      description: 'Probe "with" 100% odd values',
      process: {
        command: '/bin/sh',
        args: ['-c', LOOP, 'probe', ...HOSTILE],
        environment,
        directory: options.directory ?? `${stateDir}/work dir 'quoted'`,
        umask: '027',
        nice: 3,
        user: 'nobody',
        group: 'nogroup',
        ...(options.overrides ? { overrides: { [manager]: options.overrides } } : {}),
      },
    },
    daemon: {
      process: {
        daemon: '/bin/sh',
        daemonArgs: ['-c', DAEMONISE, 'daemon', '${{ runDir }}/daemon.pid', ...HOSTILE],
        environment,
        user: 'nobody',
        group: 'nogroup',
      },
    },
    dependent: {
      process: { command: '/bin/sh', args: ['-c', LOOP, 'dependent'] },
      dependsOn: ['probe'],
    },
  };
  const target: Record<string, unknown> = { transport: 'local', processManager: manager, stateDir };
  if (!options.privileged) target.unprivileged = true;
  return {
    'services.yaml': JSON.stringify({ services }, null, 1),
    'infrastructure.yaml': JSON.stringify({ targets: { t1: target } }),
    'distribution.yaml': 'distribution:\n  probe: [t1]\n  daemon: [t1]\n  dependent: [t1]\n',
  };
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Registers the whole suite for one backend. */
export function conformanceSuite(backend: Backend): void {
  const { manager } = backend;
  describe(`${manager} renderer (conformance)`, function () {
    this.timeout(60_000);
    const temp = new TempDirs();
    afterEach(() => temp.cleanup());

    const unitsFor = (options: ModelOptions = {}, stateDir = '/srv/drover') =>
      evaluate(suiteModels(manager, stateDir, options)).units;
    const unit = (units: Unit[], service: string) => units.find((u) => u.service === service)!;

    it('is in the registry and renders every unit the same way every time', () => {
      assert.equal(renderers.get(manager)?.manager, manager);
      const first = unitsFor();
      const second = unitsFor();
      for (const u of first) {
        assert.ok(u.rendered, `${u.service} has no rendered output`);
        assert.deepEqual(u.rendered, unit(second, u.service).rendered);
        assert.equal(u.hash, unit(second, u.service).hash);
        const paths = u.rendered.files.map((f) => f.path);
        assert.equal(new Set(paths).size, paths.length, 'file paths are unique');
        for (const path of paths)
          assert.match(path, /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\0]+$/, `unsafe path ${path}`);
      }
    });

    const scripts = unitsFor().flatMap((u) =>
      u.rendered!.files.filter((f) => f.content.startsWith('#!/bin/sh')).map((f) => ({ unit: u, file: f })),
    );
    if (scripts.length > 0) {
      it(`writes shell scripts that sh parses (${scripts.length})`, async () => {
        const dir = temp.make();
        for (const { unit: u, file } of scripts) {
          const path = join(dir, `${u.service}-${file.path.replaceAll('/', '_')}`);
          writeFileSync(path, file.content);
          await exec('sh', ['-n', path]);
        }
      });
    }

    if (backend.verify) {
      const verify = backend.verify;
      it(`writes files that ${verify.tool} accepts`, async () => {
        await verify.check(unitsFor(), temp.make());
      });
    }

    const ordering = backend.ordering;
    if (typeof ordering === 'function') {
      it('orders a unit after its dependencies on the same target', () => {
        const units = unitsFor();
        assert.deepEqual(unit(units, 'dependent').spec.localDependencies, ['probe']);
        ordering(unit(units, 'dependent').rendered!, 'probe');
      });
    } else {
      it(`orders a unit after its dependencies (not applicable: ${ordering.notApplicable})`, function () {
        this.skip();
      });
    }

    it('switches to the service user only on privileged targets', () => {
      assert.equal(backend.switchesUser(unit(unitsFor({ privileged: true }), 'probe').rendered!), true);
      assert.equal(backend.switchesUser(unit(unitsFor(), 'probe').rendered!), false);
    });

    const override = backend.override;
    if ('value' in override) {
      it(`merges overrides.${manager} last`, () => {
        const rendered = unit(unitsFor({ overrides: override.value }), 'probe').rendered!;
        assert.ok(override.applied(rendered), JSON.stringify(rendered.files, null, 1));
        assert.ok(!override.applied(unit(unitsFor(), 'probe').rendered!), 'applied without the override');
      });
    } else {
      it(`merges overrides.${manager} last (not applicable: ${override.notApplicable})`, function () {
        this.skip();
      });
    }

    it('refuses a NUL byte, naming the service, the field and the manager', () => {
      const problems = problemsOf(suiteModels(manager, '/srv/drover', { value: 'a\0b' }));
      assert.ok(
        problems.some((p) =>
          p.includes(`probe: ${manager} cannot use process.environment.ODD: it contains a NUL byte`),
        ),
        problems.join('\n'),
      );
    });

    it('refuses an override key its format cannot hold, naming the service, the key and the manager', () => {
      const overrides = { 'a\nb': 'x' };
      const probe = unit(unitsFor(), 'probe').spec;
      const expected = `probe: ${manager} cannot use process.overrides.${manager}: its key "a\\nb"`;

      const problems = problemsOf(suiteModels(manager, '/srv/drover', { overrides }));
      const render = () =>
        renderers.get(manager)!.render({
          ...probe,
          process: { ...probe.process!, overrides: { [manager]: overrides } },
        });

      assert.ok(
        problems.some((p) => p.includes(expected)),
        problems.join('\n'),
      );
      assert.throws(render, (error) => error instanceof RenderError && error.message.startsWith(expected));
    });

    it('declares the names it knows a unit by: distinct for distinct services, none it keeps for itself', () => {
      const renderer = renderers.get(manager)!;
      const names = ['probe', 'daemon', 'dependent'].map((s) => renderer.systemNames(s));
      const reserved = new Set(renderer.reservedNames.map((r) => r.name));

      assert.equal(new Set(names.flat()).size, names.flat().length);
      for (const list of names) assert.ok(list.length > 0 && list.every((n) => !reserved.has(n)));
      assert.deepEqual(renderer.systemNames('probe'), names[0]);
    });

    if (backend.refuses) {
      const { option, field } = backend.refuses;
      it(`refuses what its format cannot hold (${JSON.stringify(option)})`, () => {
        const problems = problemsOf(suiteModels(manager, '/srv/drover', option));
        assert.ok(
          problems.some((p) => p.includes(`probe: ${manager} cannot use ${field}`)),
          problems.join('\n'),
        );
      });
    }

    const expectReceived = (observed: Observed, u: Unit, argv: string[]) => {
      assert.deepEqual(observed.argv, argv);
      for (const [name, value] of Object.entries(u.spec.process!.environment)) {
        assert.equal(observed.environment[name], value, `environment ${name}`);
      }
    };

    if (backend.pidOf !== undefined) {
      const running = async (
        body: (target: LocalTarget, units: Unit[]) => Promise<void>,
        options: ModelOptions = {},
      ) => {
        const stateDir = temp.make();
        const units = unitsFor(options, stateDir);
        mkdirSync(`${stateDir}/work dir 'quoted'`);
        // Readable by the service's user on a privileged target.
        chmodSync(stateDir, 0o755);
        chmodSync(`${stateDir}/work dir 'quoted'`, 0o755);
        const target = new LocalTarget(stateDir);
        try {
          await body(target, units);
        } finally {
          for (const u of units) await target.deactivate(u).catch(() => undefined);
          await backend.shutdown?.(target);
        }
      };
      const started = async (target: LocalTarget, u: Unit) => {
        await target.activate(u);
        return waitFor(`the PID of ${u.service}`, () => backend.pidOf!(u, target));
      };

      it('runs the program with every hostile value, its folder and umask exactly', async () => {
        await running(async (target, units) => {
          const probe = unit(units, 'probe');
          const pid = await started(target, probe);
          if (backend.managesPidFile)
            assert.equal(readFileSync(probe.spec.process!.pidFile, 'utf8').trim(), String(pid));
          const observed = observeProcess(pid);
          expectReceived(observed, probe, ['/bin/sh', '-c', LOOP, 'probe', ...HOSTILE]);
          assert.equal(observed.cwd, `${target.stateDir}/work dir 'quoted'`);
          assert.equal(observed.umask, '0027');
          if (backend.logOf) {
            const log = backend.logOf(probe, target);
            await waitFor(`"probe is up" in ${log}`, () =>
              readOptional(log)?.includes('probe is up') ? true : undefined,
            );
          }
          await target.deactivate(probe);
          await waitFor('the probe to stop', () => (isAlive(pid) ? undefined : true));
        });
      });

      it('starts, stops, starts again and rolls back the same service', async () => {
        await running(async (target, units) => {
          const probe = unit(units, 'probe');
          const changed = unit(unitsFor({ value: 'version 2' }, target.stateDir), 'probe');
          const stopped = async (pid: number) => {
            await waitFor(`PID ${pid} to stop`, () => (isAlive(pid) ? undefined : true));
            assert.equal(await target.isRunning(probe), false);
          };

          const first = await started(target, probe);
          await target.deactivate(probe);
          await stopped(first);
          const second = await started(target, probe);
          await target.deactivate(probe);
          await stopped(second);
          const upgraded = await started(target, changed);
          const upgradedEnvironment = observeProcess(upgraded).environment;
          await target.deactivate(changed);
          await stopped(upgraded);
          const rolledBack = await started(target, probe);

          assert.notEqual(second, first);
          assert.equal(upgradedEnvironment.ODD, 'version 2');
          assert.equal(observeProcess(rolledBack).environment.ODD, undefined);
          assert.equal(await target.isRunning(probe), true);
        });
      });

      it('restarts a unit its manager still runs from another store entry (a run that died before recording)', async () => {
        await running(async (target, units) => {
          const probe = unit(units, 'probe');
          const changed = unit(unitsFor({ value: 'version 2' }, target.stateDir), 'probe');
          const first = await started(target, probe);

          // No deactivation in between: the run that started `probe` was killed before it recorded it.
          await target.activate(changed);
          const second = await waitFor('the changed probe to run', async () => {
            const pid = await backend.pidOf!(changed, target);
            return pid !== undefined && pid !== first ? pid : undefined;
          });

          assert.equal(observeProcess(second).environment.ODD, 'version 2');
          await waitFor(`PID ${first} to stop`, () => (isAlive(first) ? undefined : true));
          await target.deactivate(changed);
        });
      });

      const asRoot = process.getuid?.() === 0;
      it(`runs the program as the service's user and group on a privileged target${asRoot ? '' : ' (not run: needs root)'}`, async function () {
        if (!asRoot) this.skip();
        await running(
          async (target, units) => {
            const probe = unit(units, 'probe');
            const pid = await started(target, probe);
            const status = readFileSync(`/proc/${pid}/status`, 'utf8');
            const nobody = (await exec('id', ['-u', 'nobody'])).stdout.trim();
            const nogroup = (await exec('getent', ['group', 'nogroup'])).stdout.split(':')[2];
            assert.match(status, new RegExp(`^Uid:\\s+${nobody}\\s`, 'm'));
            assert.match(status, new RegExp(`^Gid:\\s+${nogroup}\\s`, 'm'));
            expectReceived(observeProcess(pid), probe, ['/bin/sh', '-c', LOOP, 'probe', ...HOSTILE]);
          },
          { privileged: true },
        );
      });

      it(`runs a self-daemonising program as the service's user, which writes its PID file in its run folder and owns its temporary folder${asRoot ? '' : ' (not run: needs root)'}`, async function () {
        if (!asRoot) this.skip();
        await running(
          async (target, units) => {
            const daemon = unit(units, 'daemon');
            await started(target, daemon);
            const pidFile = daemon.spec.process!.pidFile;
            const pid = Number(readFileSync(pidFile, 'utf8'));
            const nobody = Number((await exec('id', ['-u', 'nobody'])).stdout.trim());

            assert.equal(pidFile, `${daemon.spec.runDir}/daemon.pid`);
            assert.match(
              readFileSync(`/proc/${pid}/status`, 'utf8'),
              new RegExp(`^Uid:\\s+${nobody}\\s`, 'm'),
            );
            assert.equal(statSync(daemon.spec.runDir).uid, nobody, "the run folder is the user's");
            assert.equal(statSync(daemon.spec.tmpDir).uid, nobody, "the temporary folder is the user's");
            assert.equal(statSync(daemon.spec.dirs.runtime).uid, 0, "the runtime folder stays root's");
            await target.deactivate(daemon);
            await waitFor('the daemon to stop', () => (isAlive(pid) ? undefined : true));
            assert.equal(await target.isRunning(daemon), false);
          },
          { privileged: true },
        );
      });

      it('runs a self-daemonising program and stops it', async () => {
        await running(async (target, units) => {
          const daemon = unit(units, 'daemon');
          await started(target, daemon);
          const pidFile = `${target.stateDir}/run/daemon/daemon.pid`;
          const pid = Number(readFileSync(pidFile, 'utf8'));
          const observed = observeProcess(pid);
          expectReceived(observed, daemon, ['/bin/sh', '-c', DAEMONISE, 'daemon', pidFile, ...HOSTILE]);
          await target.deactivate(daemon);
          await waitFor('the daemon to stop', () => (isAlive(pid) ? undefined : true));
          assert.equal(await target.isRunning(daemon), false);
          if (backend.managesPidFile) assert.equal(existsSync(pidFile), false, 'the PID file is removed');
        });
      });
    } else if (backend.readBack) {
      const readBack = backend.readBack;
      it(`carries every hostile value exactly (read back: ${backend.notRunHere})`, async () => {
        const stateDir = temp.make();
        mkdirSync(`${stateDir}/work dir 'quoted'`);
        const probe = unit(unitsFor({}, stateDir), 'probe');
        const observed = await readBack(probe);
        expectReceived(observed, probe, ['/bin/sh', '-c', LOOP, 'probe', ...HOSTILE]);
        assert.equal(observed.cwd, `${stateDir}/work dir 'quoted'`);
        if (observed.umask !== '') assert.equal(observed.umask, '0027');
      });
    } else {
      it(`runs the program with every hostile value exactly (not run: ${backend.notRunHere})`, function () {
        this.skip();
      });
    }
  });
}
