/** The example models repositories under fixtures/: each one is valid, and the seed examples plan as their seed says. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Evaluation } from '../controller/core/evaluate.ts';
import type { IdsDocument } from '../controller/core/ids.ts';
import { planDocument } from '../controller/core/plan.ts';
import { formatProblem, ModelError } from '../controller/core/problems.ts';
import { evaluateDirectory, readDeployedSide } from '../controller/folder/models-folder.ts';
import type { Unit } from '../controller/core/units.ts';
import type { PlanStep } from '../schema/generated/plan.ts';
import { fixturesDir, TempDirs } from './helpers/models.ts';

/** Evaluates a models folder; fails with every problem as FILE:LINE:COL when the models are invalid. */
function evaluateFolder(dir: string, prior?: IdsDocument): Evaluation {
  try {
    return evaluateDirectory(dir, prior);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    const problems = error.problems.map((p) => formatProblem(p)).join('\n');
    assert.fail(`${dir} is invalid:\n${problems}`);
  }
}

function unitOf(evaluation: Evaluation, service: string): Unit {
  const units = evaluation.units.filter((u) => u.service === service);
  assert.equal(units.length, 1, `expected one unit of ${service}`);
  return units[0]!;
}

function fileOf(unit: Unit, name: string): string {
  const file = unit.spec.files.find((f) => f.name === name);
  assert.ok(file, `${unit.service} has no file ${name}`);
  return file.content;
}

/** Each step as "op service", in plan order. */
function stepNames(steps: readonly PlanStep[]): string[] {
  return steps.map((s) => `${s.op} ${s.service}`);
}

/** Plans the transition from nothing to the models in `dir`, as `drover plan DIR` does. */
function planFromNothing(dir: string) {
  const deployed = readDeployedSide(dir, {});
  const evaluation = evaluateFolder(dir);
  return planDocument(deployed.units, evaluation, deployed.ids);
}

/**
 * Folders under fixtures/, at any depth, that are models repositories (they hold an infrastructure.yaml),
 * relative to fixtures/. golden/ folders hold expected outputs, not models, and are not searched.
 */
function modelFixtures(): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    const dir = join(fixturesDir, relative);
    if (relative !== '' && existsSync(join(dir, 'infrastructure.yaml'))) found.push(relative);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'golden') continue;
      walk(relative === '' ? entry.name : `${relative}/${entry.name}`);
    }
  };
  walk('');
  return found.sort();
}

