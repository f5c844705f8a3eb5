/**
 * `drover apply` end to end on three test hosts (network namespaces, each with its own sshd): the CLI
 * deploys over SSH, and the tests check what a user would: answers over HTTP, PIDs, exit codes and
 * status.json.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StatusFile } from '../schema/generated/status.ts';
import { waitFor } from './helpers/local-target.ts';
import { fixturesDir, TempDirs } from './helpers/models.ts';
import {
  createTestNetwork,
  infrastructureYaml,
  type TestHost,
  type TestNetwork,
} from './helpers/test-network.ts';

const cli = fileURLToPath(new URL('../controller/cli.ts', import.meta.url));

/** The result of one drover run. */
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('drover apply on three hosts over SSH', function () {
  this.timeout(120_000);
  let network: TestNetwork;
  const temp = new TempDirs();
  let models: string;
  let knownHosts: string;
  let h1: TestHost, h2: TestHost, h3: TestHost;

  before(async () => {
    network = await createTestNetwork(3);
    [h1, h2, h3] = network.hosts as [TestHost, TestHost, TestHost];
    const dir = temp.make();
    knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, network.knownHosts);
    models = join(dir, 'models');
    mkdirSync(models);
    cpSync(join(fixturesDir, 'webapp-nginx', 'packages'), join(models, 'packages'), { recursive: true });
  });
  after(async () => {
    await network?.teardown();
    temp.cleanup();
  });

  /** Starts drover on the models. */
  function start(verb: string, ...args: string[]): { child: ChildProcess; done: Promise<Run> } {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        verb,
        models,
        '--identity',
        network.clientKeyPath,
        '--known-hosts',
        knownHosts,
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const done = new Promise<Run>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout, stderr })),
    );
    return { child, done };
  }
  const drover = (verb: string, ...args: string[]) => start(verb, ...args).done;

  /** Writes the models: the webapps on h1 and h2, nginx on h3 routing by virtual host. */
  function writeModels(options: {
    webapps: string[];
    extra?: string;
    pinned?: Record<string, string>;
    /** A webapp whose health check asks a port nobody listens on. */
    unhealthy?: string;
  }) {
    writeFileSync(
      join(models, 'infrastructure.yaml'),
      infrastructureYaml(network, (target) => {
        const pinned = options.pinned?.[target];
        return { numOfCores: 2, ...(pinned !== undefined ? { hostKey: pinned } : {}) };
      }),
    );
    writeFileSync(
      join(models, 'idresources.yaml'),
      'pools:\n  webappPorts: { min: 5000, max: 5099 }\n  nginxPorts: { min: 8080, max: 8089 }\n',
    );
    const webapp = (name: string) => `  ${name}:
    package: packages/webapp
    process:
      command: \${{ package }}/bin/webapp
      environment: { PORT: "\${{ ids.webappPorts }}", INSTANCE: ${name} }
    requiresUniqueIdsFor: [webappPorts]
    healthCheck: ${
      name === options.unhealthy
        ? '{ http: "http://127.0.0.1:1/", timeout: 2s }'
        : '{ http: "http://127.0.0.1:${{ ids.webappPorts }}/", timeout: 10s }'
    }
`;
    const servers = options.webapps
      .map(
        (w) => `        server {
            listen \${{ ids.nginxPorts }};
            server_name ${w}.local;
            location / { proxy_pass http://\${{ deps.${w}.target.hostname }}:\${{ deps.${w}.ids.webappPorts }}; }
        }`,
      )
      .join('\n');
    writeFileSync(
      join(models, 'services.yaml'),
      `services:
${options.webapps.map(webapp).join('')}  nginx:
    process:
      command: /usr/sbin/nginx
      args: ["-c", "\${{ files.nginx.conf }}", "-e", "\${{ dirs.log }}/nginx-error.log", "-g", "daemon off;"]
    files:
      nginx.conf:
        content: |
          pid \${{ dirs.runtime }}/nginx.pid;
          error_log \${{ dirs.log }}/nginx-error.log;
          events { worker_connections 64; }
          http {
              access_log off;
              client_body_temp_path \${{ dirs.tmp }}/nginx-body;
              proxy_temp_path \${{ dirs.tmp }}/nginx-proxy;
              fastcgi_temp_path \${{ dirs.tmp }}/nginx-fastcgi;
              uwsgi_temp_path \${{ dirs.tmp }}/nginx-uwsgi;
              scgi_temp_path \${{ dirs.tmp }}/nginx-scgi;
      ${servers.replaceAll('\n', '\n      ')}
          }
    dependsOn: [${options.webapps.join(', ')}]
    requiresUniqueIdsFor: [nginxPorts]
    healthCheck: { tcp: "127.0.0.1:\${{ ids.nginxPorts }}", timeout: 10s }
${options.extra ?? ''}`,
    );
    const placements = options.webapps.map((w, i) => `  ${w}: [t${i + 1}]\n`).join('');
    const extraPlacements = options.extra?.includes('  broken:') ? '  broken: [t1]\n' : '';
    writeFileSync(
      join(models, 'distribution.yaml'),
      `distribution:\n${placements}  nginx: [t3]\n${extraPlacements}`,
    );
  }

  /** What nginx on h3 answers for a virtual host, from outside. */
  const viaNginx = (virtualHost: string) => get(h3.address, 8080, `${virtualHost}.local`);
  const pidIn = (page: string) => Number(/pid (\d+)/.exec(page)?.[1]);
  const status = () => JSON.parse(readFileSync(join(models, 'status.json'), 'utf8')) as StatusFile;

  it('deploys webapp and nginx: an HTTP request through nginx reaches the webapp', async () => {
    writeModels({ webapps: ['webapp'] });

    const run = await drover('apply');

    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /1\. webapp on t1 \(process\): new/);
    assert.match(run.stdout, /2\. nginx on t3 \(process\): new {2}\[after 1\]/);
    assert.match(await viaNginx('webapp'), /<h1>webapp<\/h1>/);
    assert.equal(status().outcome, 'deployed');
    assert.equal(status().targets.t1?.generation, 1);
    assert.deepEqual(
      status().targets.t3?.units.map((u) => u.service),
      ['nginx'],
    );
    const again = await drover('apply');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Nothing to do\./);
  });

  it('adds webapp2: only webapp2 and nginx change, and the webapp keeps its PID', async () => {
    const before = pidIn(await viaNginx('webapp'));
    writeModels({ webapps: ['webapp', 'webapp2'] });

    const run = await drover('apply');

    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Plan for .*: 2 to activate, 1 to deactivate, 1 unchanged/);
    assert.match(await viaNginx('webapp2'), /<h1>webapp2<\/h1>/);
    assert.equal(pidIn(await viaNginx('webapp')), before);
    assert.equal(status().targets.t2?.generation, 1);
    assert.equal(status().targets.t1?.generation, 1, 'nothing changed on t1, so no new generation');
  });

  it('an ids.json with two ports swapped changes no running port: nothing is restarted, and ids.json is put right', async () => {
    const webappPid = pidIn(await viaNginx('webapp'));
    const webapp2Pid = pidIn(await viaNginx('webapp2'));
    const idsPath = join(models, 'ids.json');
    const ids = JSON.parse(readFileSync(idsPath, 'utf8')) as { ids: Record<string, Record<string, number>> };
    const ports = ids.ids.webappPorts!;
    const swapped = {
      ...ids,
      ids: { ...ids.ids, webappPorts: { webapp: ports.webapp2!, webapp2: ports.webapp! } },
    };
    writeFileSync(idsPath, JSON.stringify(swapped));

    const run = await drover('apply');

    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /ids\.json does not hold the IDs the targets run \(webappPorts: webapp 5000, webapp2 5001\)/,
    );
    assert.match(run.stdout, /Nothing to do\./);
    assert.equal(pidIn(await viaNginx('webapp')), webappPid);
    assert.equal(pidIn(await viaNginx('webapp2')), webapp2Pid);
    const after = JSON.parse(readFileSync(idsPath, 'utf8')) as typeof ids;
    assert.deepEqual(after.ids.webappPorts, { webapp: 5000, webapp2: 5001 });
  });

  it('a service that exits at start rolls the whole deployment back; the previous version still answers', async () => {
    const before = await viaNginx('webapp');
    writeModels({
      webapps: ['webapp', 'webapp2'],
      extra: `  broken:
    process:
      command: /bin/sh
      args: ["-c", "echo cannot start; exit 1"]
    dependsOn: [webapp]
`,
    });
    // A change that also replaces a running unit: nginx's config.
    const services = join(models, 'services.yaml');
    writeFileSync(
      services,
      readFileSync(services, 'utf8').replace('worker_connections 64', 'worker_connections 65'),
    );

    const run = await drover('apply');

    assert.equal(run.code, 3, run.stdout + run.stderr);
    assert.match(run.stderr, /activating broken@t1\/process failed: its manager gave up starting it\n/);
    assert.match(run.stderr, /cannot start/);
    assert.match(run.stderr, /rolled back: every target runs what it ran before/);
    assert.equal(await viaNginx('webapp'), before);
    assert.equal(status().outcome, 'failed');
    assert.equal(status().error?.unit, 'broken@t1/process');
    assert.equal(status().targets.t3?.generation, 2);
  });

  it('a failing health check rolls back too', async () => {
    writeModels({ webapps: ['webapp', 'webapp2'], unhealthy: 'webapp2' });
    const before = pidIn(await viaNginx('webapp2'));

    const run = await drover('apply');

    assert.equal(run.code, 3, run.stdout + run.stderr);
    assert.match(
      run.stderr,
      /activating webapp2@t2\/process failed: health check failed after 2s: http:\/\/127\.0\.0\.1:1\//,
    );
    assert.notEqual(pidIn(await viaNginx('webapp2')), before, 'the old webapp2 was started again');
    assert.match(await viaNginx('webapp2'), /<h1>webapp2<\/h1>/);
    writeModels({ webapps: ['webapp', 'webapp2'] });
    const fixed = await drover('apply');
    assert.equal(fixed.code, 0, fixed.stderr);
  });

  it('two applies at once: one is refused by the lock; kill -9 mid-deployment leaves a lock the next apply recovers', async () => {
    writeModels({ webapps: ['webapp', 'webapp2'] });
    const services = join(models, 'services.yaml');
    // webapp2's health check passes once the test opens a gate: until then the first apply holds its
    // lock however slow the machine is.
    const gate = join(h2.stateDir, 'gate');
    writeFileSync(
      services,
      readFileSync(services, 'utf8')
        .replaceAll('INSTANCE: webapp2', 'INSTANCE: webapp2-v2')
        .replace(
          /(INSTANCE: webapp2-v2 }\n {4}requiresUniqueIdsFor: \[webappPorts\]\n {4}healthCheck: ).*/,
          `$1{ command: [sh, -c, "until [ -e ${gate} ]; do sleep 0.1; done"], timeout: 60s }`,
        ),
    );

    const first = start('apply');
    await waitForOutput(first.child, /deactivate|activate/);
    const second = await drover('apply');
    assert.equal(second.code, 2);
    assert.match(second.stderr, /t\d is locked by drover run \w+ \(pid \d+ on .*\); nothing was changed/);
    first.child.kill('SIGKILL');
    await first.done;
    assert.equal(existsSync(join(h2.stateDir, 'lock')), true, 'the killed run left its lock');
    writeFileSync(gate, '');

    const recovered = await drover('apply');
    assert.equal(recovered.code, 0, recovered.stderr);
    assert.match(recovered.stderr, /recovering a stale lock/);
    assert.match(await viaNginx('webapp2'), /<h1>webapp2-v2<\/h1>/);
  });

  it('a host key that does not match is refused before anything is sent', async () => {
    writeModels({ webapps: ['webapp', 'webapp2'], pinned: { t2: h1.hostKey } });
    const services = join(models, 'services.yaml');
    writeFileSync(
      services,
      readFileSync(services, 'utf8').replaceAll('INSTANCE: webapp2-v2', 'INSTANCE: webapp2-v3'),
    );
    const generations = readFileSync(join(h2.stateDir, 'current'), 'utf8');

    const run = await drover('apply');

    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /t2: host key mismatch at .*: expected ssh-ed25519 SHA256:\S+ \(hostKey in the models\), offered ssh-ed25519 SHA256:\S+; refusing to connect/,
    );
    assert.equal(readFileSync(join(h2.stateDir, 'current'), 'utf8'), generations);
    assert.equal(existsSync(join(h1.stateDir, 'lock')), false, 'no lock left on the other targets');
  });

  it('a FIFO in place of a state file fails apply at once with one line, changing nothing', async () => {
    writeModels({ webapps: ['webapp', 'webapp2'] });
    const current = join(h2.stateDir, 'current');
    const saved = readFileSync(current, 'utf8');
    rmSync(current);
    execFileSync('mkfifo', ['-m', '0666', current]);

    const run = start('apply');
    // Without the check, reading the FIFO blocks for ever: end such a run rather than the suite.
    const timer = setTimeout(() => run.child.kill('SIGKILL'), 30_000);
    const result = await run.done;
    clearTimeout(timer);
    rmSync(current);
    writeFileSync(current, saved);

    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.equal(
      result.stderr,
      `drover: t2: ${current} is not a regular file; nothing was changed\n`,
      'one line, no stack trace',
    );
    for (const host of [h1, h2, h3]) assert.equal(existsSync(join(host.stateDir, 'lock')), false);
  });

  it('a generation the target cannot record rolls every target back and releases the locks', async () => {
    writeModels({ webapps: ['webapp', 'webapp2'] });
    const services = join(models, 'services.yaml');
    writeFileSync(
      services,
      readFileSync(services, 'utf8').replaceAll('INSTANCE: webapp2', 'INSTANCE: webapp2-unrecorded'),
    );
    const before = /<h1>[^<]*<\/h1>/.exec(await viaNginx('webapp2'))?.[0];
    const generation = readFileSync(join(h2.stateDir, 'current'), 'utf8');
    const generations = join(h2.stateDir, 'generations');
    chmodSync(generations, 0o555); // as a full disk or a read-only state dir would, for drover's user there

    const run = await drover('apply').finally(() => chmodSync(generations, 0o755));

    assert.equal(run.code, 3, run.stdout + run.stderr);
    assert.match(
      run.stderr,
      /drover: recording generation \d+ on t2 failed: cannot write \S+\/generations\/\d+\.json: Permission denied\n/,
    );
    assert.match(run.stderr, /rolled back: every target runs what it ran before/);
    assert.equal(/<h1>[^<]*<\/h1>/.exec(await viaNginx('webapp2'))?.[0], before);
    assert.equal(readFileSync(join(h2.stateDir, 'current'), 'utf8'), generation);
    assert.equal(status().outcome, 'failed');
    assert.equal(status().error?.target, 't2');
    for (const host of [h1, h2, h3]) assert.equal(existsSync(join(host.stateDir, 'lock')), false);
  });

  it('SIGTERM mid-deployment rolls back and exits 3', async () => {
    writeModels({ webapps: ['webapp', 'webapp2'] });
    const services = join(models, 'services.yaml');
    writeFileSync(
      services,
      readFileSync(services, 'utf8').replaceAll('INSTANCE: webapp2', 'INSTANCE: webapp2-term'),
    );
    const before = await viaNginx('webapp2');

    const run = start('apply');
    await waitForOutput(run.child, /activate webapp2@t2/);
    run.child.kill('SIGTERM');
    const result = await run.done;

    assert.equal(result.code, 3, result.stdout + result.stderr);
    assert.match(result.stderr, /SIGTERM: stopping and rolling back/);
    assert.match(result.stderr, /rolled back: every target runs what it ran before/);
    assert.equal(
      await viaNginx('webapp2'),
      before.replace(/pid \d+/, `pid ${pidIn(await viaNginx('webapp2'))}`),
    );
    assert.equal(existsSync(join(h2.stateDir, 'lock')), false, 'the locks are released');
  });

  it('status reports every unit; rollback undoes the last deployment; gc keeps the last generations', async () => {
    const title = (page: string) => /<h1>[^<]*<\/h1>/.exec(page)?.[0];
    const services = join(models, 'services.yaml');
    const instance = (name: string) => {
      writeModels({ webapps: ['webapp', 'webapp2'] });
      writeFileSync(
        services,
        readFileSync(services, 'utf8').replaceAll('INSTANCE: webapp2', `INSTANCE: ${name}`),
      );
    };
    instance('webapp2-old');
    assert.equal((await drover('apply', '--commit', 'c1')).code, 0);
    const before = { webapp: title(await viaNginx('webapp')), webapp2: title(await viaNginx('webapp2')) };
    instance('webapp2-new');
    assert.equal((await drover('apply', '--commit', 'c2')).code, 0);
    assert.match(await viaNginx('webapp2'), /<h1>webapp2-new<\/h1>/);

    const report = await drover('status');
    assert.equal(report.code, 0, report.stdout + report.stderr);
    assert.match(
      report.stdout,
      /^t2: generation \d+, commit c2 since \S+\n {2}webapp2@t2\/process: running, healthy$/m,
    );
    assert.match(report.stdout, /^ {2}nginx@t3\/process: running, healthy$/m);

    const back = await drover('rollback');
    assert.equal(back.code, 0, back.stdout + back.stderr);
    assert.match(
      back.stdout,
      /Rolled back: the targets it changed run their previous generation \(commit c1\)/,
    );
    assert.equal(status().lastAppliedCommit, 'c1');
    assert.equal(title(await viaNginx('webapp2')), before.webapp2, 'webapp2 is back');
    assert.equal(
      title(await viaNginx('webapp')),
      before.webapp,
      't1, untouched by that deployment, still runs the webapp',
    );
    assert.equal(status().outcome, 'deployed');

    const gc = await drover('gc', '--keep', '1');
    assert.equal(gc.code, 0, gc.stderr);
    assert.match(gc.stdout, /^t2: kept generations \d+; removed [1-9]\d* store entries$/m);
    const again = await drover('status');
    assert.equal(again.code, 0, again.stdout);
  });

  it('a rebooted host comes back by itself: its boot hook starts supervisord, which starts every unit, before drover looks', async () => {
    writeModels({ webapps: ['webapp', 'webapp2'] });
    assert.equal((await drover('apply')).code, 0);
    const crontab = () => execFileSync('crontab', ['-u', h1.user, '-l'], { encoding: 'utf8' });
    assert.match(
      crontab(),
      new RegExp(`^@reboot /bin/sh ${h1.stateDir}/boot # drover-boot-[0-9a-f]{12}$`, 'm'),
    );
    const before = pidIn(await get(h1.address, 5000));

    const ran = await network.reboot(h1.name);

    assert.deepEqual(ran.length, 1, 'one @reboot entry for h1');
    const page = await waitFor(
      'the webapp on h1',
      () => get(h1.address, 5000).catch(() => undefined),
      30_000,
    );
    assert.notEqual(pidIn(page), before, 'a new webapp process, started by the rebooted supervisord');
    assert.match(
      await waitFor('nginx on h3', () => viaNginx('webapp').catch(() => undefined), 30_000),
      /<h1>webapp<\/h1>/,
    );
    assert.match(readFileSync(join(h1.stateDir, 'log', 'boot.log'), 'utf8'), /^\S+Z boot$/m);
    const report = await drover('status');
    assert.equal(report.code, 0, report.stdout + report.stderr);
    assert.doesNotMatch(report.stdout, /not running|down/i);
    const again = await drover('apply');
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /Nothing to do/);
  });

  it('a host that becomes unreachable mid-deployment: the others are rolled back, with a clear error', async () => {
    writeModels({
      webapps: ['webapp', 'webapp2'],
      extra: `  slow:
    process:
      command: /bin/sh
      args: ["-c", "sleep 2; exec sleep 1000"]
`,
    });
    writeFileSync(
      join(models, 'distribution.yaml'),
      `${readFileSync(join(models, 'distribution.yaml'), 'utf8')}  slow: [t3]\n`,
    );
    const services = join(models, 'services.yaml');
    writeFileSync(
      services,
      readFileSync(services, 'utf8').replace('INSTANCE: webapp }', 'INSTANCE: webapp-v4 }'),
    );
    const run = start('apply');
    await waitForOutput(run.child, /activate slow@t3/);
    await network.linkDown(h3.name);
    const result = await run.done;
    await network.linkUp(h3.name);

    assert.equal(result.code, 4, result.stdout + result.stderr);
    assert.match(result.stderr, /t3: .*connection (lost|closed)/);
    assert.match(result.stderr, /run drover apply again once it is reachable/);
    assert.match(await get(h1.address, 5000), /<h1>webapp<\/h1>/, 't1 was rolled back');
    assert.equal(status().outcome, 'incomplete');
    const resumed = await drover('apply');
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    assert.match(await viaNginx('webapp'), /<h1>webapp-v4<\/h1>/);
  });

  it("gc removes the boot hook of a host that no longer runs any of drover's managers", async () => {
    writeModels({ webapps: ['webapp', 'webapp2'] });
    writeFileSync(
      join(models, 'distribution.yaml'),
      'distribution:\n  webapp: [t2]\n  webapp2: [t2]\n  nginx: [t3]\n',
    );
    const run = await drover('apply');
    assert.equal(run.code, 0, run.stdout + run.stderr);

    const gc = await drover('gc', '--keep', '1');

    assert.equal(gc.code, 0, gc.stderr);
    assert.match(gc.stdout, /^t1: kept generations \d+; removed \d+ store entries and the boot hook$/m);
    assert.match(gc.stdout, /^t3: kept generations \d+; removed \d+ store entries$/m);
    const crontab = execFileSync('crontab', ['-u', h1.user, '-l'], { encoding: 'utf8' });
    assert.equal(crontab.includes(h1.stateDir), false, crontab);
    assert.equal(crontab.includes(h3.stateDir), true, 'h3 still runs nginx under supervisord');
    assert.equal(existsSync(join(h1.stateDir, 'boot')), false);
  });
});

/** The body of a GET request. */
function get(host: string, port: number, virtualHost?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers = virtualHost ? { host: virtualHost } : {};
    const req = request({ host, port, path: '/', headers, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves once the child has printed something matching. */
function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString();
      if (pattern.test(seen)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('close', () => reject(new Error(`exited before printing ${String(pattern)}:\n${seen}`)));
  });
}
