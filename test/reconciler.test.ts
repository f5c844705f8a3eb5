/**
 * Every decision of the reconciler, in memory and in milliseconds: a models source of commits held in
 * maps, a deployer that records what it was asked to deploy, a fixed clock. The end-to-end tests
 * (controller.test.ts, controller-e2e.test.ts) prove the same against git, supervisord and sshd.
 */
import assert from 'node:assert/strict';
import type { StatusFile } from '../schema/generated/status.ts';
import { IDS_FILE, STATUS_FILE } from '../controller/core/documents.ts';
import { LOCAL_TARGET_REFUSED, type Evaluation, type TargetLiveness } from '../controller/core/evaluate.ts';
import { memoryRepoReader } from '../controller/core/models/repo-reader.ts';
import {
  ERROR_BACKOFF_MAX_MS,
  ERROR_BACKOFF_MIN_MS,
  Reconciler,
  WRITE_BACK_TRAILER,
  type BotIdentity,
  type CommitInfo,
  type DeploymentOutcome,
  type ModelsSource,
  type WriteBackResult,
} from '../controller/gitops/reconciler.ts';
import { silentLog } from '../controller/log.ts';
import { evaluate } from './helpers/models.ts';

const DROVER: BotIdentity = { name: 'drover', email: 'drover@localhost' };
const DEVELOPER: BotIdentity = { name: 'dev', email: 'dev@example.com' };
const INTERVAL = 30_000;

const models = (services: string[]): Record<string, string> => ({
  'services.yaml': `services:\n${services.map((s) => `  ${s}:\n    process: { command: /bin/${s} }\n    requiresUniqueIdsFor: [ports]\n`).join('')}`,
  'infrastructure.yaml': 'targets:\n  t1: { transport: local, unprivileged: true, stateDir: /tmp/t1 }\n',
  'distribution.yaml': `distribution:\n${services.map((s) => `  ${s}: [t1]\n`).join('')}`,
  'idresources.yaml': 'pools:\n  ports: { min: 5000, max: 5099 }\n',
});

/** A branch of commits held in memory: each commit is its files, author and message. */
class MemorySource implements ModelsSource {
  private readonly commits = new Map<string, { info: CommitInfo; files: Record<string, string> }>();
  private next = 1;
  branch = '';
  /** When set, the next write-back finds the branch moved (a push during the deployment). */
  moveDuringWriteBack: (() => void) | undefined;
  writeBacks = 0;

  /** Adds a commit on the branch; returns its id. */
  commitFiles(files: Record<string, string>, author = DEVELOPER, message = 'change'): string {
    const oid = String(this.next++).padStart(40, '0');
    const parents = this.branch === '' ? [] : [this.branch];
    this.commits.set(oid, { info: { oid, message, parents, author }, files: { ...files } });
    this.branch = oid;
    return oid;
  }

  /** A developer's commit on top of the head: these files changed, the rest (status.json too) kept. */
  change(files: Record<string, string>): string {
    return this.commitFiles({ ...this.files(), ...files });
  }

  /** The files at the branch head. */
  files(oid = this.branch): Record<string, string> {
    return this.commits.get(oid)!.files;
  }

  status(): StatusFile {
    return JSON.parse(this.files()[STATUS_FILE]!) as StatusFile;
  }

  head(): Promise<string> {
    return Promise.resolve(this.branch);
  }
  commit(oid: string): Promise<CommitInfo> {
    return Promise.resolve(this.commits.get(oid)!.info);
  }
  tree(oid: string) {
    return Promise.resolve(memoryRepoReader(this.files(oid)));
  }
  changedPaths(from: string, to: string): Promise<string[]> {
    const a = this.files(from);
    const b = this.files(to);
    const paths = new Set([...Object.keys(a), ...Object.keys(b)]);
    return Promise.resolve([...paths].filter((p) => a[p] !== b[p]).sort());
  }
  writeBack(
    base: string,
    files: Record<string, string>,
    message: string,
    author: BotIdentity,
  ): Promise<WriteBackResult> {
    this.moveDuringWriteBack?.();
    this.moveDuringWriteBack = undefined;
    if (this.branch !== base) return Promise.resolve({ written: false, reason: 'moved' });
    this.writeBacks++;
    const oid = this.commitFiles({ ...this.files(base), ...files }, author, message);
    return Promise.resolve({ written: true, oid });
  }
}

