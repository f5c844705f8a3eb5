/**
 * The reconciler against a real local git repository and real supervisord (local transport,
 * unprivileged): every new commit is deployed and written back; its own commits, and commits that change
 * nothing deployable, write nothing; an invalid commit deploys nothing; a revert restores the earlier
 * state and IDs; a commit pushed during the write-back is not lost.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StatusFile } from '../schema/generated/status.ts';
import { deployContext } from '../controller/apply/context.ts';
import { applyEvaluation } from '../controller/apply/run.ts';
import { GitRepository } from '../controller/gitops/git-repository.ts';
import { Reconciler, type ReconcileOutcome } from '../controller/gitops/reconciler.ts';
import { silentLog as quiet } from '../controller/log.ts';
import { TempDirs } from './helpers/models.ts';

/** A reconciler over the repository, deploying through the local transport, with its own live status. */
function reconcilerFor(repository: GitRepository): { reconcile(): Promise<ReconcileOutcome>; retry(): void } {
  let live: StatusFile | undefined;
  const reconciler = new Reconciler({
    source: repository,
    deployer: {
      deploy: (evaluation, repo, commit, signal) =>
        applyEvaluation(evaluation, repo, deployContext({}, commit, signal, quiet), { commit }),
    },
    status: { get: () => live, set: (status) => (live = status) },
    clock: { now: () => new Date() },
    author: { name: 'drover', email: 'drover@localhost' },
    log: quiet,
    intervalMs: 1000,
    signal: new AbortController().signal,
    allowLocalTargets: true,
  });
  return {
    reconcile: async () => (await reconciler.reconcile()).outcome,
    retry: () => reconciler.retry(),
  };
}

