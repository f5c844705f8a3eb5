/**
 * Services that host services, end to end with `drover apply` on a test host (a network namespace with
 * its own sshd): a web server provides two containers, one whose services are filesets (their packages put
 * in place under its document root), one whose services run their own wrapper script; both are activated
 * after it, and a restart of the server alone leaves them alone.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { httpGet } from './helpers/http.ts';
import { waitFor } from './helpers/local-target.ts';
import { TempDirs } from './helpers/models.ts';
import { createTestNetwork, infrastructureYaml, type TestNetwork } from './helpers/test-network.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../controller/cli.ts', import.meta.url));
const PORT = 8090;
const NGINX_PORT = 8091;

describe('container-providing services and activation modules, on a test host', function () {
  this.timeout(120_000);
  const temp = new TempDirs();
  let network: TestNetwork;
  let models: string;
  let knownHosts: string;

  /**
   * services.yaml: the web server (its arguments given), the sites it hosts, and the generated page; an
   * nginx that provides nginx-webapplication, and the applications it serves.
   */
  function writeServices(serverArgs: string, sites: string[], apps = ['docs']) {
    writeFileSync(
      join(models, 'services.yaml'),
      `services:
  www:
    process:
      command: /usr/bin/python3
      args: ["-m", "http.server", "${PORT}", "--directory", "\${{ target.stateDir }}/www"${serverArgs}]
    provides:
      containers:
        static-site: { processManager: fileset, directory: "\${{ target.stateDir }}/www" }
        static-script: { processManager: wrapper, root: "\${{ target.stateDir }}/www", port: "${PORT}" }
    healthCheck: { tcp: "127.0.0.1:${PORT}", timeout: 10s }
${sites.map((s) => `  ${s}:\n    type: static-site\n    package: packages/${s}\n`).join('')}  generated:
    type: static-script
    package: packages/generated
  web:
    process:
      command: /usr/sbin/nginx
      args: ["-c", "\${{ files.nginx.conf }}", "-e", "\${{ dirs.log }}/web-error.log", "-g", "daemon off;"]
    files:
      nginx.conf:
        content: |
          pid \${{ runDir }}/nginx.pid;
          error_log \${{ dirs.log }}/web-error.log;
          events {}
          http {
            access_log off;
            client_body_temp_path \${{ tmpDir }}/body;
            proxy_temp_path \${{ tmpDir }}/proxy;
            fastcgi_temp_path \${{ tmpDir }}/fastcgi;
            uwsgi_temp_path \${{ tmpDir }}/uwsgi;
            scgi_temp_path \${{ tmpDir }}/scgi;
            server {
              listen ${NGINX_PORT};
              include \${{ target.stateDir }}/web-apps/*.conf;
            }
          }
    provides:
      containers:
        nginx-webapplication:
          processManager: nginx-webapplication
          configDir: "\${{ target.stateDir }}/web-apps"
          pidFile: "\${{ target.stateDir }}/run/web/nginx.pid"
    healthCheck: { tcp: "127.0.0.1:${NGINX_PORT}", timeout: 10s }
${apps
  .map(
    (a) =>
      `  ${a}:\n    type: nginx-webapplication\n    package: packages/${a}\n    healthCheck: { http: "http://127.0.0.1:${NGINX_PORT}/${a}/index.html", timeout: 10s }\n`,
  )
  .join('')}`,
    );
    writeFileSync(
      join(models, 'distribution.yaml'),
      `distribution:\n  www: [t1]\n  web: [t1]\n${[...sites, 'generated', ...apps].map((s) => `  ${s}: [t1]\n`).join('')}`,
    );
  }

  const drover = async (...args: string[]) =>
    (
      await run(process.execPath, [
        ...['--import', 'tsx', cli, ...args, models],
        ...['--identity', network.clientKeyPath, '--known-hosts', knownHosts],
      ])
    ).stdout;

  before(async () => {
    network = await createTestNetwork(1);
    models = temp.make();
    knownHosts = join(models, 'known_hosts');
    writeFileSync(knownHosts, network.knownHosts);
    writeFileSync(join(models, 'infrastructure.yaml'), infrastructureYaml(network));
    for (const site of ['site-a', 'site-b', 'docs', 'blog']) {
      mkdirSync(join(models, 'packages', site), { recursive: true });
      writeFileSync(join(models, 'packages', site, 'index.html'), `<h1>${site}</h1>\n`);
    }
    mkdirSync(join(models, 'packages', 'generated', 'bin'), { recursive: true });
    const wrapperScript = join(models, 'packages', 'generated', 'bin', 'wrapper');
    writeFileSync(
      wrapperScript,
      '#!/bin/sh\n# Dysnomia-style wrapper: the container properties come as its environment.\ncase "$1" in\n  activate) mkdir -p "$root" && echo "<h1>generated for port $port</h1>" > "$root/generated.html" ;;\n  deactivate) rm -f "$root/generated.html" ;;\nesac\n',
    );
    chmodSync(wrapperScript, 0o755);
    writeServices('', ['site-a', 'site-b']);
    await drover('apply');
  });
  after(async () => {
    await network?.teardown();
    temp.cleanup();
  });

  /** GETs a path of the web server: its status and body. */
  const get = (path: string, port = PORT) => httpGet(network.hosts[0]!.address, port, path);

  it('serves each fileset from the document root its server provides, and what the wrapper made', async () => {
    assert.deepEqual(await get('/site-a/index.html'), { status: 200, body: '<h1>site-a</h1>\n' });
    assert.deepEqual(await get('/site-b/index.html'), { status: 200, body: '<h1>site-b</h1>\n' });
    assert.deepEqual(await get('/generated.html'), {
      status: 200,
      body: `<h1>generated for port ${PORT}</h1>\n`,
    });
  });

  it('restarts the server alone when only it changes: what it hosts is left as it is', async () => {
    writeServices(', "--bind", "0.0.0.0"', ['site-a', 'site-b']);

    const plan = (
      await run(process.execPath, [
        ...['--import', 'tsx', cli, 'plan', models],
        ...['--deployed', join(models, 'status.json')],
      ])
    ).stdout;
    await drover('apply');

    assert.match(plan, /^ +\d+\. www on t1 \(process\): config changed/m);
    assert.doesNotMatch(plan, /site-a on|site-b on|generated on/);
    await waitFor(
      'the server to answer again',
      async () => ((await get('/site-a/index.html')).status === 200 ? true : undefined),
      10_000,
    );
  });

  it('serves a web application from the nginx that hosts it; another one added reloads that nginx, never restarts it', async () => {
    const master = async () =>
      (
        await network.hosts[0]!.exec(['cat', `${network.hosts[0]!.stateDir}/run/web/nginx.pid`])
      ).stdout.trim();
    assert.deepEqual(await get('/docs/index.html', NGINX_PORT), { status: 200, body: '<h1>docs</h1>\n' });
    const before = await master();

    writeServices(', "--bind", "0.0.0.0"', ['site-a', 'site-b'], ['docs', 'blog']);
    await drover('apply');

    assert.deepEqual(await get('/blog/index.html', NGINX_PORT), { status: 200, body: '<h1>blog</h1>\n' });
    assert.equal(await master(), before, 'the same nginx master: reloaded gracefully');
  });

  it('deactivates a hosted service taken away: its fileset link is removed, the wrapper undoes what it made', async () => {
    writeServices(', "--bind", "0.0.0.0"', ['site-a'], ['docs', 'blog']);
    writeFileSync(
      join(models, 'distribution.yaml'),
      'distribution:\n  www: [t1]\n  site-a: [t1]\n  web: [t1]\n  docs: [t1]\n',
    );

    await drover('apply');

    assert.equal((await get('/site-b/index.html')).status, 404);
    assert.equal((await get('/generated.html')).status, 404);
    assert.equal((await get('/site-a/index.html')).status, 200);
    await waitFor(
      'nginx to have reloaded without blog',
      async () => ((await get('/blog/index.html', NGINX_PORT)).status === 404 ? true : undefined),
      10_000,
    );
    assert.equal((await get('/docs/index.html', NGINX_PORT)).status, 200);
  });
});
