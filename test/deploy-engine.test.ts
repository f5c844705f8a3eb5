/**
 * The deployment engine against scripted targets (no sshd): the order of activations and deactivations
 * across targets, the per-target parallelism bound, rollback after a failure or an interrupt, and a
 * locked target. Each test derives what happened from the commands the targets were asked to run.
 */
import assert from 'node:assert/strict';
import { deploy, DeployError, type DeployContext, type DeployResult } from '../controller/apply/deploy.ts';
import { deployedUnitOf, type DeployedUnit, type Manifest } from '../controller/apply/manifest.ts';
import { applyEvaluation } from '../controller/apply/run.ts';
import { storeEntriesOf } from '../controller/apply/store.ts';
import type { Evaluation } from '../controller/core/evaluate.ts';
import { memoryRepoReader } from '../controller/core/models/repo-reader.ts';
import { emptyIds, type IdsDocument } from '../controller/core/ids.ts';
import {
  counter,
  type EmulatedTarget,
  ScriptedTransport,
  type ScriptedCommand,
  type ScriptedTransportOptions,
} from '../controller/transport/scripted.ts';
import { evaluate, targets } from './helpers/models.ts';

/** web on t3 depends on api on t2, which depends on db on t1; api only connects to the cache on t1. */
function system(dbArg = 'v1'): Record<string, string> {
  return {
    'services.yaml': `services:
  db:
    process: {command: /bin/db, args: ["${dbArg}"]}
    healthCheck: {tcp: "127.0.0.1:5432"}
  cache:
    process: {command: /bin/cache}
  api:
    process: {command: /bin/api, args: ["\${{ deps.db.target.hostname }}", "\${{ deps.cache.target.hostname }}"]}
    dependsOn: [db]
    connectsTo: [cache]
    healthCheck: {http: "http://127.0.0.1:8080/health"}
  web:
    process: {command: /bin/web}
    dependsOn: [api]
`,
    'infrastructure.yaml': targets(3),
    'distribution.yaml': 'distribution:\n  db: [t1]\n  cache: [t1]\n  api: [t2]\n  web: [t3]\n',
  };
}

