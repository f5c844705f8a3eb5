/**
 * Scheduling end to end: the controller, a git server and five test hosts. `web` has 3 replicas that the
 * scheduler places on the app hosts (h1 to h4), behind an nginx on h5 whose upstream loops over web's
 * instances. Cutting h2 off moves its copy after --failover-after, nginx's upstream follows, and a request
 * loop through nginx measures the window of failed requests; when h2 answers again, its stale copy is
 * stopped and nothing moves back.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  printOutputOnFailure,
  startController,
  stopController,
  type ControllerProcess,
} from './helpers/controller-process.ts';
import { pushHead, startGitServer, type GitServer } from './helpers/git-server.ts';
import { httpBody } from './helpers/http.ts';
import { waitFor } from './helpers/local-target.ts';
import { fixturesDir, TempDirs } from './helpers/models.ts';
import {
  createTestNetwork,
  infrastructureYaml,
  type TestHost,
  type TestNetwork,
} from './helpers/test-network.ts';

const run = promisify(execFile);
const TOKEN = 'test-token-7c2e';
const WEB_PORT = 5000;
const LB_PORT = 8080;
const SINGLE_PORT = 5100;

describe('failover: replicas behind nginx, one host cut off', function () {
  this.timeout(180_000);
  const temp = new TempDirs();
  let network: TestNetwork;
  let server: GitServer;
  let clone: string;
  let controller: ControllerProcess | undefined;
  let hosts: TestHost[];

  const git = async (...args: string[]) =>
    (
      await run('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args], { cwd: clone })
    ).stdout.trim();

  /** Commits and pushes what the clone holds. */
  const push = async (message: string) => {
    await git('add', '-A');
    await git('commit', '-qm', message);
    return pushHead(git);
  };

  /** A JSON file drover wrote back on the branch, if there is one. */
  const written = async <T>(file: string): Promise<T | undefined> => {
    await git('fetch', '-q', 'origin');
    const text = await git('show', `origin/main:${file}`).catch(() => '');
    return text === '' ? undefined : (JSON.parse(text) as T);
  };
  /** The placements drover last wrote back on the branch. */
  const placements = async () =>
    (await written<{ placements: Record<string, Record<string, string>> }>('placements.json'))?.placements ??
    {};

  /** services.yaml: web's version and health check, and nginx in front of its copies. */
  function writeServices(version: string, health: string) {
    writeFileSync(
      join(clone, 'services.yaml'),
      `services:
  web:
    package: packages/webapp
    process:
      command: \${{ package }}/bin/webapp
      environment: { PORT: "\${{ ids.webPorts }}", INSTANCE: "web ${version} on \${{ target.name }}" }
    requiresUniqueIdsFor: [webPorts]
    replicas: 3
    placement: { constraints: { tier: app } }
    healthCheck: { http: "${health}", timeout: 5s }
  lb:
    process:
      command: /usr/sbin/nginx
      args: ["-c", "\${{ files.nginx.conf }}", "-e", "\${{ dirs.log }}/lb-error.log", "-g", "daemon off;"]
    files:
      nginx.conf:
        content: |
          pid \${{ dirs.runtime }}/lb.pid;
          error_log \${{ dirs.log }}/lb-error.log;
          events { worker_connections 64; }
          http {
              access_log off;
              client_body_temp_path \${{ dirs.tmp }}/lb-body;
              proxy_temp_path \${{ dirs.tmp }}/lb-proxy;
              fastcgi_temp_path \${{ dirs.tmp }}/lb-fastcgi;
              uwsgi_temp_path \${{ dirs.tmp }}/lb-uwsgi;
              scgi_temp_path \${{ dirs.tmp }}/lb-scgi;
              # A request that finds a copy stopped (restarting, or cut off) goes to the next one; no
              # copy is struck off (max_fails=0): in a rollout, each copy is down in turn.
              upstream web {
          \${{ for w in deps.web.instances }}        server \${{ w.target.hostname }}:\${{ w.ids.webPorts }} max_fails=0;
          \${{ end }}    }
              server {
                  listen ${LB_PORT};
                  location / {
                      proxy_pass http://web;
                      proxy_connect_timeout 1s;
                      proxy_next_upstream error timeout;
                  }
              }
          }
    # Not dependsOn: nginx is not restarted when web's copies are, only when their list changes.
    connectsTo: [web]
    healthCheck: { tcp: "127.0.0.1:${LB_PORT}", timeout: 10s }
  single:
    package: packages/webapp
    process:
      command: \${{ package }}/bin/webapp
      environment: { PORT: "\${{ ids.singlePorts }}", INSTANCE: "single on \${{ target.name }}" }
    requiresUniqueIdsFor: [singlePorts]
    replicas: 1
    exclusive: true
    placement: { constraints: { ssd: true } }
    healthCheck: { http: "http://127.0.0.1:\${{ ids.singlePorts }}/", timeout: 5s }
`,
    );
  }

  before(async () => {
    network = await createTestNetwork(5);
    hosts = network.hosts;
    server = await startGitServer({ token: TOKEN });
    const url = await server.createRepository('models');
    clone = temp.make();
    const knownHosts = join(temp.make(), 'known_hosts');
    writeFileSync(knownHosts, network.knownHosts);
    await run('git', ['clone', '-q', url.replace('http://', `http://dev:${TOKEN}@`), clone]);
    await git('checkout', '-q', '-b', 'main');
    cpSync(join(fixturesDir, 'webapp-nginx', 'packages'), join(clone, 'packages'), { recursive: true });
    writeFileSync(
      join(clone, 'infrastructure.yaml'),
      infrastructureYaml(network, (target) => ({
        properties: `{ tier: ${target === 't5' ? 'lb' : 'app'}, ssd: ${target === 't2' || target === 't4'} }`,
      })),
    );
    writeFileSync(
      join(clone, 'idresources.yaml'),
      `pools:\n  webPorts: { min: ${WEB_PORT}, max: 5099 }\n  singlePorts: { min: ${SINGLE_PORT}, max: 5199 }\n`,
    );
    writeServices('v1', 'http://127.0.0.1:${{ ids.webPorts }}/');
    writeFileSync(join(clone, 'distribution.yaml'), 'distribution:\n  lb: [t5]\n');
    await push('web behind lb');

    controller = startController(
      `${server.url}/models.git`,
      [
        '--failover-after',
        '2s',
        '--lease-timeout',
        '5s',
        '--max-clock-skew',
        '1s',
        '--listen',
        `127.0.0.1:${19700 + (process.pid % 200)}`,
        '--cache-dir',
        temp.make(),
        '--identity',
        network.clientKeyPath,
        '--known-hosts',
        knownHosts,
      ],
      { DROVER_GIT_TOKEN: TOKEN },
    );
  });
  afterEach(function () {
    printOutputOnFailure(this, controller);
  });
  after(async () => {
    await stopController(controller);
    await server?.close();
    await network?.teardown();
    temp.cleanup();
  });

  const get = (host: TestHost, port: number) => httpBody(host.address, port);
  const host = (target: string) => hosts[Number(target.slice(1)) - 1]!;
  /** When h2 was cut off, and when the exclusive copy on it stopped. */
  let cutAt = 0;
  let singleOnH2: { stopped: Promise<number> };
  const lb = () => host('t5');

  it('places the 3 replicas on the first app hosts, and nginx reaches each', async () => {
    const placed = await waitFor('the first placements', async () => (await placements()).web, 60_000);

    assert.deepEqual(placed, { t1: 'new replica', t2: 'new replica', t3: 'new replica' });
    assert.deepEqual(
      (await placements()).single,
      { t2: 'new replica' },
      'the exclusive one on the first ssd host',
    );
    assert.match(await get(host('t2'), SINGLE_PORT), /<h1>single on t2<\/h1>/);
    const seen = new Set<string>();
    await waitFor(
      'nginx on h5 to answer from each replica',
      async () => {
        seen.add(/<h1>([^<]*)<\/h1>/.exec(await get(lb(), LB_PORT).catch(() => ''))?.[1] ?? '');
        return ['t1', 't2', 't3'].every((t) => seen.has(`web v1 on ${t}`)) ? true : undefined;
      },
      30_000,
    );
  });

  it("h2 cut off: its copy moves after --failover-after, nginx's upstream follows, and the window of failed requests is reported", async () => {
    const loop = requestLoop();
    cutAt = Date.now();
    await network.linkDown(host('t2').name);
    singleOnH2 = watchStop(host('t2'), SINGLE_PORT);

    const moved = await movedOffT2('web', 60_000);
    const movedAt = Date.now();
    assert.deepEqual(Object.keys(moved).sort(), ['t1', 't3', 't4']);
    assert.match(moved.t4!, /^replaces t2: unreachable since \S+Z$/);
    assert.match(await get(host('t4'), WEB_PORT), /<h1>web v1 on t4<\/h1>/);
    await waitFor(
      'nginx to answer from t4',
      async () => ((await get(lb(), LB_PORT).catch(() => '')).includes('web v1 on t4') ? true : undefined),
      20_000,
    );
    const { requests, failures } = await loop.stop();

    const window = failures.length > 0 ? `${failures.at(-1)! - failures[0]!} ms` : 'none';
    console.log(
      `      failover: cut at 0 ms, copy placed on t4 by ${movedAt - cutAt} ms; ${failures.length} of ${requests} requests through nginx failed (window ${window})`,
    );
    assert.match(
      controller!.output(),
      /"msg":"unreachable past --failover-after: placing their copies elsewhere"/,
    );
    assert.ok(failures.length < requests / 2, 'nginx kept answering from the others meanwhile');
  });

  it('an exclusive service cut off with h2 is stopped by its lease before its replacement starts on t4 (timestamps)', async () => {
    const moved = await movedOffT2('single', 90_000);
    const placedAt = Date.now();
    await waitFor(
      'single to answer on t4',
      async () =>
        (await get(host('t4'), SINGLE_PORT).catch(() => '')).includes('single on t4') ? true : undefined,
      30_000,
    );
    const activated = /"time":"([^"]+)","app":"drover","op":"activate","unit":"single@t4\/process"/.exec(
      controller!.output(),
    );
    const stoppedAt = await singleOnH2.stopped;

    assert.match(moved.t4!, /^replaces t2: unreachable since \S+Z, lease ended \S+Z$/);
    assert.ok(activated, 'the controller activated single on t4');
    const startedAt = Date.parse(activated[1]!);
    console.log(
      `      exclusive: cut at 0 ms; stopped on h2 by its lease at ${stoppedAt - cutAt} ms; started on t4 at ${startedAt - cutAt} ms (placements.json on the branch by ${placedAt - cutAt} ms)`,
    );
    assert.ok(stoppedAt < startedAt, 'never two copies: stopped on h2 before it started on t4');
    assert.match(
      controller!.output(),
      /"msg":"the lease of their exclusive copies has ended: placing those elsewhere"/,
    );
  });

  it('h2 back: its stale copy is stopped, and nothing moves back', async () => {
    const before = await placements();
    const loop = requestLoop();
    await network.linkUp(host('t2').name);

    await waitFor(
      "h2's stale copy stopped",
      async () =>
        (await get(host('t2'), WEB_PORT).then(
          () => false,
          () => true,
        ))
          ? true
          : undefined,
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // a few more probes of h2
    const { requests, failures } = await loop.stop();

    assert.deepEqual(await placements(), before, 'the copies stay on t4');
    assert.match(await get(lb(), LB_PORT), /<h1>web v1 on t[134]<\/h1>/);
    assert.equal(await listening(host('t2'), SINGLE_PORT), false, 'single stays stopped on h2');
    const lease = await host('t2').exec(['cat', `${host('t2').stateDir}/leases/single`]);
    assert.ok(
      Number(lease.stdout) * 1000 <= cutAt + 5_000 + 1_000,
      'its lease on h2 was not renewed after the cut, not even once h2 answered again',
    );
    console.log(`      h2 back: ${failures.length} of ${requests} requests through nginx failed`);
    assert.equal(failures.length, 0);
  });

  /** A service's placements once none is on t2 any more. */
  const movedOffT2 = (service: string, timeoutMs: number) =>
    waitFor(
      `${service} placed elsewhere`,
      async () => {
        const placed = (await placements())[service];
        return placed && !placed.t2 ? placed : undefined;
      },
      timeoutMs,
    );

  /** Whether something listens on `port` inside a host (seen from within, whatever its link). */
  const listening = async (on: TestHost, port: number) =>
    (await on.exec(['ss', '-Hltn', `sport = :${port}`])).stdout.trim() !== '';

  /** Watches `port` inside a host every 100 ms; `stopped` is when nothing listened there any more. */
  function watchStop(on: TestHost, port: number): { stopped: Promise<number> } {
    return {
      stopped: (async () => {
        while (await listening(on, port)) await new Promise((resolve) => setTimeout(resolve, 100));
        return Date.now();
      })(),
    };
  }

  /** GETs through nginx every 100 ms until stopped; returns how many were made and which failed. */
  function requestLoop(): { stop(): Promise<{ requests: number; failures: number[] }> } {
    const failures: number[] = [];
    let requests = 0;
    let looping = true;
    const loop = (async () => {
      while (looping) {
        requests++;
        await get(lb(), LB_PORT).catch(() => failures.push(Date.now()));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    return {
      stop: async () => {
        looping = false;
        await loop;
        return { requests, failures };
      },
    };
  }

  /** What web's copy on a target answers, or undefined while it does not answer. */
  const version = async (target: string) =>
    /<h1>([^<]*)<\/h1>/.exec(await get(host(target), WEB_PORT).catch(() => ''))?.[1];
  const copies = ['t1', 't3', 't4'];

  it('a new version rolls out one copy at a time (maxUnavailable 1): no request through nginx fails', async () => {
    const loop = requestLoop();
    writeServices('v2', 'http://127.0.0.1:${{ ids.webPorts }}/');
    await push('web v2');

    await waitFor(
      'every copy at v2',
      async () => {
        const versions = await Promise.all(copies.map(version));
        return versions.every((v, i) => v === `web v2 on ${copies[i]!}`) ? true : undefined;
      },
      90_000,
    );
    const { requests, failures } = await loop.stop();

    const output = controller!.output();
    assert.match(output, /"msg":"rolling out, batch 1: web@t1\/process now, 2 more after"/);
    assert.match(output, /"msg":"rolling out, batch 2: web@t3\/process now, 1 more after"/);
    assert.match(output, /"msg":"rolling out, batch 3: web@t4\/process now, 0 more after"/);
    console.log(`      rolling upgrade: ${failures.length} of ${requests} requests through nginx failed`);
    assert.equal(failures.length, 0);
  });

  it('a batch that fails is rolled back and stops the rollout: the other copies keep their version', async () => {
    const loop = requestLoop();
    writeServices('v3', 'http://127.0.0.1:1/');
    const commit = await push('web v3, with a health check that fails');

    await waitFor(
      'the deployment to fail',
      () =>
        new RegExp(`"commit":"${commit}".*"msg":"deployment failed and was rolled back"`).test(
          controller!.output(),
        )
          ? true
          : undefined,
      60_000,
    );
    const { requests, failures } = await loop.stop();
    assert.match(
      controller!.output(),
      /"msg":"rollout stopped: web@t3\/process, web@t4\/process keep what they run"/,
    );
    console.log(`      failed batch: ${failures.length} of ${requests} requests through nginx failed`);
    assert.equal(failures.length, 0);
    for (const target of copies)
      assert.equal(await version(target), `web v2 on ${target}`, `${target} runs v2 (rolled back, or held)`);
    const status = await waitFor(
      'status.json to record the failure',
      async () => {
        const s = await written<{ lastAttemptedCommit?: string; outcome: string; error?: { unit?: string } }>(
          'status.json',
        );
        return s?.lastAttemptedCommit === commit ? s : undefined;
      },
      30_000,
    );
    assert.equal(status.outcome, 'failed');
    assert.equal(status.error?.unit, 'web@t1/process', 'the replica whose batch failed');
  });
});