describe('the controller reconciling a local repository', function () {
  this.timeout(60_000);
  const temp = new TempDirs();
  let origin: string;
  let repo: string;
  let state: string;
  let reconciler: ReturnType<typeof reconcilerFor>;
  let repository: GitRepository;

  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args], {
      cwd: repo,
      encoding: 'utf8',
    }).trim();
  /** A file as the controller wrote it on the branch. */
  const show = (path: string) => {
    git('pull', '-q', '--rebase');
    return git('show', `HEAD:${path}`);
  };
  const status = () => JSON.parse(show('status.json')) as StatusFile;
  const commits = () =>
    Number(execFileSync('git', ['rev-list', '--count', 'main'], { cwd: origin, encoding: 'utf8' }));
  const pidOf = (service: string) =>
    execFileSync('supervisorctl', ['-c', `${state}/supervisord/supervisord.conf`, 'pid', service], {
      encoding: 'utf8',
    }).trim();

  /** Writes the models: services that sleep, each with a port from the pool. */
  function writeModels(services: string[], extra = '') {
    writeFileSync(
      join(repo, 'infrastructure.yaml'),
      `targets:\n  local:\n    transport: local\n    unprivileged: true\n    stateDir: ${state}\n`,
    );
    writeFileSync(join(repo, 'idresources.yaml'), 'pools:\n  ports: { min: 7000, max: 7099 }\n');
    writeFileSync(
      join(repo, 'services.yaml'),
      `services:\n${services
        .map(
          (s) =>
            `  ${s}:\n    process:\n      command: /bin/sh\n      args: ["-c", "exec sleep 100000", "${s}"]\n      environment: { PORT: "\${{ ids.ports }}" }\n    requiresUniqueIdsFor: [ports]\n`,
        )
        .join('')}${extra}`,
    );
    writeFileSync(
      join(repo, 'distribution.yaml'),
      `distribution:\n${services.map((s) => `  ${s}: [local]\n`).join('')}`,
    );
  }
  /** Commits everything and pushes it, as a developer merging a change. */
  const commitAll = (message: string) => {
    git('add', '-A');
    git('commit', '-qm', message);
    git('pull', '-q', '--rebase');
    git('push', '-q', 'origin', 'main');
  };

  before(async () => {
    origin = temp.make();
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
    repo = temp.make();
    state = temp.make();
    git('init', '-q', '-b', 'main');
    git('remote', 'add', 'origin', origin);
    writeModels(['alpha']);
    git('add', '-A');
    git('commit', '-qm', 'alpha');
    git('push', '-q', '-u', 'origin', 'main');
    repository = await GitRepository.open(origin, 'main', temp.make());
    reconciler = reconcilerFor(repository);
  });
  after(() => {
    try {
      execFileSync('supervisorctl', ['-c', `${state}/supervisord/supervisord.conf`, 'shutdown']);
    } catch {
      // not started
    }
    temp.cleanup();
  });

  it('deploys a new commit and writes status.json and ids.json back as one commit', async () => {
    assert.equal(await reconciler.reconcile(), 'deployed');

    git('pull', '-q', '--rebase');
    assert.match(
      git('log', '-1', '--format=%an %s%n%b'),
      /^drover drover: deployed [0-9a-f]{12}\nDrover-Write-Back: [0-9a-f]{40}$/,
    );
    assert.deepEqual(git('show', '--name-only', '--format=', 'HEAD').split('\n').sort(), [
      'ids.json',
      'status.json',
    ]);
    assert.equal(status().outcome, 'deployed');
    assert.deepEqual(
      status()
        .conditions?.filter((c) => c.status === 'True')
        .map((c) => [c.type, c.reason]),
      [['Ready', 'Deployed']],
    );
    assert.equal(
      (JSON.parse(show('ids.json')) as { ids: { ports: Record<string, number> } }).ids.ports.alpha,
      7000,
    );
    assert.match(pidOf('alpha'), /^\d+$/);
  });

  it('recognises its own write-back, also after a restart: reconciling it does nothing and writes nothing', async () => {
    const before = commits();
    assert.equal(await reconciler.reconcile(), 'idle');
    const restarted = reconcilerFor(repository);
    assert.equal(await restarted.reconcile(), 'own-commit');
    assert.equal(await restarted.reconcile(), 'idle');
    assert.equal(commits(), before);
  });

  it('a commit that changes nothing deployable writes nothing', async () => {
    writeFileSync(join(repo, 'README.md'), 'notes\n');
    commitAll('docs');
    const before = commits();
    assert.equal(await reconciler.reconcile(), 'unchanged');
    assert.equal(commits(), before);
  });

  it('an invalid commit deploys nothing and records why; the running service is untouched', async () => {
    const pid = pidOf('alpha');
    writeFileSync(join(repo, 'distribution.yaml'), 'distribution:\n  alpha: [local]\n  beta: [local]\n');
    commitAll('broken');

    assert.equal(await reconciler.reconcile(), 'invalid');

    assert.equal(status().outcome, 'invalid');
    assert.match(status().errors?.[0] ?? '', /^distribution\.yaml:3:3: unknown service 'beta'/);
    assert.equal(status().conditions?.find((c) => c.status === 'True')?.type, 'Stalled');
    assert.equal(pidOf('alpha'), pid);
    assert.equal(await reconciler.reconcile(), 'idle');
  });

  it('the next valid commit proceeds normally', async () => {
    writeModels(['alpha', 'beta']);
    commitAll('add beta');
    assert.equal(await reconciler.reconcile(), 'deployed');
    assert.equal(status().outcome, 'deployed');
    assert.equal(
      (JSON.parse(show('ids.json')) as { ids: { ports: Record<string, number> } }).ids.ports.beta,
      7001,
    );
    assert.match(pidOf('beta'), /^\d+$/);
  });

  it('reverting a commit brings back the earlier state with the earlier IDs', async () => {
    writeModels(['alpha', 'beta', 'gamma']);
    commitAll('add gamma');
    assert.equal(await reconciler.reconcile(), 'deployed');
    const gammaCommit = git('log', '--format=%H', '--grep', '^add gamma$');
    writeModels(['alpha', 'beta']);
    commitAll('remove gamma');
    assert.equal(await reconciler.reconcile(), 'deployed');

    git('pull', '-q', '--rebase');
    const removal = git('log', '--format=%H', '--grep', '^remove gamma$');
    git('revert', '--no-edit', removal);
    git('push', '-q', 'origin', 'main');
    assert.equal(await reconciler.reconcile(), 'deployed');
    assert.notEqual(gammaCommit, '');

    const ids = JSON.parse(show('ids.json')) as { ids: { ports: Record<string, number> } };
    assert.equal(ids.ids.ports.gamma, 7002);
  });

  it('a failed deployment is rolled back, recorded, and not retried until asked', async () => {
    git('pull', '-q', '--rebase');
    writeModels(
      ['alpha', 'beta'],
      '  broken:\n    process:\n      command: /bin/sh\n      args: ["-c", "exit 1"]\n',
    );
    writeFileSync(
      join(repo, 'distribution.yaml'),
      'distribution:\n  alpha: [local]\n  beta: [local]\n  broken: [local]\n',
    );
    commitAll('broken service');
    const before = commits();

    assert.equal(await reconciler.reconcile(), 'failed');
    assert.equal(status().outcome, 'failed');
    assert.equal(status().error?.unit, 'broken@local/process');
    assert.equal(status().conditions?.find((c) => c.status === 'True')?.reason, 'DeploymentFailed');
    assert.equal(await reconciler.reconcile(), 'idle', 'the same commit is not retried');
    assert.equal(commits(), before + 1);

    reconciler.retry();
    assert.equal(await reconciler.reconcile(), 'failed', 'retried, and still broken');
    assert.equal(commits(), before + 2);
    git('pull', '-q', '--rebase');
    writeModels(['alpha', 'beta']);
    commitAll('remove the broken service');
    assert.equal(await reconciler.reconcile(), 'deployed');
  });

  it('a commit pushed while it writes back is not lost: it reconciles the new head', async () => {
    git('pull', '-q', '--rebase');
    writeModels(['alpha', 'beta', 'delta']);
    commitAll('add delta');
    const writeBack = repository.writeBack.bind(repository);
    let raced = false;
    repository.writeBack = async (...args) => {
      if (!raced) {
        raced = true;
        writeFileSync(join(repo, 'NOTES.md'), 'merged meanwhile\n');
        commitAll('merged meanwhile');
      }
      return writeBack(...args);
    };

    assert.equal(await reconciler.reconcile(), 'moved');
    assert.equal(await reconciler.reconcile(), 'deployed');

    git('pull', '-q', '--rebase');
    const subjects = git('log', '--format=%s', '-4').split('\n');
    assert.equal(subjects[1], 'merged meanwhile');
    assert.equal(subjects[2], 'add delta');
    assert.match(subjects[0]!, /^drover: deployed/);
    assert.match(pidOf('delta'), /^\d+$/);
  });
});
