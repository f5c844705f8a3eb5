/**
 * `drover capture`: what a target is, found over SSH on a test host (a network namespace with its own
 * sshd), written to captured.json, and what the models make of it: templates, the scheduler's capacity,
 * pools that skip IDs in use.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CapturedFile } from '../schema/generated/captured.ts';
import type { IdsFile } from '../schema/generated/ids.ts';
import { formatDocument } from '../controller/core/documents.ts';
import { parseCapture } from '../controller/apply/capture.ts';
import { evaluate, problemsOf, TempDirs } from './helpers/models.ts';
import { createTestNetwork, infrastructureYaml, type TestNetwork } from './helpers/test-network.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../controller/cli.ts', import.meta.url));

describe('drover capture', function () {
  this.timeout(60_000);

  describe('on a test host over SSH', () => {
    const temp = new TempDirs();
    let network: TestNetwork;
    let models: string;
    let output: string;

    before(async () => {
      network = await createTestNetwork(1);
      models = temp.make();
      const knownHosts = join(models, 'known_hosts');
      writeFileSync(knownHosts, network.knownHosts);
      writeFileSync(join(models, 'infrastructure.yaml'), infrastructureYaml(network));
      writeFileSync(
        join(models, 'services.yaml'),
        'services:\n  web:\n    process: { command: /bin/true }\n',
      );
      ({ stdout: output } = await run(process.execPath, [
        ...['--import', 'tsx', cli, 'capture', models, '--write'],
        ...['--identity', network.clientKeyPath, '--known-hosts', knownHosts],
      ]));
    });
    after(async () => {
      await network?.teardown();
      temp.cleanup();
    });

    it('writes what the host is: system, cores, memory, OS, managers, and the uids, gids and ports in use', async () => {
      const host = network.hosts[0]!;
      const captured = (JSON.parse(readFileSync(join(models, 'captured.json'), 'utf8')) as CapturedFile)
        .targets.t1!;
      const uid = Number((await host.exec(['id', '-u', host.user])).stdout);
      const gid = Number((await host.exec(['id', '-g', host.user])).stdout);
      const osRelease = readFileSync('/etc/os-release', 'utf8');

      assert.equal(captured.system, `${process.arch === 'x64' ? 'x86_64' : process.arch}-linux`);
      assert.ok(captured.cores! >= 1 && captured.memory! > 0);
      assert.equal(captured.os, /^PRETTY_NAME="([^"]+)"/m.exec(osRelease)![1]);
      for (const manager of ['supervisord', 's6']) assert.ok(captured.managers!.includes(manager), manager);
      assert.equal(captured.systemdPid1, false, 'no systemd as process 1 here');
      assert.ok(captured.uids!.includes(uid) && captured.gids!.includes(gid), 'the login user and group');
      assert.ok(captured.ports!.includes(host.port), "the host's sshd listens");
      assert.match(
        output,
        /^t1: x86_64-linux, \d+ cores, \d+ MiB, .+; managers: .*supervisord.*; \d+ uids, \d+ gids, \d+ ports in use\n$/,
      );
    });

    it('lets a pool skip the ports in use there, and templates read what was captured', () => {
      const host = network.hosts[0]!;
      writeFileSync(
        join(models, 'services.yaml'),
        'services:\n  web:\n    process:\n      command: /bin/web\n      args: ["${{ ids.ports }}", "${{ target.captured.cores }}"]\n    requiresUniqueIdsFor: [ports]\n',
      );
      writeFileSync(join(models, 'distribution.yaml'), 'distribution:\n  web: [t1]\n');
      writeFileSync(
        join(models, 'idresources.yaml'),
        `pools:\n  ports: { min: ${host.port}, max: ${host.port + 10}, skipInUse: ports }\n`,
      );
      const files = Object.fromEntries(
        [
          'services.yaml',
          'infrastructure.yaml',
          'distribution.yaml',
          'idresources.yaml',
          'captured.json',
        ].map((f) => [f, readFileSync(join(models, f), 'utf8')]),
      );
      const cores = (JSON.parse(files['captured.json']!) as CapturedFile).targets.t1!.cores!;

      const evaluation = evaluate(files);
      const web = evaluation.units[0]!;

      assert.deepEqual(
        web.spec.process!.args,
        [String(host.port + 1), String(cores)],
        'not the port sshd listens on',
      );
      assert.deepEqual(evaluation.ids.reserved, { t1: { ports: [host.port] } }, 'which is recorded');
    });
  });

  describe('what the models make of it', () => {
    const temp = new TempDirs();
    after(() => temp.cleanup());
    const captured = (fields: string) =>
      `{ "version": 1, "targets": { "t1": { "time": "2026-12-05T08:00:00Z", ${fields} } } }`;
    const infrastructure = 'targets:\n  t1:\n    hostname: 10.0.0.1\n  t2:\n    hostname: 10.0.0.2\n';

    it('reads the output of the capture script: sorted, without repeats, ports from /proc/net/tcp in hex', () => {
      const found = parseCapture(
        'SYSTEM x86_64-linux\nCORES 4\nMEMORY 8589934592\nOS Debian GNU/Linux 12 (bookworm)\nMANAGER systemd\nMANAGER supervisord\nUID 1000\nUID 0\nUID 1000\nGID 0\nPORT 0x0016\nPORT 8080\nPORT junk\n',
        new Date('2026-12-05T08:00:00Z'),
      );

      assert.deepEqual(found, {
        time: '2026-12-05T08:00:00.000Z',
        system: 'x86_64-linux',
        cores: 4,
        memory: 8589934592,
        os: 'Debian GNU/Linux 12 (bookworm)',
        managers: ['supervisord', 'systemd'],
        systemdPid1: false,
        uids: [0, 1000],
        gids: [0],
        ports: [22, 8080],
      });
    });

    it('records the uids a pool skipped as reserved in ids.json, by target, and keeps them on the next run', async () => {
      const models = temp.make();
      const found = (uids: string) =>
        parseCapture(`SYSTEM x86_64-linux\n${uids}GID 0\n`, new Date('2026-12-05T08:00:00Z'));
      const files = {
        'services.yaml':
          'services:\n  web:\n    type: package\n    requiresUniqueIdsFor: [uids, gids]\n  api:\n    type: package\n    requiresUniqueIdsFor: [uids, gids]\n',
        'infrastructure.yaml': infrastructure,
        'distribution.yaml': 'distribution:\n  web: [t1]\n  api: [t1, t2]\n',
        'idresources.yaml':
          'pools:\n  uids: { min: 1000, max: 1099, scope: machine, skipInUse: uids }\n  gids: { follows: uids }\n',
        'captured.json': formatDocument({
          version: 1,
          targets: {
            t1: found('UID 0\nUID 1000\nUID 1001\nUID 1050\nUID 65534\n'),
            t2: found('UID 0\nUID 1002\n'),
          },
        }),
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(models, name), text);
      const drover = (...args: string[]) => run(process.execPath, ['--import', 'tsx', cli, ...args]);
      const idsOf = () => JSON.parse(readFileSync(join(models, 'ids.json'), 'utf8')) as IdsFile;

      await drover('ids', models, '--write');
      const first = idsOf();
      await drover('ids', models, '--write');
      const again = idsOf();

      assert.deepEqual(first.ids, { gids: { api: 1003, web: 1004 }, uids: { api: 1003, web: 1004 } });
      assert.deepEqual(first.reserved, { t1: { uids: [1000, 1001] }, t2: { uids: [1002] } });
      assert.deepEqual(again, first);
    });

    it("gives the scheduler a target's captured cores and memory where it declares no capacity", () => {
      const files = {
        'services.yaml':
          'services:\n  web:\n    process: { command: /bin/web }\n    replicas: 2\n    resources: { cpu: 3 }\n',
        'infrastructure.yaml': infrastructure,
        'captured.json': captured('"cores": 2, "memory": 1024'),
      };

      assert.deepEqual(problemsOf(files), [
        'services.yaml:4:15: web: 1 of 2 copies fit; t1: needs cpu 3, has cpu 2 free',
      ]);
    });

    it('is checked against its schema, with the place of a mistake', () => {
      const files = {
        'services.yaml': 'services:\n  web:\n    process: { command: /bin/web }\n',
        'infrastructure.yaml': infrastructure,
        'captured.json': captured('"cores": "many"'),
      };

      assert.deepEqual(problemsOf(files), ['captured.json:1:79: cores: must be an integer']);
    });
  });
});