/** Records what it deploys; fails or interrupts when told to. */
class RecordingDeployer {
  deployed: { commit: string; services: string[] }[] = [];
  failNext = false;
  /** Called while deploying, as a probe round may be. */
  whileDeploying: (() => void) | undefined;
  /** Aborts this controller while deploying (SIGTERM mid-deployment). */
  abortWhileDeploying: AbortController | undefined;
  /** What the targets run: service → unit hash. */
  running = new Map<string, string>();

  /** The evaluations it was given. */
  evaluations: Evaluation[] = [];

  deploy(evaluation: Evaluation, _repo: unknown, commit: string): Promise<DeploymentOutcome> {
    this.evaluations.push(evaluation);
    const services = evaluation.units.map((u) => u.service);
    this.deployed.push({ commit, services });
    const changed = evaluation.units.filter((u) => this.running.get(u.service) !== u.hash);
    const removed = [...this.running.keys()].filter((s) => !services.includes(s));
    const steps = [...changed, ...removed];
    const record = (units: typeof evaluation.units): DeploymentOutcome => ({
      evaluation,
      ok: true,
      plan: { steps },
      targets: {
        t1: {
          generation: 1,
          units: units.map(({ service, container, hash, specHash, dependsOn }) => ({
            service,
            container,
            hash,
            specHash,
            dependsOn,
          })),
        },
      },
      rollbackFailures: [],
    });
    this.whileDeploying?.();
    if (this.abortWhileDeploying) {
      this.abortWhileDeploying.abort();
      return Promise.resolve({ ...record([]), ok: false, error: { message: 'interrupted' } });
    }
    if (this.failNext) {
      this.failNext = false;
      return Promise.resolve({ ...record([]), ok: false, error: { message: 'start failed', unit: 'x' } });
    }
    this.running = new Map(evaluation.units.map((u) => [u.service, u.hash]));
    return Promise.resolve(record(evaluation.units));
  }
}

function setUp({
  allowLocalTargets = true,
  observed,
}: { allowLocalTargets?: boolean; observed?: ReadonlyMap<string, TargetLiveness> } = {}) {
  const source = new MemorySource();
  const deployer = new RecordingDeployer();
  const abort = new AbortController();
  let live: StatusFile | undefined;
  let time = Date.parse('2026-11-30T10:00:00Z');
  const make = () =>
    new Reconciler({
      source,
      deployer: {
        deploy: (evaluation, repo, commit) => deployer.deploy(evaluation, repo, commit),
      },
      status: { get: () => live, set: (status) => (live = status) },
      clock: { now: () => new Date((time += 1000)) },
      author: DROVER,
      log: silentLog,
      intervalMs: INTERVAL,
      signal: abort.signal,
      allowLocalTargets,
      ...(observed ? { observed: () => observed } : {}),
    });
  return {
    source,
    deployer,
    abort,
    make,
    live: () => live,
    /** Moves the clock on. */
    wait: (ms: number) => (time += ms),
  };
}

