/**
 * fixtures/stafftracker end to end with `drover apply` on two test hosts (network namespaces, each with
 * its own sshd): a PostgreSQL server that is a service, three databases deployed into it, the web
 * application that joins them, nginx in front on the other host. A row added stays through a redeploy, a
 * snapshot restored, the staff database moved to the other host with its rows, the move rolled back, and
 * the copy left behind deleted by gc --state.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { IdsDocument } from '../controller/core/ids.ts';
import { fixtureOnHosts, type FixtureOnHosts } from './helpers/fixture-on-hosts.ts';
import { httpBody } from './helpers/http.ts';
import { TempDirs } from './helpers/models.ts';
import type { TestNetwork } from './helpers/test-network.ts';

describe('stafftracker: three databases in a PostgreSQL server that is a service, on two hosts', function () {
  this.timeout(180_000);
  let deployed: FixtureOnHosts;
  let network: TestNetwork;
  let models: string;
  const temp = new TempDirs();
  const drover = (verb: string, ...args: string[]) => deployed.drover(verb, ...args);

  before(async () => {
    deployed = await fixtureOnHosts('stafftracker', 2);
    ({ network, models } = deployed);
    await drover('apply');
  });
  after(async () => {
    await deployed?.teardown();
    temp.cleanup();
  });

  /** The StaffTracker's page, through nginx on the second host. */
  const page = () => {
    const ids = (JSON.parse(readFileSync(join(models, 'ids.json'), 'utf8')) as IdsDocument).ids;
    return httpBody(network.hosts[1]!.address, ids.nginxPorts!.nginx!, '/', { timeoutMs: 10_000 });
  };

  /** Runs SQL in a database of a host's server (the first one's unless told), as the user drover deploys as. */
  const sql = async (database: string, query: string, on = 0) => {
    const result = await trySql(database, query, on);
    assert.equal(result.code, 0, result.stderr);
    return result.stdout.trim();
  };
  const trySql = (database: string, query: string, on: number) => {
    const host = network.hosts[on]!;
    const ids = (JSON.parse(readFileSync(join(models, 'ids.json'), 'utf8')) as IdsDocument).ids;
    return host.exec([
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

  it('keeps a copy of a snapshot here with --download, and restores it from there once the target lost its own', async () => {
    const kept = temp.make();
    const taken = await drover('snapshot', '--service', 'staff', '--download', kept);
    const path = /, downloaded to (\S+)\n$/.exec(taken)?.[1] ?? '';
    assert.ok(path.startsWith(join(kept, 'staff', 'test1', '')), taken);
    const host = network.hosts[0]!;
    await host.exec(['rm', '-rf', `${host.stateDir}/snapshots/staff`]);
    await sql('staff', "INSERT INTO staff (name, room) VALUES ('Written Later', '4.21')");
    const damaged = join(temp.make(), basename(path));
    writeFileSync(damaged, Buffer.concat([readFileSync(path), Buffer.from('x')]));
    copyFileSync(`${path}.sha256`, `${damaged}.sha256`);

    await assert.rejects(
      drover('restore', '--service', 'staff', '--from', damaged),
      /damaged, its sha256 is/,
    );
    assert.equal(await sql('staff', 'SELECT count(*) FROM staff'), '4', 'a damaged copy changes nothing');
    const restored = await drover('restore', '--service', 'staff', '--from', path);

    assert.equal(
      restored,
      `staff on test1: restored ${basename(path)}; what was written after that snapshot was taken is lost\n`,
    );
    assert.equal(await sql('staff', 'SELECT count(*) FROM staff'), '3');
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

  it('rolls a move that fails back: the database stays where it was, unlocked, with every row', async () => {
    const distribution = join(models, 'distribution.yaml');
    writeFileSync(
      distribution,
      readFileSync(distribution, 'utf8').replace('staff: [test1]', 'staff: [test2]'),
    );
    // A file where the snapshot is to arrive on the second host: receiving it there fails.
    const second = network.hosts[1]!;
    const blocker = `${second.stateDir}/snapshots/staff`;
    const asUser = ['setpriv', `--reuid=${second.user}`, `--regid=${second.user}`, '--init-groups'];
    assert.equal(
      (await second.exec([...asUser, 'sh', '-c', 'mkdir -p "${1%/*}" && touch "$1"', 'sh', blocker])).code,
      0,
    );

    await assert.rejects(drover('apply'), (error: { stdout: string; stderr: string }) => {
      assert.match(
        `${error.stdout}${error.stderr}`,
        /moving the state of staff from test1 to test2 failed: cannot write \S+\/snapshots\/staff\/\S+\.move\.snapshot/,
      );
      return true;
    });

    await sql('staff', "INSERT INTO staff (name, room) VALUES ('Written After The Failed Move', '4.21')");
    assert.match(await page(), /\nWritten After The Failed Move: room 4\.21, Mekelweg 4, 2628 CD Delft\n$/);
    assert.equal(await sql('postgres', "SELECT count(*) FROM pg_database WHERE datname = 'staff'", 1), '0');
    assert.equal((await second.exec(['rm', '-f', blocker])).code, 0);
  });

  it('moves the staff database to the other host with its rows; the web application follows it there', async () => {
    const output = await drover('apply');

    assert.match(
      output,
      /staff on test2 \(postgresql-database\): moved from test1, its state with it \(restored here from the snapshot\)/,
    );

    assert.equal(await sql('staff', 'SELECT count(*) FROM staff', 1), '4');
    await sql('staff', "INSERT INTO staff (name, room) VALUES ('Written After The Move', 'HG-8')", 1);
    assert.match(await page(), /\nWritten After The Move: room HG-8, Mekelweg 5, 2628 BX Delft\n$/);
    // The copy left behind keeps its data, locked: nothing written there could be lost.
    const refused = await trySql('staff', "INSERT INTO staff (name, room) VALUES ('Lost', '4.21')", 0);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /read-only transaction/);
    assert.equal(await sql('staff', 'SELECT count(*) FROM staff', 0), '4');
  });

  it('rolls the move back: staff returns to the first host as its state was when the move back snapshotted it, nothing written lost', async () => {
    await drover('rollback');

    assert.equal(await sql('staff', "SELECT count(*) FROM staff WHERE name = 'Written After The Move'"), '1');
    await sql('staff', "INSERT INTO staff (name, room) VALUES ('Written After The Rollback', '4.21')");
    assert.match(await page(), /\nWritten After The Rollback: room 4\.21, Mekelweg 4, 2628 CD Delft\n$/);
  });

  it('gc --state deletes the copy the move left behind, and keeps what runs', async () => {
    const output = await drover('gc', '--state');

    assert.match(output, /^test2: .*; deleted the state of staff$/m);
    assert.doesNotMatch(output, /^test1: .*deleted/m);
    assert.equal(await sql('postgres', "SELECT count(*) FROM pg_database WHERE datname = 'staff'", 1), '0');
    assert.equal(await sql('staff', 'SELECT count(*) FROM staff'), '6');
    assert.match(await drover('gc', '--state'), /^test2: [^;]*; removed \d+ store entries$/m);
  });
});
