/**
 * fixtures/stafftracker end to end with `drover apply` on two test hosts (network namespaces, each with
 * its own sshd): a PostgreSQL server that is a service, three databases deployed into it, the web
 * application that joins them, nginx in front on the other host. A row added stays through a redeploy.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IdsDocument } from '../controller/core/ids.ts';
import { fixtureOnHosts, type FixtureOnHosts } from './helpers/fixture-on-hosts.ts';
import { httpBody } from './helpers/http.ts';
import type { TestNetwork } from './helpers/test-network.ts';

describe('stafftracker: three databases in a PostgreSQL server that is a service, on two hosts', function () {
  this.timeout(180_000);
  let deployed: FixtureOnHosts;
  let network: TestNetwork;
  let models: string;
  const drover = (verb: string, ...args: string[]) => deployed.drover(verb, ...args);

  before(async () => {
    deployed = await fixtureOnHosts('stafftracker', 2);
    ({ network, models } = deployed);
    await drover('apply');
  });
  after(() => deployed?.teardown());

  /** The StaffTracker's page, through nginx on the second host. */
  const page = () => {
    const ids = (JSON.parse(readFileSync(join(models, 'ids.json'), 'utf8')) as IdsDocument).ids;
    return httpBody(network.hosts[1]!.address, ids.nginxPorts!.nginx!, '/', { timeoutMs: 10_000 });
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