describe('reconciler decisions (in memory)', () => {
  // Compiles the schemas once, so that each test times only its own decisions.
  before(() => assert.equal(evaluate(models(['web'])).units.length, 1));

  it('deploys a new commit and writes status.json and ids.json back as one commit; then idles', async () => {
    const { source, deployer, make } = setUp();
    const head = source.commitFiles(models(['web']));
    const reconciler = make();

    const first = await reconciler.reconcile();
    const second = await reconciler.reconcile();

    assert.deepEqual(first, { outcome: 'deployed', requeueAfter: 0 });
    assert.deepEqual(second, { outcome: 'idle', requeueAfter: INTERVAL });
    assert.deepEqual(deployer.deployed, [{ commit: head, services: ['web'] }]);
    assert.equal(source.status().outcome, 'deployed');
    assert.equal(source.status().lastAppliedCommit, head);
    assert.equal(source.status().version, 1);
    assert.match(source.files()[IDS_FILE]!, /"web": 5000/);
    assert.match((await source.commit(source.branch)).message, new RegExp(`${WRITE_BACK_TRAILER}: ${head}`));
  });

  it("evaluates each commit with the targets' liveness as the probes see it (EvaluationInput.observed)", async () => {
    const observed = new Map([['t1', { reachable: false, since: Date.parse('2026-11-30T09:58:00Z') }]]);
    const { source, deployer, make } = setUp({ observed });
    source.commitFiles(models(['web']));

    await make().reconcile();

    assert.deepEqual(deployer.evaluations[0]!.input.observed, observed);
  });

  it('commits what the probes see when it changes, at most once a minute, and takes that commit for its own', async () => {
    const { source, make, wait } = setUp();
    source.commitFiles(models(['web']));
    const reconciler = make();
    await reconciler.reconcile();
    const writes = () => source.writeBacks;
    const up = { t1: { reachable: true, since: '2026-11-30T10:00:05.000Z' } };
    const down = {
      t1: { reachable: false, since: '2026-11-30T10:00:35.000Z', notRunning: [] },
      t2: { reachable: true, since: '2026-11-30T10:00:05.000Z', notRunning: ['web@t2/process'] },
    };

    await reconciler.recordObserved(up);
    const afterUp = writes();
    await reconciler.recordObserved(up);
    await reconciler.recordObserved(down);
    const withinAMinute = writes();
    wait(60_000);
    await reconciler.recordObserved(down);

    assert.equal(afterUp, 2, 'the deployment, then the first observed state');
    assert.equal(withinAMinute, 2, 'unchanged: nothing; changed within the minute: not yet');
    assert.equal(writes(), 3);
    assert.deepEqual(source.status().observed, {
      t1: { reachable: false, since: '2026-11-30T10:00:35.000Z' },
      t2: { reachable: true, since: '2026-11-30T10:00:05.000Z', notRunning: ['web@t2/process'] },
    });
    const condition = (type: string) => {
      const found = source.status().conditions?.find((c) => c.type === type);
      return found && [found.status, found.reason, found.message];
    };
    assert.deepEqual(condition('Unreachable'), [
      'True',
      'TargetsUnreachable',
      't1 since 2026-11-30T10:00:35.000Z',
    ]);
    assert.deepEqual(condition('Drifted'), ['True', 'Drift', 't2: web@t2/process not running']);
    assert.deepEqual(condition('Degraded'), ['False', 'None', '']);
    assert.equal(condition('Ready')?.[0], 'True', 'the deployment is still Ready');
    assert.match((await source.commit(source.branch)).message, /^drover: observed state changed/);
    assert.deepEqual(await reconciler.reconcile(), { outcome: 'idle', requeueAfter: INTERVAL });
  });

  it('recognises its own write-back after a restart, by author, trailer and content', async () => {
    const { source, deployer, make } = setUp();
    source.commitFiles(models(['web']));
    await make().reconcile();

    const restarted = await make().reconcile();

    assert.equal(restarted.outcome, 'own-commit');
    assert.equal(deployer.deployed.length, 1);
  });

  it('a forged write-back (right trailer, another author) is deployed like any commit', async () => {
    const { source, deployer, make } = setUp();
    const base = source.commitFiles(models(['web']));
    source.commitFiles(
      {
        ...models(['web']),
        [IDS_FILE]: '{"ids":{"ports":{"web":5050}},"lastAssignments":{},"lastAssignmentsPerTarget":{}}\n',
      },
      DEVELOPER,
      `drover: deployed\n\n${WRITE_BACK_TRAILER}: ${base}\n`,
    );

    const result = await make().reconcile();

    assert.equal(result.outcome, 'deployed');
    assert.equal(deployer.deployed.length, 1);
  });

  it('a commit that changes nothing deployable writes nothing', async () => {
    const { source, make } = setUp();
    source.commitFiles(models(['web']));
    const reconciler = make();
    await reconciler.reconcile();
    source.change({ 'README.md': 'notes\n' });
    const writeBacks = source.writeBacks;

    const result = await reconciler.reconcile();

    assert.deepEqual(result, { outcome: 'unchanged', requeueAfter: INTERVAL });
    assert.equal(source.writeBacks, writeBacks);
  });

  it('an invalid commit deploys nothing, records every problem and is Stalled; the next commit proceeds', async () => {
    const { source, deployer, make } = setUp();
    source.commitFiles(models(['web']));
    const reconciler = make();
    await reconciler.reconcile();
    source.change({ 'distribution.yaml': 'distribution:\n  web: [t1]\n  api: [t1]\n' });

    const invalid = await reconciler.reconcile();
    const idle = await reconciler.reconcile();

    assert.equal(invalid.outcome, 'invalid');
    assert.equal(idle.outcome, 'idle');
    assert.equal(deployer.deployed.length, 1);
    assert.match(source.status().errors?.[0] ?? '', /^distribution\.yaml:3:3: unknown service 'api'/);
    const stalled = source.status().conditions?.find((c) => c.type === 'Stalled');
    assert.equal(stalled?.status, 'True');
    assert.equal(source.status().lastAppliedCommit, deployer.deployed[0]!.commit, 'what runs is kept');

    source.change(models(['web', 'api']));
    assert.equal((await reconciler.reconcile()).outcome, 'deployed');
  });

  it('a failed deployment is recorded and not retried until retry(); retry deploys the head again', async () => {
    const { source, deployer, make } = setUp();
    const head = source.commitFiles(models(['web']));
    const reconciler = make();
    deployer.failNext = true;

    const failed = await reconciler.reconcile();
    const idle = await reconciler.reconcile();
    reconciler.retry();
    const retried = await reconciler.reconcile();

    assert.equal(failed.outcome, 'failed');
    assert.equal(idle.outcome, 'idle');
    assert.equal(retried.outcome, 'deployed');
    assert.deepEqual(
      deployer.deployed.map((d) => d.commit),
      [head, head],
    );
    assert.equal(source.status().outcome, 'deployed');
  });

  it('a retry() that comes while it deploys is not lost: the next reconciliation deploys again', async () => {
    const { source, deployer, make } = setUp();
    const head = source.commitFiles(models(['web']));
    const reconciler = make();
    // A target's lease ended meanwhile: the failover asks for another evaluation of the same head.
    deployer.whileDeploying = () => {
      deployer.whileDeploying = undefined;
      reconciler.retry();
    };

    const first = await reconciler.reconcile();
    const second = await reconciler.reconcile();

    assert.equal(first.outcome, 'deployed');
    assert.notEqual(second.outcome, 'idle');
    assert.deepEqual(
      deployer.deployed.map((d) => d.commit),
      [head, head],
    );
  });

  it('an interrupted deployment records nothing, so that the next run deploys the commit again', async () => {
    const { source, deployer, make, abort } = setUp();
    source.commitFiles(models(['web']));
    deployer.abortWhileDeploying = abort;

    const result = await make().reconcile();

    assert.equal(result.outcome, 'interrupted');
    assert.equal(source.writeBacks, 0);
  });

  it('a push during the write-back is not lost: the write-back is refused and the new head reconciled at once', async () => {
    const { source, deployer, make } = setUp();
    source.commitFiles(models(['web']));
    const reconciler = make();
    let pushed = '';
    source.moveDuringWriteBack = () => (pushed = source.change(models(['web', 'api'])));

    const moved = await reconciler.reconcile();
    const next = await reconciler.reconcile();

    assert.deepEqual(moved, { outcome: 'moved', requeueAfter: 0 });
    assert.equal(next.outcome, 'deployed');
    assert.equal(deployer.deployed.at(-1)?.commit, pushed);
  });

  it('a branch moved back to an older write-back is deployed, since it is not what runs', async () => {
    const { source, deployer, make } = setUp();
    source.commitFiles(models(['web']));
    const reconciler = make();
    await reconciler.reconcile();
    const v1WriteBack = source.branch;
    source.change(models(['web', 'api']));
    await reconciler.reconcile();
    source.branch = v1WriteBack; // force-pushed back

    const result = await reconciler.reconcile();

    assert.equal(result.outcome, 'deployed');
    assert.deepEqual([...deployer.running.keys()], ['web']);
  });

  it('an unexpected error is retried with exponential backoff, capped, and shows in the live status', async () => {
    const { source, make, live } = setUp();
    source.commitFiles(models(['web']));
    const reconciler = make();
    await reconciler.reconcile();
    source.head = () => Promise.reject(new Error('connection refused'));

    const waits: number[] = [];
    for (let i = 0; i < 12; i++) waits.push((await reconciler.reconcile()).requeueAfter);

    assert.deepEqual(
      waits.slice(0, 4),
      [1, 2, 4, 8].map((n) => n * ERROR_BACKOFF_MIN_MS),
    );
    assert.equal(waits.at(-1), ERROR_BACKOFF_MAX_MS);
    const ready = live()?.conditions?.find((c) => c.type === 'Ready');
    assert.deepEqual(
      [ready?.status, ready?.reason, ready?.message],
      ['False', 'ReconcileError', 'connection refused'],
    );
  });

  it('keeps lastTransitionTime while a condition keeps its status', async () => {
    const { source, make } = setUp();
    source.commitFiles(models(['web']));
    const reconciler = make();
    await reconciler.reconcile();
    const readySince = source.status().conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
    source.change(models(['web', 'api']));

    await reconciler.reconcile();

    const ready = source.status().conditions?.find((c) => c.type === 'Ready');
    assert.equal(ready?.status, 'True');
    assert.equal(ready?.lastTransitionTime, readySince);
    assert.equal(source.status().observedGeneration, 2);
  });

  it('status.json is output only: a hand edit is not believed, and is overwritten at the next reconcile', async () => {
    const { source, make } = setUp();
    source.commitFiles(models(['web']));
    const reconciler = make();
    await reconciler.reconcile();
    const forged = { ...source.status(), lastAppliedCommit: 'f'.repeat(40), observedGeneration: 99 };
    const edit = source.change({ [STATUS_FILE]: JSON.stringify(forged) });

    const result = await reconciler.reconcile();

    assert.equal(result.outcome, 'deployed', 'written back, although nothing deployable changed');
    assert.equal(source.status().lastAppliedCommit, edit);
    assert.equal(source.status().observedGeneration, 2);
  });

  it('after a restart, a commit that changes only documentation on top of its write-back writes nothing', async () => {
    const { source, make } = setUp();
    source.commitFiles(models(['web']));
    await make().reconcile();
    source.change({ 'README.md': 'notes\n' });
    source.change({ 'NOTES.md': 'more notes\n' });
    const writeBacks = source.writeBacks;

    const result = await make().reconcile();

    assert.equal(result.outcome, 'unchanged');
    assert.equal(source.writeBacks, writeBacks);
  });

  it('a retry of a failed commit records that commit as attempted, not the record of its failure', async () => {
    const { source, deployer, make } = setUp();
    const head = source.commitFiles(models(['web']));
    const reconciler = make();
    deployer.failNext = true;
    await reconciler.reconcile();

    reconciler.retry();
    await reconciler.reconcile();

    assert.deepEqual(
      deployer.deployed.map((d) => d.commit),
      [head, head],
    );
    assert.equal(source.status().lastAttemptedCommit, head);
    assert.equal(source.status().lastAppliedCommit, head);
  });

  it('refuses local targets unless allowed: Stalled at the target, nothing deployed', async () => {
    const { source, deployer, make } = setUp({ allowLocalTargets: false });
    source.commitFiles(models(['web']));

    const result = await make().reconcile();

    assert.equal(result.outcome, 'invalid');
    assert.deepEqual(deployer.deployed, []);
    assert.deepEqual(source.status().errors, [`infrastructure.yaml:2:20: ${LOCAL_TARGET_REFUSED}`]);
    assert.equal(source.status().conditions?.find((c) => c.type === 'Stalled')?.status, 'True');
  });

  it('deleting or mangling ids.json moves no service: drover assigns from its own record, and writes it back', async () => {
    const { source, deployer, make } = setUp();
    source.commitFiles(models(['web']));
    const reconciler = make();
    await reconciler.reconcile();
    source.change(models(['api', 'web']));
    await reconciler.reconcile();
    const ports = () => JSON.parse(source.files()[IDS_FILE]!) as { ids: { ports: Record<string, number> } };
    const before = ports().ids.ports;
    const hashes = new Map(deployer.running);

    const withoutIds = { ...source.files() };
    delete withoutIds[IDS_FILE];
    source.commitFiles(withoutIds);
    await reconciler.reconcile();
    const afterDelete = ports().ids.ports;
    const swapped = { ...ports(), ids: { ports: { api: before.web!, web: before.api! } } };
    source.change({ [IDS_FILE]: JSON.stringify(swapped) });
    await make().reconcile(); // a restarted controller finds its record in the history
    const afterSwap = ports().ids.ports;

    assert.deepEqual(before, { api: 5001, web: 5000 }, 'web came first');
    assert.deepEqual(afterDelete, before);
    assert.deepEqual(afterSwap, before);
    assert.deepEqual(deployer.running, hashes, 'nothing was redeployed');
  });
});
