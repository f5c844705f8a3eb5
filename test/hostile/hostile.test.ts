/**
 * Hostile commits through the controller: a table of commits that anyone who can push could make, each
 * reconciled by the real reconciler against a local bare repository. Targets t1 and t2 are emulated SSH
 * hosts (scripted transports that keep their state); a `transport: local` target would be this machine,
 * through the real local transport. After every commit:
 * - the controller answered, within the test's bound, and keeps reconciling later commits;
 * - nothing ran on this machine (no canary file appeared);
 * - no secret (a file outside the repository, the git token) reached the branch or the log;
 * - the IDs drover records are unchanged;
 * - what the targets run is untouched, unless the commit was a valid change.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StatusFile } from '../../schema/generated/status.ts';
import type { DeployContext } from '../../controller/apply/deploy.ts';
import { applyEvaluation } from '../../controller/apply/run.ts';
import { GitRepository } from '../../controller/gitops/git-repository.ts';
import { Reconciler, type ReconcileOutcome } from '../../controller/gitops/reconciler.ts';
import type { Log } from '../../controller/log.ts';
import { LocalTransport } from '../../controller/transport/local.ts';
import { ScriptedTransport, type EmulatedTarget } from '../../controller/transport/scripted.ts';
import { TempDirs } from '../helpers/models.ts';

const SECRET = 'SECRET-7c1e9a-shadow-hash';
const TOKEN = 'TOKEN-5d2b8f-git';

/** The valid models every hostile commit starts from. */
const BASELINE: Record<string, string> = {
  'services.yaml': `services:
  api:
    process: { command: /usr/bin/api, args: ["--port", "\${{ ids.ports }}"] }
    requiresUniqueIdsFor: [ports]
  web:
    process:
      command: /usr/bin/web
      environment: { API: "\${{ deps.api.target.hostname }}:\${{ deps.api.ids.ports }}" }
    dependsOn: [api]
    requiresUniqueIdsFor: [ports]
`,
  'infrastructure.yaml': `targets:
  t1: { hostname: 10.0.0.1, user: deploy, unprivileged: true, stateDir: /srv/drover }
  t2: { hostname: 10.0.0.2, user: deploy, unprivileged: true, stateDir: /srv/drover }
`,
  'distribution.yaml': 'distribution:\n  api: [t1]\n  web: [t2]\n',
  'idresources.yaml': 'pools:\n  ports: { min: 8000, max: 8099 }\n',
};

/** One hostile commit: what it changes in a checkout of the baseline, and what drover should make of it. */
interface Row {
  name: string;
  change: (dir: string, paths: { secret: string; outside: string; canary: string }) => void;
  /**
   * The outcomes it may have; `invalid` unless the commit is valid. A valid commit that changes nothing on
   * the targets may still be `deployed`: drover records Ready again after an invalid one.
   */
  expect?: readonly ReconcileOutcome[];
  /** The commit is a valid change: the targets may change. */
  valid?: boolean;
}

const write = (dir: string, path: string, text: string | Buffer) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const link = (dir: string, path: string, to: string) => {
  rmSync(join(dir, path), { force: true, recursive: true });
  mkdirSync(join(dir, path, '..'), { recursive: true });
  symlinkSync(to, join(dir, path));
};
const services = (extra: string) => `${BASELINE['services.yaml']}${extra}`;
/** The baseline with more fields in web's process block (`args`, `environment`). */
const webProcess = (fields: string) =>
  BASELINE['services.yaml']!.replace(
    '      command: /usr/bin/web\n',
    `      command: /usr/bin/web\n${fields}`,
  );
/** The baseline with more fields on the web service (`files`, `package`, `healthCheck`). */
const webService = (fields: string) =>
  BASELINE['services.yaml']!.replace('    dependsOn: [api]\n', `    dependsOn: [api]\n${fields}`);

/** A valid commit that changes nothing the targets run. */
const SETTLED: readonly ReconcileOutcome[] = ['deployed', 'unchanged'];

