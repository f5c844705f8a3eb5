/**
 * Failover end to end: the controller, a git server and four test hosts. `web` has 2 replicas that the
 * scheduler places on the app hosts (h1 to h3), behind an nginx on h4 whose upstream loops over web's
 * instances. Cutting h2 off moves its copy after --failover-after, nginx's upstream follows, and a request
 * loop through nginx measures the window of failed requests; when h2 answers again, its stale copy is
 * stopped and nothing moves back.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startController, stopController, type ControllerProcess } from './helpers/controller-process.ts';
import { startGitServer, type GitServer } from './helpers/git-server.ts';
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

  /** The placements drover last wrote back on the branch. */
  const placements = async () => {
    await git('fetch', '-q', 'origin');
    const text = await git('show', 'origin/main:placements.json').catch(() => '');
    return text === ''
      ? {}
      : (JSON.parse(text) as { placements: Record<string, Record<string, string>> }).placements;
  };

  before(async () => {
    network = await createTestNetwork(4);
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
        properties: `{ tier: ${target === 't4' ? 'lb' : 'app'} }`,
      })),
    );
    writeFileSync(join(clone, 'idresources.yaml'), `pools:\n  webPorts: { min: ${WEB_PORT}, max: 5099 }\n`);
    writeFileSync(
      join(clone, 'services.yaml'),
      `services:
  web:
    package: packages/webapp
    process:
      command: \${{ package }}/bin/webapp
      environment: { PORT: "\${{ ids.webPorts }}", INSTANCE: "web on \${{ target.name }}" }
    requiresUniqueIdsFor: [webPorts]
    replicas: 2
    placement: { constraints: { tier: app } }
    healthCheck: { http: "http://127.0.0.1:\${{ ids.webPorts }}/", timeout: 10s }
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
              upstream web {
          \${{ for w in deps.web.instances }}        server \${{ w.target.hostname }}:\${{ w.ids.webPorts }} max_fails=1 fail_timeout=30s;
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
    dependsOn: [web]
    healthCheck: { tcp: "127.0.0.1:${LB_PORT}", timeout: 10s }
`,
    );
    writeFileSync(join(clone, 'distribution.yaml'), 'distribution:\n  lb: [t4]\n');
    await git('add', '-A');
    await git('commit', '-qm', 'web behind lb');
    await git('push', '-q', 'origin', 'main');

    controller = startController(
      `${server.url}/models.git`,
      [
        '--failover-after',
        '2s',
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
  after(async () => {
    await stopController(controller);
    await server?.close();
    await network?.teardown();
    temp.cleanup();
  });

  const get = (host: TestHost, port: number) =>
    new Promise<string>((resolve, reject) => {
      const req = request({ host: host.address, port, path: '/', timeout: 5000 }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end();
    });
  const host = (target: string) => hosts[Number(target.slice(1)) - 1]!;

  it('places the 2 replicas on the first app hosts, and nginx reaches both', async () => {
    const placed = await waitFor('the first placements', async () => (await placements()).web, 60_000);

    assert.deepEqual(placed, { t1: 'new replica', t2: 'new replica' });
    const seen = new Set<string>();
    await waitFor(
      'nginx on h4 to answer from both replicas',
      async () => {
        seen.add(/<h1>([^<]*)<\/h1>/.exec(await get(hosts[3]!, LB_PORT).catch(() => ''))?.[1] ?? '');
        return seen.has('web on t1') && seen.has('web on t2') ? true : undefined;
      },
      30_000,
    );
  });

  it("h2 cut off: its copy moves after --failover-after, nginx's upstream follows, and the window of failed requests is reported", async () => {
    const failures: number[] = [];
    let requests = 0;
    let looping = true;
    const loop = (async () => {
      while (looping) {
        requests++;
        await get(hosts[3]!, LB_PORT).catch(() => failures.push(Date.now()));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const cutAt = Date.now();
    await network.linkDown(hosts[1]!.name);

    const moved = await waitFor(
      'web placed elsewhere',
      async () => {
        const web = (await placements()).web;
        return web && !web.t2 ? web : undefined;
      },
      60_000,
    );
    const movedAt = Date.now();
    assert.deepEqual(Object.keys(moved).sort(), ['t1', 't3']);
    assert.match(moved.t3!, /^replaces t2: unreachable since \S+Z$/);
    assert.match(await get(host('t3'), WEB_PORT), /<h1>web on t3<\/h1>/);
    await waitFor(
      'nginx to answer from t3',
      async () => ((await get(hosts[3]!, LB_PORT).catch(() => '')).includes('web on t3') ? true : undefined),
      20_000,
    );
    looping = false;
    await loop;

    const window = failures.length > 0 ? `${failures.at(-1)! - failures[0]!} ms` : 'none';
    console.log(
      `      failover: cut at 0 ms, copy placed on t3 by ${movedAt - cutAt} ms; ${failures.length} of ${requests} requests through nginx failed (window ${window})`,
    );
    assert.match(
      controller!.output(),
      /"msg":"unreachable past --failover-after: placing their copies elsewhere"/,
    );
    assert.ok(failures.length < requests / 2, 'nginx kept answering from t1 meanwhile');
  });

  it('h2 back: its stale copy is stopped, and nothing moves back', async () => {
    const before = await placements();
    await network.linkUp(hosts[1]!.name);

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
    assert.deepEqual(await placements(), before, 'the copy stays on t3');
    assert.match(await get(hosts[3]!, LB_PORT), /<h1>web on t[13]<\/h1>/);
  });
});
