/**
 * The controller end to end: a real git server (git http-backend, token auth), `drover controller` as a
 * process, three test hosts over SSH. Developers push; the tests wait for drover's write-back commit and
 * check the hosts.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StatusFile } from '../schema/generated/status.ts';
import {
  startController as start,
  stopController as stop,
  printOutputOnFailure,
  type ControllerProcess,
} from './helpers/controller-process.ts';
import { pushHead, startGitServer, type GitServer } from './helpers/git-server.ts';
import { fixturesDir, TempDirs } from './helpers/models.ts';
import { waitFor } from './helpers/local-target.ts';
import {
  createTestNetwork,
  infrastructureYaml,
  type TestHost,
  type TestNetwork,
} from './helpers/test-network.ts';

const run = promisify(execFile);
const TOKEN = 'test-token-5b1f';

/** The controller's log line (pino JSON) when it starts on a commit. */
const reconcilingLine = (commit: string) => `"commit":"${commit}","msg":"reconciling"`;

describe('drover controller with a git server and three hosts', function () {
  this.timeout(180_000);
  const temp = new TempDirs();
  let network: TestNetwork;
  let server: GitServer;
  let clone: string;
  let knownHosts: string;
  let cacheDir: string;
  let controller: ControllerProcess | undefined;
  let h1: TestHost, h3: TestHost;
  const listen = `127.0.0.1:${19100 + (process.pid % 500)}`;

  /** git in the developer's clone (async: the git server runs in this process). */
  const git = async (...args: string[]) =>
    (
      await run('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args], { cwd: clone })
    ).stdout.trim();

  function startController() {
    controller = start(
      `${server.url}/models.git`,
      [
        '--listen',
        listen,
        '--cache-dir',
        cacheDir,
        '--identity',
        network.clientKeyPath,
        '--known-hosts',
        knownHosts,
      ],
      { DROVER_GIT_TOKEN: TOKEN },
    );
  }

  async function stopController() {
    await stop(controller);
    controller = undefined;
  }

  before(async () => {
    network = await createTestNetwork(3);
    [h1, , h3] = network.hosts as [TestHost, TestHost, TestHost];
    server = await startGitServer({ token: TOKEN });
    const url = await server.createRepository('models');
    clone = temp.make();
    cacheDir = temp.make();
    knownHosts = join(temp.make(), 'known_hosts');
    writeFileSync(knownHosts, network.knownHosts);
    await run('git', ['clone', '-q', url.replace('http://', `http://dev:${TOKEN}@`), clone]);
    await git('checkout', '-q', '-b', 'main');
    cpSync(join(fixturesDir, 'webapp-nginx', 'packages'), join(clone, 'packages'), { recursive: true });
    writeFileSync(join(clone, 'infrastructure.yaml'), infrastructureYaml(network));
    writeFileSync(join(clone, 'idresources.yaml'), 'pools:\n  ports: { min: 5000, max: 5099 }\n');
  });
  afterEach(function () {
    printOutputOnFailure(this, controller);
  });
  after(async () => {
    await stopController();
    await server?.close();
    await network?.teardown();
    temp.cleanup();
  });

  /** The models: webapps on t1 and t2, a proxy-less check through the webapp's own port. */
  function writeModels(webapps: string[], version = 'v1') {
    writeFileSync(
      join(clone, 'services.yaml'),
      `services:\n${webapps
        .map(
          (w) => `  ${w}:
    package: packages/webapp
    process:
      command: \${{ package }}/bin/webapp
      environment: { PORT: "\${{ ids.ports }}", INSTANCE: "${w}-${version}" }
    requiresUniqueIdsFor: [ports]
    healthCheck: { http: "http://127.0.0.1:\${{ ids.ports }}/", timeout: 10s }
`,
        )
        .join('')}`,
    );
    writeFileSync(
      join(clone, 'distribution.yaml'),
      `distribution:\n${webapps.map((w, i) => `  ${w}: [t${(i % 2) + 1}]\n`).join('')}`,
    );
  }

  /**
   * Commits and pushes; returns the commit id. As a developer would, it pulls and pushes again when the
   * controller's own write-back landed in between.
   */
  async function push(message: string): Promise<string> {
    await git('add', '-A');
    await git('commit', '-qm', message);
    return pushHead(git);
  }

  /** Waits for drover's write-back for `commit` and returns the status.json it wrote. */
  async function writtenBack(commit: string): Promise<StatusFile> {
    return waitFor(
      `the write-back of ${commit.slice(0, 12)}`,
      async () => {
        await git('fetch', '-q', 'origin');
        const log = await git('log', '--format=%H %B%x00', 'origin/main', '-20');
        const mine = log.split('\0').find((entry) => entry.includes(`Drover-Write-Back: ${commit}`));
        if (!mine) return undefined;
        const oid = mine.trim().split(' ')[0]!;
        return JSON.parse(await git('show', `${oid}:status.json`)) as StatusFile;
      },
      60_000,
    );
  }

  const page = (host: TestHost, port: number) =>
    new Promise<string>((resolve, reject) => {
      const req = request({ host: host.address, port, path: '/', timeout: 5000 }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });
  const pidIn = (text: string) => Number(/pid (\d+)/.exec(text)?.[1]);

  it('a pushed commit is deployed, and a status commit appears on the branch', async () => {
    writeModels(['webapp']);
    const commit = await push('webapp');
    startController();

    const status = await writtenBack(commit);

    assert.equal(status.outcome, 'deployed', JSON.stringify(status.error));
    assert.equal(status.lastAppliedCommit, commit);
    assert.equal(status.conditions?.find((c) => c.status === 'True')?.type, 'Ready');
    assert.match(await page(h1, 5000), /<h1>webapp-v1<\/h1>/);
    assert.doesNotMatch(controller!.output(), new RegExp(TOKEN), 'the token is never logged');
    // The reconciliation is timed once it returns, which is after its write-back was pushed.
    const reconciled = /^drover_reconcile_duration_seconds_count\{outcome="deployed"\} 1$/m;
    const metrics = await waitFor('the reconciliation timed', async () => {
      const text = await (await fetch(`http://${listen}/metrics`)).text();
      return reconciled.test(text) ? text : undefined;
    });
    assert.match(metrics, /^drover_deployments_total 1$/m);
    assert.match(metrics, /^drover_units\{target="t1"\} 1$/m);
    assert.equal((await fetch(`http://${listen}/readyz`)).status, 200);
    const retry = await fetch(`http://${listen}/retry`, { method: 'POST' });
    assert.equal(retry.status, 403, 'POST /retry is off without --api-token-file');
  });

  it('the next commit changes only what changed: the webapp keeps its PID', async () => {
    const before = pidIn(await page(h1, 5000));
    writeModels(['webapp', 'webapp2']);
    const commit = await push('webapp2');

    const status = await writtenBack(commit);

    assert.equal(status.outcome, 'deployed');
    assert.match(await page(network.hosts[1]!, 5001), /<h1>webapp2-v1<\/h1>/);
    assert.equal(pidIn(await page(h1, 5000)), before);
  });

  it('a broken commit: Stalled, nothing changes on the hosts; the fix deploys', async () => {
    const before = pidIn(await page(h1, 5000));
    writeFileSync(join(clone, 'distribution.yaml'), 'distribution:\n  webapp: [t1]\n  webapp3: [t9]\n');
    const broken = await push('broken');

    const stalled = await writtenBack(broken);

    assert.equal(stalled.outcome, 'invalid');
    assert.equal(stalled.conditions?.find((c) => c.status === 'True')?.type, 'Stalled');
    assert.match(stalled.errors?.join('\n') ?? '', /^distribution\.yaml:3:3: unknown service 'webapp3'/m);
    assert.equal(pidIn(await page(h1, 5000)), before);

    writeModels(['webapp', 'webapp2'], 'v2');
    const fix = await push('fix');
    const fixed = await writtenBack(fix);
    assert.equal(fixed.outcome, 'deployed');
    assert.match(await page(h1, 5000), /<h1>webapp-v2<\/h1>/);
  });

  it('reverting a commit brings the earlier state back, with the earlier IDs', async () => {
    writeModels(['webapp', 'webapp2', 'webapp3'], 'v2');
    const added = await push('webapp3');
    assert.equal((await writtenBack(added)).outcome, 'deployed');
    await git('pull', '-q', '--rebase', 'origin', 'main');
    const port = (
      JSON.parse(await git('show', 'HEAD:ids.json')) as { ids: { ports: Record<string, number> } }
    ).ids.ports.webapp3;

    await git('revert', '--no-edit', added);
    const reverted = await writtenBack(await pushHead(git));

    assert.equal(reverted.outcome, 'deployed');
    assert.deepEqual(
      Object.values(reverted.targets)
        .flatMap((t) => t.units.map((u) => u.service))
        .sort(),
      ['webapp', 'webapp2'],
    );
    await git('pull', '-q', '--rebase', 'origin', 'main');
    await git('revert', '--no-edit', 'HEAD~1');
    await writtenBack(await pushHead(git));
    await git('pull', '-q', '--rebase', 'origin', 'main');
    const ids = JSON.parse(await git('show', 'HEAD:ids.json')) as { ids: { ports: Record<string, number> } };
    assert.equal(ids.ids.ports.webapp3, port, 'webapp3 gets its earlier port back');
  });

  it('a commit pushed while the controller deploys is not lost: both end up on the branch', async () => {
    writeModels(['webapp', 'webapp2'], 'v3');
    const first = await push('v3');
    await waitFor('the controller to start on it', () =>
      controller!.output().includes(reconcilingLine(first)) ? true : undefined,
    );
    writeFileSync(join(clone, 'NOTES.md'), 'pushed during the deployment\n');
    const second = await push('notes');

    const status = await writtenBack(second);

    assert.equal(status.lastAttemptedCommit, second);
    const subjects = await git('log', '--format=%s', 'origin/main', '-6');
    assert.match(subjects, /^notes$/m);
    assert.match(subjects, /^v3$/m);
    assert.match(await page(h1, 5000), /<h1>webapp-v3<\/h1>/);
  });

  it('killed mid-deployment and restarted, it converges', async () => {
    writeModels(['webapp', 'webapp2'], 'v4');
    const commit = await push('v4');
    await waitFor('a deployment step', () =>
      /"msg":"(de)?activate /.test(controller!.output().split(reconcilingLine(commit))[1] ?? '')
        ? true
        : undefined,
    );
    controller!.child.kill('SIGKILL');
    await new Promise((resolve) => controller!.child.once('close', resolve));
    controller = undefined;
    startController();

    const status = await writtenBack(commit);

    assert.equal(status.outcome, 'deployed');
    assert.match(await page(h1, 5000), /<h1>webapp-v4<\/h1>/);
    assert.ok(h3.name);
  });

  /** GET a path of the controller's endpoints. */
  const endpoint = (path: string) =>
    new Promise<string>((resolve, reject) => {
      const [host, port] = listen.split(':');
      const req = request({ host, port: Number(port), path, timeout: 5000 }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });
  type Observed = Record<
    string,
    {
      reachable: boolean | null;
      since: string;
      generation?: number;
      drift?: { notRunning: Record<string, string> };
    }
  >;
  const observed = async () => {
    const text = await endpoint('/status');
    return text.startsWith('{') ? ((JSON.parse(text) as { observed?: Observed }).observed ?? {}) : {};
  };

  it('probes every target: one cut off is Unreachable after the bound, the others still deploy, and it is Reachable again after 2 good probes', async () => {
    await waitFor(
      'every target reachable',
      async () => {
        const now = await observed();
        return ['t1', 't2', 't3'].every((t) => now[t]?.reachable === true) ? true : undefined;
      },
      20_000,
    );
    const before = await observed();
    assert.equal(before.t1!.reachable, true);

    const [, h2] = network.hosts as [TestHost, TestHost, TestHost];
    await network.linkDown(h2.name);
    const down = await waitFor(
      't2 unreachable',
      async () => ((await observed()).t2?.reachable === false ? observed() : undefined),
      30_000,
    );
    const metrics = await endpoint('/metrics');
    assert.match(metrics, /^drover_target_up\{target="t2"\} 0$/m);
    assert.match(metrics, /^drover_target_up\{target="t1"\} 1$/m);
    assert.match(metrics, /^drover_unit_running\{target="t1",unit="webapp@t1\/process"\} 1$/m);
    assert.equal(down.t1!.reachable, true, 'the others stay reachable');
    assert.match(controller!.output(), /"target":"t2".*"msg":"target unreachable"/);

    // Reconciling goes on for the others: t2 needs no change, so it is left out, not a failure.
    writeModels(['webapp', 'webapp2', 'webapp3'], 'v4');
    const added = await push('webapp3 on t1, while t2 is cut off');
    const status = await writtenBack(added);
    assert.equal(status.outcome, 'deployed', JSON.stringify(status.error));
    assert.ok(status.targets.t2, 't2 is still reported, at the generation it runs');
    assert.match(await page(h1, 5002), /<h1>webapp3-v4<\/h1>/);
    assert.match(
      controller!.output(),
      /"target":"t2".*"msg":"t2 cannot be reached but needs no change: left out"/,
    );
    const reconciled = controller!.output().split('"msg":"reconciling"').length;

    await network.linkUp(h2.name);
    const up = await waitFor(
      't2 reachable again',
      async () => ((await observed()).t2?.reachable === true ? observed() : undefined),
      30_000,
    );
    assert.ok(up.t2!.since > down.t2!.since, 'since when it is Reachable again');
    assert.match(controller!.output(), /"target":"t2".*"msg":"target reachable"/);
    assert.equal(
      controller!.output().split('"msg":"reconciling"').length,
      reconciled,
      'nothing redeployed: nothing drifted',
    );
  });

  it("heals: drover's supervisord killed on a host, with its programs, is started again with them", async () => {
    const before = pidIn(await page(h1, 5000));
    await run('pkill', ['-KILL', '-f', h1.stateDir]);
    await assert.rejects(page(h1, 5000), 'nothing answers on h1');

    const after = await waitFor(
      'the webapp on h1 to answer again',
      async () => pidIn(await page(h1, 5000).catch(() => '')) || undefined,
      30_000,
    );

    assert.notEqual(after, before);
    await waitFor('the heal in the log', () =>
      /"unit":"webapp@t1\/process".*"msg":"healed: started again"/.test(controller!.output())
        ? true
        : undefined,
    );
    const observedNow = await waitFor(
      'no drift on t1',
      async () => {
        const now = await observed();
        return now.t1 && !('drift' in now.t1) ? now : undefined;
      },
      10_000,
    );
    assert.equal(observedNow.t1!.reachable, true);
  });

  it('heals: one webapp process killed answers again with a new PID; the others keep theirs', async () => {
    const [, h2] = network.hosts as [TestHost, TestHost, TestHost];
    const before = await Promise.all([page(h1, 5000), page(h1, 5002), page(h2, 5001)]).then((p) =>
      p.map(pidIn),
    );

    process.kill(before[0]!, 'SIGKILL');

    const after = await waitFor(
      'the webapp on h1 to answer again',
      async () => pidIn(await page(h1, 5000).catch(() => '')) || undefined,
      10_000,
    );
    assert.notEqual(after, before[0]);
    assert.deepEqual(
      await Promise.all([page(h1, 5002), page(h2, 5001)]).then((p) => p.map(pidIn)),
      before.slice(1),
      'webapp3 and webapp2 keep their PIDs',
    );
  });

  it('a unit that exits at once each time is Degraded after 5 heals, then left alone: no more starts', async () => {
    const starts = join(h3.stateDir, 'crasher-starts');
    const crash = join(h3.stateDir, 'crash');
    writeModels(['webapp', 'webapp2', 'webapp3'], 'v4');
    const services = join(clone, 'services.yaml');
    writeFileSync(
      services,
      `${readFileSync(services, 'utf8')}  crasher:
    process:
      command: /bin/sh
      args: ["-c", "echo started >>${starts}; [ ! -e ${crash} ] || exit 1; exec sleep 100000"]
      overrides: { supervisord: { startretries: 0 } }
`,
    );
    const distribution = join(clone, 'distribution.yaml');
    writeFileSync(distribution, `${readFileSync(distribution, 'utf8')}  crasher: [t3]\n`);
    const status = await writtenBack(await push('crasher on t3'));
    assert.equal(status.outcome, 'deployed', JSON.stringify(status.error));

    writeFileSync(crash, '');
    await run('pkill', ['-KILL', '-f', '^sleep 100000$']);

    const degraded = /"unit":"crasher@t3\/process".*"msg":"degraded: it keeps stopping/;
    await waitFor('crasher Degraded', () => (degraded.test(controller!.output()) ? true : undefined), 90_000);
    const count = () => readFileSync(starts, 'utf8').split('\n').filter(Boolean).length;
    const startsWhenDegraded = count();
    const heals = controller!.output().match(/"unit":"crasher@t3\/process".*"msg":"healed: started again"/g);
    assert.equal(heals?.length, 4, 'healed 4 times, Degraded at the 5th');
    assert.match(await endpoint('/metrics'), /^drover_heals_total\{unit="crasher@t3\/process"\} 5$/m);

    // Ten probe intervals later: still Degraded, and nobody started it again.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    assert.equal(count(), startsWhenDegraded, 'no start after Degraded');
    const now = await observed();
    assert.deepEqual(Object.keys(now.t3?.drift?.notRunning ?? {}), ['crasher@t3/process'], 'still drift');
  });
});