const ROWS: Row[] = [
  // The controller's own host.
  {
    name: 'a local target running a command that touches a file here',
    change: (d, p) => {
      write(d, 'infrastructure.yaml', `${BASELINE['infrastructure.yaml']}  here: { transport: local }\n`);
      write(
        d,
        'services.yaml',
        services(`  pwn:\n    process: { command: /bin/sh, args: ["-c", "touch ${p.canary}/pwn"] }\n`),
      );
      write(d, 'distribution.yaml', `${BASELINE['distribution.yaml']}  pwn: [here]\n`);
    },
  },
  {
    name: 'a local target with a health check command that touches a file here',
    change: (d, p) => {
      write(d, 'infrastructure.yaml', `${BASELINE['infrastructure.yaml']}  here: { transport: local }\n`);
      write(
        d,
        'services.yaml',
        services(
          `  pwn:\n    process: { command: /bin/sleep, args: ["100"] }\n    healthCheck: { command: [/bin/touch, "${p.canary}/health"] }\n`,
        ),
      );
      write(d, 'distribution.yaml', `${BASELINE['distribution.yaml']}  pwn: [here]\n`);
    },
  },
  {
    name: 'an existing target switched to transport: local',
    change: (d) =>
      write(
        d,
        'infrastructure.yaml',
        BASELINE['infrastructure.yaml']!.replace('t1: { hostname: 10.0.0.1, ', 't1: { transport: local, '),
      ),
  },
  {
    name: 'a local target declared but unused',
    change: (d) =>
      write(d, 'infrastructure.yaml', `${BASELINE['infrastructure.yaml']}  here: { transport: local }\n`),
  },
  {
    name: 'a hostname that looks like an ssh option',
    change: (d, p) =>
      write(
        d,
        'infrastructure.yaml',
        BASELINE['infrastructure.yaml']!.replace('10.0.0.2', `"-oProxyCommand=touch ${p.canary}/ssh"`),
      ),
  },
  {
    name: 'a stateDir with shell syntax',
    change: (d, p) =>
      write(
        d,
        'infrastructure.yaml',
        BASELINE['infrastructure.yaml']!.replace('/srv/drover }', `"/srv/x; touch ${p.canary}/sd" }`),
      ),
  },
  // Files outside the repository.
  {
    name: 'a services fragment linked to a secret file',
    change: (d, p) => link(d, 'services/leak.yaml', p.secret),
  },
  {
    name: 'services.yaml itself a link to a secret file',
    change: (d, p) => link(d, 'services.yaml', p.secret),
  },
  {
    name: 'the services folder a link out of the repository',
    change: (d, p) => link(d, 'services', p.outside),
  },
  {
    name: 'infrastructure.yaml a link to /etc/passwd',
    change: (d) => link(d, 'infrastructure.yaml', '/etc/passwd'),
  },
  {
    name: 'distribution.yaml a link to a FIFO',
    change: (d, p) => link(d, 'distribution.yaml', join(p.outside, 'fifo')),
  },
  {
    name: 'ids.json a link to a secret file',
    change: (d, p) => link(d, 'ids.json', p.secret),
    expect: ['deployed'],
  },
  {
    name: 'status.json a link to a secret file',
    change: (d, p) => link(d, 'status.json', p.secret),
    expect: ['deployed'],
  },
  {
    name: 'a template linked to a secret file',
    change: (d, p) => {
      link(d, 'templates/web.conf', p.secret);
      write(d, 'services.yaml', webService('    files:\n      conf: { template: templates/web.conf }\n'));
    },
  },
  {
    name: 'a template path that climbs out of the repository',
    change: (d) =>
      write(d, 'services.yaml', webService('    files:\n      conf: { template: ../../../../etc/shadow }\n')),
  },
  {
    name: 'a package folder linked out of the repository',
    change: (d, p) => {
      link(d, 'packages/web', p.outside);
      write(d, 'services.yaml', webService('    package: packages/web\n'));
    },
  },
  {
    name: 'a package with an entry linked to a secret file',
    change: (d, p) => {
      write(d, 'packages/web/run', '#!/bin/sh\n');
      link(d, 'packages/web/shadow', p.secret);
      write(d, 'services.yaml', webService('    package: packages/web\n'));
    },
  },
  {
    name: 'a package path that climbs out of the repository',
    change: (d) => write(d, 'services.yaml', webService('    package: ../../root/.ssh\n')),
  },
  // Templates reaching for what they must not.
  {
    name: 'a template reference to the environment',
    change: (d) => write(d, 'services.yaml', webProcess('      args: ["${{ env.DROVER_GIT_TOKEN }}"]\n')),
  },
  {
    name: 'a template reference to a private key',
    change: (d) => write(d, 'services.yaml', webProcess('      args: ["${{ target.privateKey }}"]\n')),
  },
  {
    name: 'a template reference to a prototype property',
    change: (d) =>
      write(
        d,
        'services.yaml',
        webProcess('      args: ["${{ ids.constructor }}", "${{ target.__proto__ }}"]\n'),
      ),
  },
  // Numbers and sizes.
  {
    name: 'a pool bound of 1e20',
    change: (d) => write(d, 'idresources.yaml', 'pools:\n  ports: { min: 1e20, max: 1e21 }\n'),
  },
  {
    name: 'a pool of 20,000,000 IDs',
    change: (d) => write(d, 'idresources.yaml', 'pools:\n  ports: { min: 0, max: 20000000 }\n'),
  },
  {
    name: 'a pool near 2^53',
    change: (d) =>
      write(d, 'idresources.yaml', 'pools:\n  ports: { min: 9007199254740990, max: 9007199254740993 }\n'),
  },
  {
    name: 'a health check timeout of 9999999m',
    change: (d) =>
      write(d, 'services.yaml', webService('    healthCheck: { tcp: "127.0.0.1:80", timeout: 9999999m }\n')),
  },
  {
    name: 'numbers YAML would change',
    change: (d) => write(d, 'services.yaml', webProcess('      args: [0755, 1.10, 0x1F]\n')),
  },
  {
    name: 'a model file of 17 MiB',
    change: (d) => write(d, 'services/big.yaml', `# ${'x'.repeat(17 * 1024 * 1024)}\nservices: {}\n`),
  },
  {
    name: 'a string value of 2 MiB',
    change: (d) => write(d, 'services.yaml', webProcess(`      args: ["${'y'.repeat(2 * 1024 * 1024)}"]\n`)),
  },
  {
    name: 'invalid UTF-8',
    change: (d) => write(d, 'distribution.yaml', Buffer.from([0x64, 0x3a, 0xff, 0xfe, 0x0a])),
  },
  {
    name: 'a YAML alias bomb',
    change: (d) =>
      write(
        d,
        'services/bomb.yaml',
        `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nservices: {}\n`,
      ),
  },
  {
    name: 'YAML nested 20,000 deep',
    change: (d) => write(d, 'services/deep.yaml', `services: ${'['.repeat(20000)}${']'.repeat(20000)}\n`),
  },
  {
    name: 'a YAML syntax error',
    change: (d) => write(d, 'services.yaml', 'services:\n  web:\n   process: {\n'),
  },
  {
    name: 'a key written twice',
    change: (d) => write(d, 'distribution.yaml', 'distribution:\n  api: [t1]\n  api: [t2]\n  web: [t2]\n'),
  },
  { name: 'no services at all', change: (d) => rmSync(join(d, 'services.yaml')) },
  {
    name: 'infrastructure.yaml a folder',
    change: (d) => {
      rmSync(join(d, 'infrastructure.yaml'));
      write(d, 'infrastructure.yaml/x', 'y\n');
    },
  },
  // Names.
  {
    name: 'services named constructor and toString',
    change: (d) =>
      write(
        d,
        'services.yaml',
        services('  constructor:\n    type: package\n  toString:\n    type: package\n'),
      ),
    expect: SETTLED,
  },
  {
    name: 'a service named __proto__',
    change: (d) => write(d, 'services.yaml', services('  __proto__:\n    type: package\n')),
  },
  {
    name: 'a service name that climbs folders',
    change: (d) => write(d, 'services.yaml', services('  ../../x:\n    type: package\n')),
  },
  {
    name: 'a service name with shell syntax',
    change: (d) => write(d, 'services.yaml', services('  "$(id)":\n    type: package\n')),
  },
  {
    name: 'a target name with shell syntax',
    change: (d) =>
      write(
        d,
        'infrastructure.yaml',
        `${BASELINE['infrastructure.yaml']}  ";rm -rf /": { hostname: 10.0.0.9 }\n`,
      ),
  },
  {
    name: 'a pool named toString',
    change: (d) =>
      write(
        d,
        'idresources.yaml',
        'pools:\n  ports: { min: 8000, max: 8099 }\n  toString: { min: 1, max: 2 }\n',
      ),
    expect: SETTLED,
  },
  {
    name: 'a NUL byte in an environment value',
    change: (d) => write(d, 'services.yaml', webProcess('      args: ["a\\0b"]\n')),
  },
  // IDs and status.
  {
    name: 'ids.json deleted',
    change: (d) => rmSync(join(d, 'ids.json'), { force: true }),
    expect: ['deployed'],
  },
  {
    name: 'ids.json with the two ports swapped',
    change: (d) =>
      write(
        d,
        'ids.json',
        JSON.stringify({
          ids: { ports: { api: 8001, web: 8000 } },
          lastAssignments: {},
          lastAssignmentsPerTarget: {},
        }),
      ),
    expect: ['deployed'],
  },
  {
    name: 'ids.json that is not JSON',
    change: (d) => write(d, 'ids.json', '{ not json'),
    expect: ['deployed'],
  },
  {
    name: 'status.json forged to claim another commit is applied',
    change: (d) =>
      write(
        d,
        'status.json',
        JSON.stringify({ outcome: 'deployed', lastAppliedCommit: 'f'.repeat(40), targets: {} }),
      ),
    expect: ['deployed'],
  },
  // A valid change, to show the table is not all refusals.
  {
    name: 'a valid change: web gets an argument',
    change: (d) =>
      write(
        d,
        'services.yaml',
        BASELINE['services.yaml']!.replace(
          'command: /usr/bin/web',
          'command: /usr/bin/web\n      args: ["--v2"]',
        ),
      ),
    expect: ['deployed'],
    valid: true,
  },
];

