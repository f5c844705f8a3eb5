/**
 * fixtures/stafftracker end to end with `drover apply` on two test hosts (network namespaces, each with
 * its own sshd): a PostgreSQL server that is a service, three databases deployed into it, the web
 * application that joins them, nginx in front on the other host. A row added stays through a redeploy.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { IdsDocument } from '../controller/core/ids.ts';
import { TempDirs } from './helpers/models.ts';
import { createTestNetwork, infrastructureYaml, type TestNetwork } from './helpers/test-network.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../controller/cli.ts', import.meta.url));

describe('stafftracker: three databases in a PostgreSQL server that is a service, on two hosts', function () {
  this.timeout(180_000);
  const temp = new TempDirs();
  let network: TestNetwork;
  let models: string;
  let knownHosts: string;

  const drover = async (verb: string, ...args: string[]) =>
    (
      await run(process.execPath, [
        ...['--import', 'tsx', cli, verb, models, ...args],
        ...['--identity', network.clientKeyPath, '--known-hosts', knownHosts],
      ])
    ).stdout;

  before(async () => {
    network = await createTestNetwork(2);
    models = temp.copyFixture('stafftracker');
    knownHosts = join(temp.make(), 'known_hosts');
    writeFileSync(knownHosts, network.knownHosts);
    writeFileSync(
      join(models, 'infrastructure.yaml'),
      infrastructureYaml(network, () => ({ processManager: 'supervisord' })).replace(
        /^ {2}t(\d):$/gm,
        '  test$1:',
      ),
    );
    await drover('apply');
  });
  after(async () => {
    await network?.teardown();
    temp.cleanup();
  });

  /** The StaffTracker's page, through nginx on the second host. */
  const page = () => {
    const ids = (JSON.parse(readFileSync(join(models, 'ids.json'), 'utf8')) as IdsDocument).ids;
    return new Promise<string>((resolve, reject) => {
      const req = request(
        { host: network.hosts[1]!.address, port: ids.nginxPorts!.nginx!, path: '/', timeout: 10_000 },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () =>
            res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end();
    });
  };

  /** Runs SQL in a database of the first host's server, as the user drover deploys as. */
  const sql = async (database: string, query: string) => {
    const host = network.hosts[0]!;
    const ids = (JSON.parse(readFileSync(join(models, 'ids.json'), 'utf8')) as IdsDocument).ids;
    const result = await host.exec([
      ...['setpriv', `--reuid=${host.user}`, `--regid=${host.user}`, '--init-groups'],
      ...[
        'psql',
        '-X',
        '-h',
        `${host.stateDir}/run/postgresql`,
        '-p',
        String(ids.postgresqlPorts!.postgresql),
      ],
      ...['-d', database, '-tAc', query],
    ]);
    assert.equal(result.code, 0, result.stderr);
    return result.stdout.trim();
  };

  it('answers with a page that joins the staff, rooms and zipcodes databases', async () => {
    assert.equal(
      await page(),
      'Sander van der Burg: room 4.21, Mekelweg 4, 2628 CD Delft\nEelco Dolstra: room HG-8, Mekelweg 5, 2628 BX Delft\n',
    );
  });

  it('keeps a row added to a database when the application is deployed again: databases are not created twice', async () => {
    await sql('staff', "INSERT INTO staff (name, room) VALUES ('Merijn de Jonge', '4.22')");
    const services = join(models, 'services.yaml');
    writeFileSync(
      services,
      readFileSync(services, 'utf8').replace(
        'PORT: ${{ ids.webappPorts }}',
        'PORT: ${{ ids.webappPorts }}\n        GREETING: hello',
      ),
    );

    await drover('apply');

    assert.match(await page(), /\nMerijn de Jonge: room 4\.22, Mekelweg 4, 2628 CD Delft\n$/);
    assert.equal(await sql('staff', 'SELECT count(*) FROM staff'), '3');
  });

  it('snapshots a database, and restores it: the rows written after the snapshot are gone, and it says so', async () => {
    const taken = await drover('snapshot', '--service', 'staff');
    await sql('staff', "INSERT INTO staff (name, room) VALUES ('Written Later', '4.21')");
    const listed = await drover('snapshots', '--service', 'staff');

    const restored = await drover('restore', '--service', 'staff');

    const name = /^staff on test1: (\S+\.snapshot) \(\d+ bytes\)\n$/.exec(taken)?.[1];
    assert.ok(name, taken);
    assert.match(listed, new RegExp(`^staff on test1:\n  ${name.replace(/\./g, '\\.')} \\(\\d+ bytes\\)\n$`));
    assert.equal(
      restored,
      `staff on test1: restored ${name}; what was written after that snapshot was taken is lost\n`,
    );
    assert.equal(await sql('staff', 'SELECT count(*) FROM staff'), '3');
    assert.doesNotMatch(await page(), /Written Later/);
    assert.match(await page(), /Merijn de Jonge/);
  });

  it('refuses to snapshot a service without state, and restores nothing from a snapshot that is not there', async () => {
    await assert.rejects(
      drover('snapshot', '--service', 'stafftracker'),
      /stafftracker has no state drover can snapshot/,
    );
    await assert.rejects(drover('restore', '--service', 'rooms'), (error: { stdout: string }) => {
      assert.match(
        error.stdout,
        /^rooms on test1: not restored, left as it was: no snapshot at all in \S+\/snapshots\/rooms\n$/,
      );
      return true;
    });
  });
});