/** Five independent units on t1 (2 cores) and three on t2 (1 core). */
function independent(): Record<string, string> {
  const names = ['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'b3'];
  return {
    'services.yaml': `services:\n${names.map((n) => `  ${n}:\n    process: {command: /bin/${n}}\n`).join('')}`,
    'infrastructure.yaml':
      'targets:\n  t1: {hostname: 10.0.0.1, numOfCores: 2}\n  t2: {hostname: 10.0.0.2, numOfCores: 1}\n',
    'distribution.yaml': `distribution:\n${names.map((n) => `  ${n}: [${n.startsWith('a') ? 't1' : 't2'}]\n`).join('')}`,
  };
}

/** The manifest records of an evaluation's units (they ship no package). */
function records(evaluation: Evaluation): DeployedUnit[] {
  return evaluation.units.map((u) => deployedUnitOf(u, storeEntriesOf(u, memoryRepoReader({}))));
}

/** Scripted targets for an evaluation's targets, sharing one clock, and the context that reaches them. */
class Fleet {
  readonly transports = new Map<string, ScriptedTransport>();
  readonly context: DeployContext;

  constructor(
    private readonly evaluation: Evaluation,
    options: (target: string) => ScriptedTransportOptions = () => ({}),
  ) {
    const clock = counter();
    for (const name of evaluation.models.targets.keys()) {
      this.transports.set(name, new ScriptedTransport({ address: name, clock, ...options(name) }));
    }
    this.context = {
      connect: (target) => Promise.resolve(this.transport(target.name)),
      now: () => new Date('2025-01-01T00:00:00Z'),
      sleep: () => Promise.resolve(),
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      owner: { id: 'test-run', host: 'ci', pid: 1, time: '2025-01-01T00:00:00Z' },
      isDeadOwner: () => false,
    };
  }

  transport(name: string): ScriptedTransport {
    return this.transports.get(name)!;
  }

  /** Deploys the given units (default: the evaluation's) to every target. */
  deploy(desired = records(this.evaluation)): Promise<DeployResult> {
    const request = {
      targets: [...this.evaluation.models.targets.values()],
      desired,
      pack: () => Promise.resolve(Buffer.from('a tar')),
    };
    return deploy(request, this.context);
  }

  /** Every command asked of any target, in the order asked. */
  log(): ScriptedCommand[] {
    return [...this.transports.values()].flatMap((t) => t.commands).sort((a, b) => a.startedAt - b.startedAt);
  }
}

/**
 * Names the units a script acts on, by the store entries it links, in the order it names them: `db@t1`,
 * plus ` <tag>` when given.
 */
function namer(...sets: [DeployedUnit[], string][]): (command: ScriptedCommand) => string[] {
  const names = new Map<string, string>();
  for (const [units, tag] of sets) {
    for (const u of units) {
      if (!names.has(u.unitEntry!))
        names.set(u.unitEntry!, `${u.service}@${u.target}${tag ? ` ${tag}` : ''}`);
    }
  }
  return (command) =>
    [...names]
      .map(([entry, name]) => ({ name, at: command.script?.indexOf(entry) ?? -1 }))
      .filter(({ at }) => at >= 0)
      .sort((a, b) => a.at - b.at)
      .map(({ name }) => name);
}

/** The activation and deactivation waves in a log, as `activate db@t1 + cache@t1`. */
function unitSteps(log: ScriptedCommand[], name: (c: ScriptedCommand) => string[]): string[] {
  return log
    .filter((c) => c.kind === 'activate' || c.kind === 'deactivate')
    .map((c) => `${c.kind} ${name(c).join(' + ') || '?'}`);
}

/** Each unit a log's commands of `kind` act on, with the command (a wave's units share one). */
function commandsByUnit(
  log: ScriptedCommand[],
  kind: ScriptedCommand['kind'],
  name: (c: ScriptedCommand) => string[],
): Map<string, ScriptedCommand> {
  return new Map(log.filter((c) => c.kind === kind).flatMap((c) => name(c).map((n) => [n, c] as const)));
}

const roundTrips = (result: DeployResult) => result.roundTrips;
const generations = (result: DeployResult) =>
  Object.fromEntries(Object.entries(result.targets).map(([name, t]) => [name, t.generation]));

const isActivation = (c: ScriptedCommand) => c.kind === 'activate';
const isDeactivation = (c: ScriptedCommand) => c.kind === 'deactivate';

describe('deploying to scripted targets', () => {
  let v1: Evaluation, v2: Evaluation, parallel: Evaluation;
  before(() => {
    v1 = evaluate(system());
    v2 = evaluate(system('v2'), v1.ids);
    parallel = evaluate(independent());
  });

  /** Targets that run v1 at generation 1. */
  const runningV1 = (target: string): ScriptedTransportOptions => {
    const current: Manifest = {
      generation: 1,
      deployment: 'earlier',
      time: '2024-12-31T00:00:00Z',
      units: records(v1).filter((u) => u.target === target),
    };
    return { current };
  };
  const slow = { match: (c: ScriptedCommand) => isActivation(c) || isDeactivation(c), delayMs: 1 };

  it('activates each dependency, health check included, before its dependents start, across targets', async () => {
    const fleet = new Fleet(v1, () => ({ rules: [slow] }));
    const name = namer([records(v1), '']);

    const result = await fleet.deploy();

    assert.equal(result.ok, true, result.error?.message);
    const log = fleet.log();
    const key = (u: DeployedUnit) => `${u.service}@${u.target}`;
    const activation = commandsByUnit(log, 'activate', name);
    assert.equal(log.filter(isActivation).length, 3, 'db and cache on t1 start in one wave');
    assert.deepEqual([...activation.keys()].sort(), ['api@t2', 'cache@t1', 'db@t1', 'web@t3']);
    assert.deepEqual(
      log.filter((c) => c.kind === 'connect').map((c) => `${c.address} ${c.argv.join(' ')}`),
      ['t1 connect 127.0.0.1 5432', 't2 connect 127.0.0.1 8080'],
    );
    /** When a unit was ready: its health check passed, or (without one) its activation ended. */
    const readyAt = (unit: DeployedUnit) => {
      const activated = activation.get(key(unit))!;
      if (!unit.healthCheck) return activated.endedAt!;
      const check = log.find(
        (c) => c.kind === 'connect' && c.address === unit.target && c.startedAt > activated.startedAt,
      );
      return check?.endedAt ?? Infinity;
    };
    for (const unit of records(v1)) {
      for (const dependency of records(v1).filter((u) => unit.dependsOn.includes(u.service))) {
        assert.ok(
          readyAt(dependency) < activation.get(key(unit))!.startedAt,
          `${key(dependency)} was ready before ${key(unit)} started`,
        );
      }
    }
    assert.deepEqual(generations(result), { t1: 1, t2: 1, t3: 1 });
    for (const transport of fleet.transports.values()) {
      assert.equal(transport.state.generation, 1);
      assert.equal(transport.state.lock, undefined, `${transport.address} is unlocked`);
    }
  });

  it('starts every unit of a target that is ready in one wave: one command per target, targets in parallel', async () => {
    const fleet = new Fleet(parallel, () => ({ rules: [slow] }));
    const name = namer([records(parallel), '']);

    const result = await fleet.deploy();

    assert.equal(result.ok, true, result.error?.message);
    assert.deepEqual(unitSteps(fleet.log(), name).sort(), [
      'activate a1@t1 + a2@t1 + a3@t1 + a4@t1 + a5@t1',
      'activate b1@t2 + b2@t2 + b3@t2',
    ]);
    const [t1, t2] = fleet.log().filter(isActivation);
    assert.ok(t1!.startedAt < t2!.endedAt! && t2!.startedAt < t1!.endedAt!, 'the targets ran theirs at once');
    assert.deepEqual(roundTrips(result), { t1: 6, t2: 6 });
  });

  it('deactivates dependents before their dependencies, all before activating anything; a unit none of whose dependencies stops is replaced in place', async () => {
    const fleet = new Fleet(v2, (target) => ({ ...runningV1(target), rules: [slow] }));
    const name = namer([records(v1), ''], [records(v2), 'v2']);

    const result = await fleet.deploy();

    assert.equal(result.ok, true, result.error?.message);
    const log = fleet.log();
    assert.deepEqual(unitSteps(log, name), [
      'deactivate web@t3',
      'deactivate api@t2',
      'activate db@t1 v2', // supervisord stops db and starts db v2 in one command
      'activate api@t2',
      'activate web@t3',
    ]);
    const replacing = log.find(isActivation)!.script!;
    assert.match(replacing, / db -- db /, 'db replaced by db');
    const deactivation = commandsByUnit(log, 'deactivate', name);
    for (const unit of records(v1)) {
      const stopped = deactivation.get(`${unit.service}@${unit.target}`);
      for (const dependency of records(v1).filter((u) => unit.dependsOn.includes(u.service))) {
        const next = deactivation.get(`${dependency.service}@${dependency.target}`);
        if (stopped && next) assert.ok(stopped.endedAt! < next.startedAt, `${unit.service} stopped first`);
      }
    }
    const lastDeactivation = Math.max(...log.filter(isDeactivation).map((c) => c.endedAt!));
    assert.ok(log.filter(isActivation).every((c) => c.startedAt > lastDeactivation));
    assert.deepEqual(generations(result), { t1: 2, t2: 2, t3: 2 });
  });

  it('rolls back a failed activation: undoes what it did, most recent first, and names the unit', async () => {
    const fleet = new Fleet(v2, runningV1);
    const t2 = fleet.transport('t2');
    const firstActivation = (c: ScriptedCommand) => c === t2.commands.find(isActivation);
    t2.failWhen(firstActivation, { code: 1, stderr: 'drover: start failed\napi: bad config\n' });
    const name = namer([records(v1), ''], [records(v2), 'v2']);

    const result = await fleet.deploy();

    assert.equal(result.ok, false);
    assert.equal(result.error?.unit, 'api@t2/process');
    assert.equal(result.error?.message, 'activating api@t2/process failed: start failed');
    assert.deepEqual(result.error?.output, ['api: bad config']);
    assert.deepEqual(unitSteps(fleet.log(), name), [
      'deactivate web@t3',
      'deactivate api@t2',
      'activate db@t1 v2', // replaces db in place
      'activate api@t2', // fails
      'deactivate api@t2', // it may have half started
      'deactivate db@t1 v2',
      'activate db@t1',
      'activate api@t2',
      'activate web@t3',
    ]);
    assert.deepEqual(result.rollbackFailures, []);
    assert.deepEqual(generations(result), { t1: 1, t2: 1, t3: 1 });
    assert.equal(fleet.log().filter((c) => c.kind === 'commit').length, 0);
    for (const transport of fleet.transports.values()) {
      assert.equal(transport.state.generation, 1);
      assert.equal(transport.state.lock, undefined, `${transport.address} is unlocked`);
    }
  });

  it('rolls back when interrupted: waits for the running activation, starts nothing new', async () => {
    const abort = new AbortController();
    const fleet = new Fleet(v1, () => ({ signal: abort.signal }));
    fleet.context.signal = abort.signal;
    fleet.transport('t2').hang(isActivation);
    const name = namer([records(v1), '']);

    const running = fleet.deploy();
    await fleet.transport('t2').received(isActivation);
    abort.abort();
    const result = await running;

    assert.equal(result.ok, false);
    assert.equal(result.error?.message, 'interrupted: rolling back');
    assert.deepEqual(unitSteps(fleet.log(), name), [
      'activate cache@t1 + db@t1',
      'activate api@t2', // answered once interrupted
      // web never started: nothing of it to undo.
      'deactivate api@t2',
      'deactivate cache@t1 + db@t1',
    ]);
    assert.deepEqual(generations(result), { t1: 0, t2: 0, t3: 0 });
    for (const transport of fleet.transports.values()) {
      assert.equal(transport.state.generation, 0);
      assert.equal(transport.state.lock, undefined, `${transport.address} is unlocked`);
    }
  });

  it('changes nothing anywhere when a target is locked by another run', async () => {
    const other = JSON.stringify({
      id: 'other-run',
      host: 'elsewhere',
      pid: 42,
      time: '2025-01-01T00:00:00Z',
    });
    const fleet = new Fleet(v1, (target) => (target === 't2' ? { lock: { owner: other } } : {}));

    await assert.rejects(fleet.deploy(), (error: unknown) => {
      assert.ok(error instanceof DeployError);
      assert.match(error.message, /^t2 is locked by drover run other-run \(pid 42 on elsewhere/);
      assert.equal(error.code, 'E_DEPLOY');
      assert.equal(error.target, 't2');
      assert.ok(error.cause instanceof DeployError, 'the lock error is kept as the cause');
      return true;
    });

    const kinds = new Set(fleet.log().map((c) => c.kind));
    assert.deepEqual([...kinds].sort(), ['begin', 'unlock']);
    assert.equal(fleet.transport('t1').state.lock, undefined);
    assert.equal(fleet.transport('t2').state.lock, other);
    assert.equal(fleet.transport('t3').state.lock, undefined);
    assert.ok([...fleet.transports.values()].every((t) => t.closed));
  });

  it('refuses a target whose current manifest drover cannot read, changing nothing and releasing every lock', async () => {
    const fleet = new Fleet(v1, (target) =>
      target === 't2' ? { current: { generation: 3, units: [{ entries: ['x'] }] } } : {},
    );

    await assert.rejects(fleet.deploy(), (error: unknown) => {
      assert.ok(error instanceof DeployError);
      assert.equal(error.target, 't2');
      assert.match(error.message, /^t2: .*\/current is not a manifest drover can read: /);
      return true;
    });

    assert.deepEqual([...new Set(fleet.log().map((c) => c.kind))].sort(), ['begin', 'unlock']);
    for (const transport of fleet.transports.values()) {
      assert.equal(transport.state.lock, undefined, `${transport.address} is unlocked`);
      assert.ok(transport.closed);
    }
  });
});

describe('deploying to scripted targets that fail, leak or stop answering', () => {
  let v1: Evaluation, v2: Evaluation;
  before(() => {
    v1 = evaluate(system());
    v2 = evaluate(system('v2'), v1.ids);
  });

  const TOKEN = 'ghp_0123456789abcdefTOKEN';
  const KEY_BODY = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
  const LEAKS = [
    `cloning with DROVER_GIT_TOKEN=${TOKEN}`,
    'DB_PASSWORD: hunter2 and more',
    `the token itself: ${TOKEN}.`,
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    KEY_BODY,
    KEY_BODY,
    '-----END OPENSSH PRIVATE KEY-----',
  ].join('\n');
  /** Whether a recorded text still holds any of the secrets in LEAKS. */
  const leaks = (text: string) =>
    [TOKEN, 'hunter2', KEY_BODY.slice(0, 20)].filter((secret) => text.includes(secret));

  const runningV1 = (target: string): ScriptedTransportOptions => {
    const current: Manifest = {
      generation: 1,
      deployment: 'earlier',
      time: '2024-12-31T00:00:00Z',
      units: records(v1).filter((u) => u.target === target),
    };
    return { current };
  };
  /** Small bounds, so that a target that stops answering is given up quickly. */
  const quick = { connectMs: 200, commandMs: 200, scriptMs: 200, uploadMs: 200, graceMs: 50 };
  const unlocked = (fleet: Fleet, ...names: string[]) => {
    for (const name of names)
      assert.equal(fleet.transport(name).state.lock, undefined, `${name} is unlocked`);
  };

  it('records at most the last 20 lines and 4 KiB of output, with the git token, keys and secret variables redacted', async () => {
    const fleet = new Fleet(v1);
    fleet.context.secrets = [TOKEN];
    const noise = Array.from({ length: 40 }, (_, i) => `noise ${i} ${'x'.repeat(300)}`).join('\n');
    fleet.transport('t2').failWhen(isActivation, {
      code: 1,
      stdout: `${noise}\n${LEAKS}\n`,
      stderr: `drover: start failed with ${TOKEN}\n`,
    });

    const result = await fleet.deploy();

    assert.equal(result.ok, false);
    assert.equal(result.error?.message, 'activating api@t2/process failed: start failed with [redacted]');
    const output = result.error?.output ?? [];
    assert.ok(output.length <= 20, `${output.length} lines`);
    assert.ok(Buffer.byteLength(output.join('\n')) <= 4096, 'at most 4 KiB');
    assert.ok(output.includes('cloning with DROVER_GIT_TOKEN=[redacted]'), output.join('\n'));
    assert.ok(output.includes('DB_PASSWORD: [redacted]'));
    assert.ok(output.includes('[redacted] private key'));
    assert.deepEqual(leaks(JSON.stringify(result)), []);
  });

  it('redacts what a failing health check command printed', async () => {
    const checked = evaluate({
      'services.yaml':
        'services:\n  app:\n    process: {command: /bin/app}\n    healthCheck: {command: [/bin/check], timeout: 1s}\n',
      'infrastructure.yaml': targets(1),
      'distribution.yaml': 'distribution:\n  app: [t1]\n',
    });
    const fleet = new Fleet(checked);
    let clock = 0;
    fleet.context.now = () => new Date((clock += 100));
    fleet.context.secrets = [TOKEN];
    fleet.transport('t1').failWhen((c) => c.argv[0] === '/bin/check', { code: 1, stdout: LEAKS });

    const result = await fleet.deploy();

    assert.equal(result.ok, false);
    assert.match(result.error?.message ?? '', /health check failed after 1s: \/bin\/check exited 1: /);
    assert.deepEqual(leaks(JSON.stringify(result)), []);
  });

  it('gives up a target whose activation stops answering, within its bound: rolls the others back and reports it unknown', async () => {
    const fleet = new Fleet(v1);
    fleet.context.bounds = quick;
    fleet.transport('t2').hang(isActivation);
    const name = namer([records(v1), '']);
    const started = Date.now();

    const result = await fleet.deploy();

    assert.ok(Date.now() - started < 5_000, `gave up after ${Date.now() - started} ms`);
    assert.equal(result.ok, false);
    assert.equal(result.error?.target, 't2');
    assert.match(
      result.error?.message ?? '',
      /^activating api@t2\/process failed: t2: .*no answer within 200 ms/,
    );
    assert.match(result.targets.t2?.unknown ?? '', /api@t2\/process: rollback failed .*given up/);
    assert.equal(result.targets.t1?.unknown, undefined);
    assert.equal(result.targets.t3?.unknown, undefined);
    assert.deepEqual(
      unitSteps(fleet.log(), name).filter((s) => s.endsWith('@t1')),
      ['activate cache@t1 + db@t1', 'deactivate cache@t1 + db@t1'],
    );
    assert.equal(
      fleet.transport('t2').commands.filter((c) => c.kind === 'deactivate').length,
      0,
      'nothing more is sent to a target given up',
    );
    unlocked(fleet, 't1', 't3');
    assert.ok([...fleet.transports.values()].every((t) => t.closed));
  });

  it('gives up a target that stops answering while recording its generation, and rolls every target back', async () => {
    const fleet = new Fleet(v2, runningV1);
    fleet.context.bounds = quick;
    fleet.transport('t2').hang((c) => c.kind === 'record' || c.kind === 'commit');

    const result = await fleet.deploy();

    assert.equal(result.ok, false);
    assert.match(
      result.error?.message ?? '',
      /^recording generation 2 on t2 failed: t2: .*no answer within 200 ms/,
    );
    assert.match(result.targets.t2?.unknown ?? '', /given up/);
    assert.deepEqual(generations(result), { t1: 1, t2: 1, t3: 1 });
    assert.equal(fleet.log().filter((c) => c.kind === 'commit').length, 0, 'no target switched');
    assert.equal(fleet.transport('t1').state.generation, 1);
    assert.equal(fleet.transport('t3').state.generation, 1);
    unlocked(fleet, 't1', 't3');
  });

  it('a target that does not connect within its bound: nothing changes and every lock is released', async () => {
    const fleet = new Fleet(v1);
    fleet.context.bounds = quick;
    fleet.context.connect = (target) =>
      target.name === 't2' ? new Promise(() => undefined) : Promise.resolve(fleet.transport(target.name));

    await assert.rejects(fleet.deploy(), (error: unknown) => {
      assert.ok(error instanceof DeployError);
      assert.equal(error.target, 't2');
      assert.equal(error.message, 't2: no connection within 200 ms');
      return true;
    });

    assert.deepEqual([...new Set(fleet.log().map((c) => c.kind))].sort(), ['begin', 'unlock']);
    unlocked(fleet, 't1', 't3');
  });

  it('rolls every target back when recording a generation fails on one (disk full), and releases every lock', async () => {
    const fleet = new Fleet(v2, runningV1);
    const t2 = fleet.transport('t2');
    const recording = (c: ScriptedCommand) => c.kind === 'record' || c.kind === 'commit';
    t2.failWhen((c) => c === t2.commands.find(recording), {
      code: 10,
      stderr: 'drover: cannot write /var/lib/drover/generations/2.json: No space left on device\n',
    });
    const name = namer([records(v1), ''], [records(v2), 'v2']);

    const result = await fleet.deploy();

    assert.equal(result.ok, false);
    assert.equal(result.error?.target, 't2');
    assert.equal(
      result.error?.message,
      'recording generation 2 on t2 failed: cannot write /var/lib/drover/generations/2.json: No space left on device',
    );
    assert.deepEqual(result.rollbackFailures, []);
    assert.deepEqual(generations(result), { t1: 1, t2: 1, t3: 1 });
    assert.deepEqual(unitSteps(fleet.log(), name).slice(-6), [
      'deactivate web@t3',
      'deactivate api@t2',
      'deactivate db@t1 v2',
      'activate db@t1',
      'activate api@t2',
      'activate web@t3',
    ]);
    for (const transport of fleet.transports.values()) assert.equal(transport.state.generation, 1);
    unlocked(fleet, 't1', 't2', 't3');
  });

  it('reports unknown a target that recorded its generation but failed to make it current', async () => {
    const fleet = new Fleet(v2, runningV1);
    fleet.transport('t2').failWhen((c) => c.kind === 'commit', {
      code: 10,
      stderr: 'drover: cannot write /var/lib/drover/current: Input/output error\n',
    });

    const result = await fleet.deploy();

    assert.equal(result.ok, false);
    assert.equal(result.error?.message, 'finishing the deployment failed on t2');
    assert.deepEqual(generations(result), { t1: 2, t2: 1, t3: 2 });
    assert.match(
      result.targets.t2?.unknown ?? '',
      /^t2: making generation 2 current failed \(cannot write .*current: Input\/output error\); it runs that generation's units/,
    );
    assert.deepEqual(
      result.rollbackFailures.map((f) => f.target),
      ['t2'],
    );
    assert.equal(fleet.transport('t1').state.generation, 2);
    assert.equal(fleet.transport('t3').state.generation, 2);
  });

  it('does not undo a finished step twice when interrupted during the last step', async () => {
    const abort = new AbortController();
    const fleet = new Fleet(v1, () => ({ signal: abort.signal }));
    fleet.context.signal = abort.signal;
    fleet.transport('t3').hang(isActivation);
    const name = namer([records(v1), '']);

    const running = fleet.deploy();
    await fleet.transport('t3').received(isActivation);
    abort.abort();
    const result = await running;

    assert.equal(result.error?.message, 'interrupted: rolling back');
    assert.deepEqual(unitSteps(fleet.log(), name), [
      'activate cache@t1 + db@t1',
      'activate api@t2',
      'activate web@t3', // the last wave, answered once interrupted
      'deactivate web@t3',
      'deactivate api@t2',
      'deactivate cache@t1 + db@t1',
    ]);
  });

  it('closes every transport and releases every lock when an upload fails', async () => {
    const fleet = new Fleet(v1);
    fleet.transport('t2').failWhen((c) => c.kind === 'upload', { code: 2, stderr: 'tar: short read\n' });

    await assert.rejects(fleet.deploy(), (error: unknown) => {
      assert.ok(error instanceof DeployError);
      assert.equal(error.target, 't2');
      assert.equal(error.message, 't2: cannot unpack the store entries failed (exit 2)');
      return true;
    });

    unlocked(fleet, 't1', 't2', 't3');
    for (const transport of fleet.transports.values())
      assert.ok(transport.closed, `${transport.address} is closed`);
  });
});

describe('the IDs running services keep, whatever ids.json says', () => {
  /** Web apps with a port each: web2 on t2, the others on t1. */
  const webapps = (names: string[]): Record<string, string> => ({
    'idresources.yaml': 'pools:\n  ports: { min: 5000, max: 5099 }\n',
    'services.yaml': `services:\n${names
      .map(
        (n) =>
          `  ${n}:\n    process: {command: /bin/webapp, args: ["\${{ ids.ports }}"]}\n    requiresUniqueIdsFor: [ports]\n`,
      )
      .join('')}`,
    'infrastructure.yaml': targets(2),
    'distribution.yaml': `distribution:\n${names.map((n) => `  ${n}: [${n === 'web2' ? 't2' : 't1'}]\n`).join('')}`,
  });
  /** Two emulated targets that keep their state between deployments. */
  const hosts = new Map<string, EmulatedTarget>();
  const context: DeployContext = {
    connect: (target) => {
      const state = hosts.get(target.name);
      const transport = new ScriptedTransport({ address: target.name, ...(state ? { state } : {}) });
      hosts.set(target.name, transport.state);
      return Promise.resolve(transport);
    },
    now: () => new Date('2025-01-01T00:00:00Z'),
    sleep: () => Promise.resolve(),
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    owner: { id: 'test-run', host: 'ci', pid: 1, time: '2025-01-01T00:00:00Z' },
    isDeadOwner: () => false,
  };
  const apply = (files: Record<string, string>, prior: IdsDocument) =>
    applyEvaluation(evaluate(files, prior), memoryRepoReader(files), context);
  const portsOf = (ids: IdsDocument) => ids.ids.ports;
  const steps = (result: DeployResult) => result.plan.steps.map((s) => `${s.op} ${s.service}`);

  let deployed: IdsDocument;
  before(async () => {
    const first = await apply(webapps(['web', 'web2']), emptyIds());
    assert.ok(first.ok);
    deployed = first.evaluation.ids;
    assert.deepEqual(portsOf(deployed), { web: 5000, web2: 5001 });
  });

  it('nothing to do: one command per target, which takes no lock', async () => {
    const result = await apply(webapps(['web', 'web2']), deployed);

    assert.ok(result.ok, result.error?.message);
    assert.deepEqual(steps(result), []);
    assert.deepEqual(result.roundTrips, { t1: 1, t2: 1 });
    assert.deepEqual(Object.keys(result.targets), ['t1', 't2']);
    assert.deepEqual(
      result.targets.t1?.units.map((u) => u.service),
      ['web'],
    );
    for (const host of hosts.values()) assert.equal(host.lock, undefined);
  });

  it('an ids.json with two ports swapped changes nothing: the running ports are kept, and ids.json is told them', async () => {
    const swapped = { ...deployed, ids: { ports: { web: 5001, web2: 5000 } } };

    const result = await apply(webapps(['web', 'web2']), swapped);

    assert.ok(result.ok, result.error?.message);
    assert.deepEqual(steps(result), []);
    assert.deepEqual(portsOf(result.evaluation.ids), { web: 5000, web2: 5001 });
  });

  it('without ids.json, a new service that sorts first gets a free port; the running ones keep theirs', async () => {
    const result = await apply(webapps(['aaa', 'web', 'web2']), emptyIds());

    assert.ok(result.ok, result.error?.message);
    assert.deepEqual(portsOf(result.evaluation.ids), { aaa: 5002, web: 5000, web2: 5001 });
    assert.deepEqual(steps(result), ['activate aaa']);
  });
});