describe('hostile commits through the controller', function () {
  this.timeout(60_000);
  const temp = new TempDirs();
  const hosts = new Map<string, EmulatedTarget>();
  const logged: string[] = [];
  let origin: string;
  let clone: string;
  let paths: { secret: string; outside: string; canary: string };
  let reconciler: Reconciler;
  let baselinePorts: Record<string, number>;

  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }).trim();
  /** A file as it is on the branch, or undefined. */
  const onBranch = (path: string) => {
    try {
      return git(origin, 'show', `main:${path}`);
    } catch {
      return undefined;
    }
  };
  const status = () => JSON.parse(onBranch('status.json')!) as StatusFile;
  /** The ports in drover's latest write-back of ids.json (a hostile commit may leave a broken copy). */
  const ports = () => {
    const commit = git(origin, 'log', '-1', '--author=drover', '--format=%H', 'main', '--', 'ids.json');
    const text = git(origin, 'show', `${commit}:ids.json`);
    return (JSON.parse(text) as { ids: { ports: Record<string, number> } }).ids.ports;
  };
  const running = () => new Map([...hosts].map(([name, host]) => [name, host.manifest]));

  /** Commits the baseline with `change` applied on top (drover's status.json and ids.json kept), and pushes. */
  function push(change: Row['change']): void {
    git(clone, 'pull', '-q', '--rebase');
    for (const entry of readdirSync(clone)) {
      if (entry !== '.git' && entry !== 'status.json' && entry !== 'ids.json')
        rmSync(join(clone, entry), { recursive: true, force: true });
    }
    for (const [path, text] of Object.entries(BASELINE)) write(clone, path, text);
    change(clone, paths);
    git(clone, 'add', '-A');
    git(clone, 'commit', '-q', '--allow-empty', '-m', 'change');
    git(clone, 'push', '-q', 'origin', 'main');
  }

  before(async () => {
    process.env.DROVER_GIT_TOKEN = TOKEN;
    const dir = temp.make();
    paths = { secret: join(dir, 'shadow'), outside: join(dir, 'outside'), canary: join(dir, 'canary') };
    writeFileSync(paths.secret, `root:${SECRET}:19000:0:99999:7:::\n`);
    mkdirSync(paths.outside);
    writeFileSync(join(paths.outside, 'id_ed25519'), `-----BEGIN OPENSSH PRIVATE KEY-----\n${SECRET}\n`);
    execFileSync('mkfifo', [join(paths.outside, 'fifo')]);
    mkdirSync(paths.canary);
    origin = temp.make();
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
    clone = temp.make();
    git(clone, 'init', '-q', '-b', 'main');
    git(clone, 'remote', 'add', 'origin', origin);
    for (const [path, text] of Object.entries(BASELINE)) write(clone, path, text);
    git(clone, 'add', '-A');
    git(clone, 'commit', '-q', '-m', 'baseline');
    git(clone, 'push', '-q', '-u', 'origin', 'main');

    const log: Log = {
      info: (fields, message) => logged.push(`${message} ${JSON.stringify(fields)}`),
      warn: (fields, message) => logged.push(`${message} ${JSON.stringify(fields)}`),
      error: (fields, message) => logged.push(`${message} ${JSON.stringify(fields)}`),
    };
    const context = (signal: AbortSignal): DeployContext => ({
      connect: (target) => {
        if (target.transport === 'local') return Promise.resolve(new LocalTransport());
        if (!hosts.has(target.name))
          hosts.set(target.name, new ScriptedTransport({ address: target.name }).state);
        return Promise.resolve(
          new ScriptedTransport({ address: target.name, state: hosts.get(target.name)! }),
        );
      },
      now: () => new Date(),
      sleep: () => Promise.resolve(),
      log,
      owner: { id: 'hostile', host: 'ci', pid: process.pid, time: new Date().toISOString() },
      isDeadOwner: () => false,
      signal,
    });
    let live: StatusFile | undefined;
    reconciler = new Reconciler({
      source: await GitRepository.open(origin, 'main', temp.make()),
      deployer: {
        deploy: (evaluation, repo, commit, signal) =>
          applyEvaluation(evaluation, repo, context(signal), { commit }),
      },
      status: { get: () => live, set: (s) => (live = s) },
      clock: { now: () => new Date() },
      author: { name: 'drover', email: 'drover@localhost' },
      log,
      intervalMs: 1000,
      signal: new AbortController().signal,
      allowLocalTargets: false,
    });
    assert.equal((await reconciler.reconcile()).outcome, 'deployed');
    baselinePorts = ports();
  });
  after(() => {
    delete process.env.DROVER_GIT_TOKEN;
    temp.cleanup();
  });

  it(`has at least 40 hostile commits (${ROWS.length})`, () => {
    assert.ok(ROWS.length >= 40);
  });

  for (const row of ROWS) {
    it(row.name, async () => {
      const before = running();
      push(row.change);

      const result = await reconciler.reconcile();

      const expected = row.expect ?? ['invalid'];
      assert.ok(
        expected.includes(result.outcome),
        `${result.outcome}: ${result.error ?? status().errors?.join('\n')}`,
      );
      assert.deepEqual(readdirSync(paths.canary), [], 'nothing ran on this machine');
      const branch = git(origin, 'log', '-p', '-3', 'main');
      assert.doesNotMatch(branch, new RegExp(`${SECRET}|${TOKEN}`), 'no secret in the branch');
      assert.doesNotMatch(logged.join('\n'), new RegExp(`${SECRET}|${TOKEN}`), 'no secret in the log');
      for (const error of status().errors ?? []) {
        assert.ok(error.length < 600, `a short message: ${error.slice(0, 200)}…`);
      }
      if (!row.valid) {
        assert.deepEqual(running(), before, 'the targets run what they ran');
      }
      assert.deepEqual(ports(), baselinePorts, 'IDs unchanged');
    });
  }

  it('keeps reconciling: the next valid commit deploys', async () => {
    push((d) =>
      write(d, 'services.yaml', BASELINE['services.yaml']!.replace('/usr/bin/api', '/usr/bin/api2')),
    );

    const result = await reconciler.reconcile();

    assert.equal(result.outcome, 'deployed');
    assert.equal(status().outcome, 'deployed');
    assert.deepEqual(ports(), baselinePorts);
  });
});
