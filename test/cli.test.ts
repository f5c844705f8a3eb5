import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TempDirs } from './helpers/models.ts';

const cli = fileURLToPath(new URL('../controller/cli.ts', import.meta.url));

/** Runs the drover CLI from source without blocking this process (a test server here must answer). */
function droverAsync(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? ((error.code as number | undefined) ?? null) : 0, stdout, stderr }),
    );
  });
}

/** Runs the drover CLI from source, as a user would run the built one. */
function drover(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the drover command line', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  it('validate: exit 0 and a summary for valid models', () => {
    const dir = temp.copyFixture('webapp-nginx');

    const { code, stdout } = drover('validate', dir);

    assert.equal(code, 0);
    assert.equal(stdout, `${dir}: valid (2 services, 1 target, 2 units)\n`);
  });

  it('validate: exit 1, every problem as FILE:LINE:COL, no stack trace', () => {
    const dir = temp.copyFixture('webapp-nginx');
    const services = join(dir, 'services.yaml');
    writeFileSync(
      services,
      readFileSync(services, 'utf8')
        .replace('dependsOn: [webapp]', 'dependsOn: [webap]')
        .replace('[nginxPorts,', '[nginxPort,'),
    );

    const { code, stdout, stderr } = drover('validate', dir);

    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.deepEqual(stderr.trim().split('\n'), [
      `${dir}/services.yaml:47:17: unknown service 'webap' (did you mean 'webapp'?)`,
      `${dir}/services.yaml:48:28: unknown pool 'nginxPort' (did you mean 'nginxPorts'?)`,
      'drover: 2 problems found',
    ]);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  it('validate: a missing folder is a clear one-line error', () => {
    const { code, stderr } = drover('validate', '/nonexistent/models');

    assert.equal(code, 1);
    assert.match(stderr, /^\/nonexistent\/models: not a folder\n/);
  });

  it('ids --write: writes ids.json atomically and keeps assignments on the next run', () => {
    const dir = temp.copyFixture('id-assign/webapps-v1');
    const next = temp.copyFixture('id-assign/webapps-v2');

    const first = drover('ids', dir, '--write');
    writeFileSync(join(next, 'ids.json'), readFileSync(join(dir, 'ids.json')));
    const second = drover('ids', next, '--write');

    assert.equal(first.code, 0);
    assert.equal(second.code, 0);
    const written = JSON.parse(readFileSync(join(next, 'ids.json'), 'utf8')) as {
      ids: Record<string, unknown>;
    };
    assert.deepEqual(written.ids.ports, { webapp2: 5001, webapp3: 5002 });
    assert.deepEqual(
      readdirSync(next).filter((f) => f.startsWith('.')),
      [],
      'no temporary file left behind',
    );
  });

  it('place: prints each placement with its reason, writes placements.json, and keeps it as the fleet changes', () => {
    const dir = temp.copyFixture('replicated-web');
    const infrastructure = join(dir, 'infrastructure.yaml');

    const printed = drover('place', dir);
    assert.equal(printed.code, 0, printed.stderr);
    assert.match(
      printed.stdout,
      /^web on app1: new replica\nweb on app2: new replica\nweb on app3: new replica\n/m,
    );
    assert.equal(drover('place', dir, '--write').code, 0);
    const first = readFileSync(join(dir, 'placements.json'), 'utf8');

    writeFileSync(
      infrastructure,
      `${readFileSync(infrastructure, 'utf8')}  app4:\n    hostname: 10.0.0.14\n    properties: { zone: b, tier: app }\n`,
    );
    const added = drover('plan', dir);
    assert.match(
      added.stdout,
      /^Placements:\n {2}node-exporter: placed on app4 \(new replica\)\n\n/m,
      added.stdout,
    );

    writeFileSync(
      infrastructure,
      readFileSync(infrastructure, 'utf8').replace(
        '  app2:\n',
        '  app2:\n    cordoned: true\n    drain: true\n',
      ),
    );
    const drained = drover('plan', dir);
    assert.match(drained.stdout, /^ {2}web: removed from app2 \(cordoned and drained\)$/m);
    assert.match(drained.stdout, /^ {2}web: placed on app4 \(replaces app2: cordoned and drained\)$/m);
    assert.equal(readFileSync(join(dir, 'placements.json'), 'utf8'), first, 'plan writes nothing');
  });

  it('ids --write: a depleted pool exits 1, names the pool and leaves ids.json untouched', () => {
    const dir = temp.copyFixture('id-assign/webapps-v1');
    writeFileSync(
      join(dir, 'ids.json'),
      '{"ids": {}, "lastAssignments": {}, "lastAssignmentsPerTarget": {}}\n',
    );
    const before = readFileSync(join(dir, 'ids.json'), 'utf8');
    const pools = join(dir, 'idresources.yaml');
    writeFileSync(pools, readFileSync(pools, 'utf8').replace('max: 6000', 'max: 5000'));

    const { code, stderr } = drover('ids', dir, '--write');

    assert.equal(code, 1);
    assert.match(
      stderr,
      /idresources\.yaml:4:5: pool 'ports' \(5000\.\.5000, step 1\) is depleted: no ID left for webapp2/,
    );
    assert.equal(readFileSync(join(dir, 'ids.json'), 'utf8'), before);
  });

  it('ids: a broken ids.json is reported with its location', () => {
    const dir = temp.copyFixture('id-assign/webapps-v1');
    writeFileSync(
      join(dir, 'ids.json'),
      '{"ids": {"ports": {"webapp1": "5000"}}, "lastAssignments": {}, "lastAssignmentsPerTarget": {}}\n',
    );

    const { code, stderr } = drover('ids', dir);

    assert.equal(code, 1);
    assert.match(stderr, /ids\.json:1:31: webapp1: must be an integer/);
  });

  it('plan: text, json and markdown formats for the bundled example', () => {
    const dir = temp.copyFixture('webapp-nginx');

    const text = drover('plan', dir);
    const json = drover('plan', dir, '--format', 'json');
    const markdown = drover('plan', dir, '--format', 'markdown');

    assert.equal(text.code, 0);
    assert.match(text.stdout, /2 to activate, 0 to deactivate, 0 unchanged/);
    assert.match(
      text.stdout,
      /1\. webapp on test1 \(process\): new\n\s+2\. nginx on test1 \(process\): new {2}\[after 1\]/,
    );
    const plan = JSON.parse(json.stdout) as { steps: { service: string; reason: unknown }[] };
    assert.deepEqual(
      plan.steps.map((s) => [s.service, s.reason]),
      [
        ['webapp', { kind: 'new', message: 'new' }],
        ['nginx', { kind: 'new', message: 'new' }],
      ],
    );
    assert.match(markdown.stdout, /^### drover plan for /);
  });

  it('plan --from: nothing to do against itself; --deployed reads a status.json', () => {
    const dir = temp.copyFixture('webapp-nginx');
    const units = (
      JSON.parse(drover('plan', dir, '--format', 'json').stdout) as {
        steps: { service: string; target: string; container: string; hash: string }[];
      }
    ).steps;
    const status = {
      targets: {
        test1: {
          generation: 1,
          units: units.map((u) => ({
            service: u.service,
            container: u.container,
            hash: u.hash,
            specHash: 'x',
            dependsOn: [],
          })),
        },
      },
    };
    writeFileSync(join(dir, 'status.json'), JSON.stringify(status));
    drover('ids', dir, '--write');

    const self = drover('plan', dir, '--from', dir);
    const deployed = drover('plan', dir, '--deployed', join(dir, 'status.json'));

    assert.match(self.stdout, /0 to activate, 0 to deactivate, 2 unchanged\n\nNothing to do\./);
    assert.match(deployed.stdout, /0 to activate, 0 to deactivate, 2 unchanged/);
  });

  it('refuses --from together with --deployed', () => {
    const { code, stderr } = drover('plan', '.', '--from', 'a', '--deployed', 'b');

    assert.equal(code, 2);
    assert.equal(stderr, 'drover: use one of --from, --deployed or --base/--head\n');
  });

  it('exits 2 on a usage mistake, with the help', () => {
    const { code, stderr } = drover('plan', '--format', 'yaml');

    assert.equal(code, 2);
    assert.match(stderr, /error: option '--format <format>' argument 'yaml' is invalid/);
  });

  it('never writes ids.json unless asked', () => {
    const dir = temp.copyFixture('webapp-nginx');

    drover('plan', dir);
    drover('validate', dir);

    assert.equal(existsSync(join(dir, 'ids.json')), false);
  });

  it('render: writes OUT/<target>/<service>/, byte-identical on every run, and replaces only its own output', () => {
    const dir = temp.copyFixture('webapp-nginx');
    const out = join(temp.make(), 'rendered');

    const first = drover('render', dir, '--out', out);
    const files = listTree(out);
    const again = drover('render', dir, '--out', out);

    assert.equal(first.code, 0, first.stderr);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(listTree(out), files);
    assert.deepEqual(
      [...files.keys()],
      [
        '.drover-render',
        'test1/nginx/files/nginx.conf',
        'test1/nginx/run',
        'test1/nginx/supervisord.conf',
        'test1/webapp/run',
        'test1/webapp/supervisord.conf',
      ],
    );
    const foreign = temp.withFiles({ 'notes.txt': 'mine' });
    const refused = drover('render', dir, '--out', foreign);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /exists and was not written by drover render/);
    assert.equal(readFileSync(join(foreign, 'notes.txt'), 'utf8'), 'mine');
  });

  it('gc, status and rollback: a target that refuses the connection is one line naming it, exit 2 (status: 4, unreachable)', () => {
    const dir = temp.copyFixture('webapp-nginx');
    writeFileSync(
      join(dir, 'infrastructure.yaml'),
      'targets:\n  test1:\n    hostname: 127.0.0.1\n    port: 1\n    processManager: supervisord\n',
    );

    const key = join(temp.make(), 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);

    for (const verb of [['gc', '--keep', '2'], ['rollback'], ['status']]) {
      const { code, stdout, stderr } = drover(verb[0]!, dir, '--identity', key, ...verb.slice(1));

      const output = `${stdout}${stderr}`;
      assert.equal(code, verb[0] === 'status' ? 4 : 2, output);
      assert.match(output, /test1: .*(ECONNREFUSED|refused)/, verb[0]);
      assert.doesNotMatch(output, /\n\s+at /, `${verb[0]}: no stack trace`);
      assert.equal(output.trim().split('\n').length, 1, `${verb[0]}: one line`);
    }
  });

  it('apply --connect-timeout: a target that accepts the connection but never speaks is given up in time', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const dir = temp.copyFixture('webapp-nginx');
      writeFileSync(
        join(dir, 'infrastructure.yaml'),
        `targets:\n  test1:\n    hostname: 127.0.0.1\n    port: ${port}\n    processManager: supervisord\n`,
      );
      const key = join(temp.make(), 'id_ed25519');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);

      const run = await droverAsync('apply', dir, '--identity', key, '--connect-timeout', '1s');

      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stderr, 'drover: test1: no connection within 1 s; nothing was changed\n');
      assert.equal(existsSync(join(dir, 'status.json')), false);
    } finally {
      silent.close();
    }
  });

  it('a timeout that is not a duration is a usage mistake', () => {
    const { code, stderr } = drover('apply', '.', '--script-timeout', '0s');

    assert.equal(code, 2);
    assert.match(
      stderr,
      /option '--script-timeout <duration>' argument '0s' is invalid\. must be a duration/,
    );
  });

  it('render: a value the manager cannot carry is a located error, and nothing is written', () => {
    const dir = temp.copyFixture('webapp-nginx');
    const services = join(dir, 'services.yaml');
    writeFileSync(
      services,
      readFileSync(services, 'utf8').replace('INSTANCE: ${{ instanceName }}', 'INSTANCE: "a\\0b"'),
    );
    const out = join(temp.make(), 'rendered');

    const { code, stderr } = drover('render', dir, '--out', out);

    assert.equal(code, 1);
    assert.match(
      stderr,
      /services\.yaml:\d+:\d+: webapp: supervisord cannot use process\.environment\.INSTANCE: it contains a NUL byte\n/,
    );
    assert.equal(existsSync(out), false);
  });
});

/** Every file under a folder with its content, by relative path. */
function listTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(dir, path), readFileSync(path, 'utf8'));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