describe('fixtures', () => {
  describe('every models repository under fixtures/', () => {
    it('includes the seed examples', () => {
      const names = modelFixtures();

      for (const name of ['hello-world', 'staff-tracker', 'webapp-nginx']) {
        assert.ok(names.includes(name), `${name} missing`);
      }
    });

    for (const name of modelFixtures()) {
      it(`${name} evaluates without problems`, () => {
        const dir = join(fixturesDir, name);

        const evaluation = evaluateFolder(dir);

        assert.ok(evaluation.units.length > 0, `${name} has no units`);
      });
    }
  });

  describe('hello-world (seed 001)', () => {
    const dir = join(fixturesDir, 'hello-world');

    it('passes the server hostname and assigned port to the client through its config file', () => {
      const evaluation = evaluateFolder(dir);

      const server = unitOf(evaluation, 'hello_world_server');
      const client = unitOf(evaluation, 'hello_world_client');
      const port = server.spec.ids.ports;
      assert.ok(port !== undefined && port >= 5000 && port <= 6000, `port ${port} outside the ports pool`);
      const config = fileOf(client, 'client.conf');
      assert.match(config, /^host=192\.168\.2\.1$/m);
      assert.match(config, new RegExp(`^port=${port}$`, 'm'));
      assert.equal(client.container, 'package');
      assert.equal(client.spec.manager, 'package');
    });

    it('runs the server under supervisord on its assigned port, with a tcp health check', () => {
      const evaluation = evaluateFolder(dir);

      const server = unitOf(evaluation, 'hello_world_server');
      const port = server.spec.ids.ports!;
      assert.equal(server.spec.manager, 'supervisord');
      assert.equal(server.spec.process?.environment.PORT, String(port));
      assert.match(
        server.spec.process?.command ?? '',
        /\/store\/[0-9a-f]{32}-hello-world-server\/bin\/hello-world-server$/,
      );
      assert.deepEqual(server.spec.healthCheck?.tcp, { host: '127.0.0.1', port });
    });

    it('activates hello_world_server before hello_world_client when nothing is deployed', () => {
      const plan = planFromNothing(dir);

      assert.deepEqual(stepNames(plan.steps), ['activate hello_world_server', 'activate hello_world_client']);
      assert.deepEqual(plan.steps[0]!.requires, []);
      assert.deepEqual(plan.steps[1]!.requires, [0]);
      assert.deepEqual(plan.unchanged, []);
    });
  });

  describe('staff-tracker (seed 001, multiple containers)', () => {
    const fixture = join(fixturesDir, 'staff-tracker');
    const temp = new TempDirs();
    afterEach(() => temp.cleanup());

    /** The seed's distribution model: every service's container on test1. */
    const containers: Record<string, string> = {
      GeolocationService: 'tomcat-webapplication-primary',
      RoomService: 'tomcat-webapplication-secondary',
      StaffService: 'tomcat-webapplication-primary',
      StaffTracker: 'tomcat-webapplication-secondary',
      ZipcodeService: 'tomcat-webapplication-primary',
      rooms: 'mysql-database-primary',
      staff: 'mysql-database-secondary',
      zipcodes: 'mysql-database-primary',
    };
    const databases: [database: string, service: string][] = [
      ['rooms', 'RoomService'],
      ['staff', 'StaffService'],
      ['zipcodes', 'ZipcodeService'],
    ];

    it('has 8 units, each in the container the distribution names', () => {
      const evaluation = evaluateFolder(fixture);

      assert.deepEqual(
        Object.fromEntries(evaluation.units.map((u) => [u.service, `${u.target}/${u.container}`])),
        Object.fromEntries(
          Object.entries(containers).map(([service, container]) => [service, `test1/${container}`]),
        ),
      );
      assert.equal(evaluation.units.length, 8);
      assert.deepEqual(evaluation.warnings, []);
    });

    it('passes each database connection and each web service URL through context.xml', () => {
      const evaluation = evaluateFolder(fixture);

      const staffService = fileOf(unitOf(evaluation, 'StaffService'), 'context.xml');
      assert.match(staffService, /url="jdbc:mysql:\/\/192\.168\.2\.1:3307\/staff\?autoReconnect=true"/);
      assert.match(staffService, /username="root"/);
      assert.match(staffService, /password=""/);
      assert.match(
        fileOf(unitOf(evaluation, 'RoomService'), 'context.xml'),
        /jdbc:mysql:\/\/192\.168\.2\.1:3306\/rooms\?/,
      );
      assert.match(
        fileOf(unitOf(evaluation, 'ZipcodeService'), 'context.xml'),
        /jdbc:mysql:\/\/192\.168\.2\.1:3306\/zipcodes\?/,
      );
      const tracker = fileOf(unitOf(evaluation, 'StaffTracker'), 'context.xml');
      assert.match(tracker, /value="http:\/\/192\.168\.2\.1:8080\/StaffService\/services\/StaffService"/);
      assert.match(tracker, /value="http:\/\/192\.168\.2\.1:8081\/RoomService\/services\/RoomService"/);
      assert.match(tracker, /value="http:\/\/192\.168\.2\.1:8080\/ZipcodeService\/services\/ZipcodeService"/);
      assert.match(
        tracker,
        /value="http:\/\/192\.168\.2\.1:8080\/GeolocationService\/services\/GeolocationService"/,
      );
      assert.match(
        fileOf(unitOf(evaluation, 'staff'), 'client.cnf'),
        /^socket=\/var\/run\/mysqld-secondary\/mysqld\.sock$/m,
      );
    });

    it('activates every database before the service depending on it, and StaffTracker last', () => {
      const plan = planFromNothing(fixture);

      assert.equal(plan.steps.length, 8);
      assert.ok(plan.steps.every((s) => s.op === 'activate'));
      const index = (service: string) => plan.steps.findIndex((s) => s.service === service);
      for (const [database, service] of databases) {
        assert.ok(index(database) < index(service), `${database} after ${service}`);
        assert.ok(
          plan.steps[index(service)]!.requires.includes(index(database)),
          `${service} does not require ${database}`,
        );
      }
      const last = plan.steps[plan.steps.length - 1]!;
      assert.equal(last.service, 'StaffTracker');
      assert.deepEqual(
        last.requires,
        ['GeolocationService', 'RoomService', 'StaffService', 'ZipcodeService']
          .map(index)
          .sort((a, b) => a - b),
      );
    });

    it('redeploys staff, StaffService and StaffTracker, and nothing else, when mysql-database-secondary changes', () => {
      const dir = temp.copyFixture('staff-tracker');
      const deployed = evaluateFolder(dir);
      const infrastructure = join(dir, 'infrastructure.yaml');
      const before = readFileSync(infrastructure, 'utf8');
      const after = before.replace(/mysqlPort: (['"])3307\1/, 'mysqlPort: "3308"');
      assert.notEqual(after, before);
      writeFileSync(infrastructure, after);

      const desired = evaluateFolder(dir);
      const plan = planDocument(deployed.units, desired, deployed.ids);

      assert.deepEqual(stepNames(plan.steps), [
        'deactivate StaffTracker',
        'deactivate StaffService',
        'deactivate staff',
        'activate staff',
        'activate StaffService',
        'activate StaffTracker',
      ]);
      assert.deepEqual(
        plan.steps.map((s) => s.reason),
        [
          { kind: 'dependency-changed', message: 'dependency StaffService changed' },
          { kind: 'config-changed', message: 'config changed' },
          { kind: 'config-changed', message: 'config changed' },
          { kind: 'config-changed', message: 'config changed' },
          { kind: 'config-changed', message: 'config changed' },
          { kind: 'dependency-changed', message: 'dependency StaffService changed' },
        ],
      );
      assert.deepEqual(
        plan.unchanged.map((u) => u.service),
        ['GeolocationService', 'RoomService', 'ZipcodeService', 'rooms', 'zipcodes'],
      );
      assert.match(
        fileOf(unitOf(desired, 'StaffService'), 'context.xml'),
        /jdbc:mysql:\/\/192\.168\.2\.1:3308\/staff\?/,
      );
    });

    for (const [database, service] of databases) {
      it(`redeploys ${database}, ${service} and StaffTracker, and nothing else, when the ${database} schema changes`, () => {
        const dir = temp.copyFixture('staff-tracker');
        const deployed = evaluateFolder(dir);
        const schema = join(dir, 'templates', `${database}.sql`);
        const before = readFileSync(schema, 'utf8');
        const after = before.replace('NOT NULL,', 'NOT NULL, -- changed\n');
        assert.notEqual(after, before);
        writeFileSync(schema, after);

        const desired = evaluateFolder(dir);
        const plan = planDocument(deployed.units, desired, deployed.ids);

        assert.deepEqual(stepNames(plan.steps), [
          'deactivate StaffTracker',
          `deactivate ${service}`,
          `deactivate ${database}`,
          `activate ${database}`,
          `activate ${service}`,
          'activate StaffTracker',
        ]);
        assert.deepEqual(
          plan.unchanged.map((u) => u.service),
          Object.keys(containers)
            .filter((s) => ![database, service, 'StaffTracker'].includes(s))
            .sort(),
        );
      });
    }
  });

  describe('webapps-agnostic (nix-processmgmt, instances)', () => {
    const dir = join(fixturesDir, 'webapps-agnostic');
    const temp = new TempDirs();
    after(() => temp.cleanup());

    it('assigns the IDs nixproc-id-assign gives processes-advanced.nix (ids-advanced.nix), and ids.json holds them', () => {
      const evaluation = evaluateFolder(dir);
      // dydisnix-id-assign goes through the services by name, each taking the next free ID of each pool
      // it asks for: nginx, nginx2, webapp1 ... webapp6.
      const users = { nginx: 2000, nginx2: 2001, webapp1: 2002, webapp2: 2003, webapp3: 2004 };
      const idsAdvanced = {
        gids: { ...users, webapp4: 2005, webapp5: 2006, webapp6: 2007 },
        nginxPorts: { nginx: 8080, nginx2: 8081 },
        uids: { ...users, webapp4: 2005, webapp5: 2006, webapp6: 2007 },
        webappPorts: {
          webapp1: 5000,
          webapp2: 5001,
          webapp3: 5002,
          webapp4: 5003,
          webapp5: 5004,
          webapp6: 5005,
        },
      };

      const fresh = temp.copyFixture('webapps-agnostic');
      rmSync(join(fresh, 'ids.json'));
      assert.deepEqual(evaluateFolder(fresh).ids.ids, idsAdvanced, 'assigned from nothing');
      assert.deepEqual(
        (JSON.parse(readFileSync(join(dir, 'ids.json'), 'utf8')) as IdsDocument).ids,
        idsAdvanced,
      );
      assert.deepEqual(evaluation.ids.ids, idsAdvanced);
    });

    it('routes each proxy to the instances it depends on, by virtual host', () => {
      const evaluation = evaluateFolder(dir);
      const servers = (proxy: string) =>
        [
          ...fileOf(unitOf(evaluation, proxy), 'nginx.conf').matchAll(
            /server_name (\S+);\s+location \/ \{\s+proxy_pass (\S+);/g,
          ),
        ].map(([, name, to]) => `${name} -> ${to}`);

      assert.deepEqual(servers('nginx'), [
        'webapp1.local -> http://192.168.2.1:5000',
        'webapp2.local -> http://192.168.2.1:5001',
        'webapp3.local -> http://192.168.2.1:5002',
        'webapp4.local -> http://192.168.2.1:5003',
      ]);
      assert.deepEqual(servers('nginx2'), [
        'webapp5.local -> http://192.168.2.2:5004',
        'webapp6.local -> http://192.168.2.2:5005',
      ]);
    });
  });
});
