/**
 * The activation modules run for real: their rendered commands executed in order, as drover runs them on
 * a target (each sequence stops at the first failure), against a temporary state dir.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileset } from '../../renderers/modules/fileset.ts';
import { nginxWebapplication } from '../../renderers/modules/nginx-webapplication.ts';
import { mysqlDatabase } from '../../renderers/modules/mysql-database.ts';
import { postgresqlDatabase } from '../../renderers/modules/postgresql-database.ts';
import { startMariaDb, type MariaDb } from '../helpers/mariadb.ts';
import { startPostgres, type Postgres } from '../helpers/postgres.ts';
import { wrapper } from '../../renderers/modules/wrapper.ts';
import type { Argv } from '../../renderers/argv.ts';
import type { UnitSpec } from '../../renderers/types.ts';
import { waitFor } from '../helpers/local-target.ts';
import { TempDirs } from '../helpers/models.ts';

/** Runs each argv in order; true when all exit 0. */
function runAll(argvs: Argv[], env: NodeJS.ProcessEnv = process.env): boolean {
  for (const [file, ...args] of argvs) {
    try {
      execFileSync(file!, args, { stdio: 'ignore', env });
    } catch {
      return false;
    }
  }
  return true;
}

/** Runs each argv in order, stopping at the first failure (which throws); their output, concatenated. */
function capture(argvs: Argv[], env: NodeJS.ProcessEnv = process.env): Buffer {
  return Buffer.concat(
    argvs.map(([file, ...args]) => execFileSync(file!, args, { stdio: ['ignore', 'pipe', 'ignore'], env })),
  );
}

/** Runs each argv in order with `input` on its standard input; true when all exit 0. */
function feed(argvs: Argv[], input: Buffer, env: NodeJS.ProcessEnv = process.env): boolean {
  for (const [file, ...args] of argvs) {
    try {
      execFileSync(file!, args, { input, stdio: ['pipe', 'ignore', 'ignore'], env });
    } catch {
      return false;
    }
  }
  return true;
}

/** A unit of `service` in a container with `properties`, its package at `pkg`. */
function unitOf(state: string, service: string, pkg: string, properties: Record<string, string>): UnitSpec {
  const dirs = {
    state,
    runtime: `${state}/run`,
    log: `${state}/log`,
    tmp: `${state}/tmp`,
    cache: `${state}/cache`,
  };
  return {
    service,
    instanceName: service,
    target: 't1',
    container: 'site',
    manager: 'fileset',
    containerProperties: properties,
    dirs,
    unitDir: `${state}/units/${service}`,
    runDir: `${dirs.runtime}/${service}`,
    tmpDir: `${dirs.tmp}/${service}`,
    privileged: false,
    ids: {},
    files: [],
    package: { path: pkg },
    localDependencies: [],
    startOrder: 1,
  };
}

describe('activation modules', () => {
  const temp = new TempDirs();
  after(() => temp.cleanup());

  describe("fileset (manager: 'fileset')", () => {
    it('puts the package in place as a link, replaces it with the next version in one rename, and removes it', () => {
      const state = temp.make();
      const [v1, v2] = ['v1', 'v2'].map((v) => {
        const pkg = join(state, 'store', `home-${v}`);
        mkdirSync(pkg, { recursive: true });
        writeFileSync(join(pkg, 'index.html'), `<h1>${v}</h1>\n`);
        return pkg;
      });
      const www = join(state, 'www');
      const first = fileset.render(unitOf(state, 'home', v1!, { directory: www })).commands;
      const next = fileset.render(unitOf(state, 'home', v2!, { directory: www })).commands;

      assert.equal(runAll(first.status), false, 'not active before it starts');
      assert.ok(runAll(first.start));
      assert.equal(readFileSync(join(www, 'home', 'index.html'), 'utf8'), '<h1>v1</h1>\n');
      assert.ok(runAll(first.status));
      assert.ok(runAll(next.start), 'the next version over the first');
      assert.equal(readlinkSync(join(www, 'home')), v2);
      assert.equal(runAll(first.status), false, 'the first is no longer what is in place');
      assert.ok(runAll(next.stop));
      assert.equal(existsSync(join(www, 'home')), false);
      assert.ok(existsSync(v1!) && existsSync(v2!), 'the store entries stay');
    });
  });

  describe("wrapper (manager: 'wrapper')", () => {
    it("runs the package's wrapper with the container's properties as its environment, and says when it is active", () => {
      const state = temp.make();
      const pkg = join(state, 'store', 'job');
      mkdirSync(join(pkg, 'bin'), { recursive: true });
      writeFileSync(
        join(pkg, 'bin', 'wrapper'),
        '#!/bin/sh\necho "$1 with root=$root" >> "$root/calls"\n[ "$1" != activate ] || [ -z "$fail" ]\n',
      );
      chmodSync(join(pkg, 'bin', 'wrapper'), 0o755);
      const root = join(state, 'root');
      mkdirSync(root);
      const commands = wrapper.render(unitOf(state, 'job', pkg, { root, 'not-a-name': 'x' })).commands;
      const failing = wrapper.render(unitOf(state, 'job', pkg, { root, fail: 'yes' })).commands;

      assert.ok(runAll(commands.start));
      assert.ok(runAll(commands.status));
      assert.ok(runAll(commands.stop));
      assert.equal(runAll(commands.status), false);
      assert.equal(runAll(failing.start), false, 'a wrapper that fails to activate fails the start');
      assert.equal(runAll(failing.status), false, 'and it is not marked active');
      assert.equal(
        readFileSync(join(root, 'calls'), 'utf8'),
        `activate with root=${root}\ndeactivate with root=${root}\nactivate with root=${root}\n`,
      );
    });
  });

  describe("postgresql-database (manager: 'postgresql-database')", function () {
    this.timeout(120_000);
    let server: Postgres;
    before(async () => {
      server = await startPostgres(temp.make());
    });
    after(() => server?.stop());

    it('creates the database with its schema once, keeps its rows when activated again or deactivated', () => {
      const state = temp.make();
      const pkg = join(state, 'store', 'staff');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(join(pkg, '1-schema.sql'), 'CREATE TABLE staff (name text);\n');
      writeFileSync(join(pkg, '2-data.sql'), "INSERT INTO staff VALUES ('Sander');\n");
      const unit = {
        ...unitOf(state, 'staff', pkg, { socketDir: server.socketDir, port: String(server.port) }),
      };
      const commands = postgresqlDatabase.render({ ...unit, manager: 'postgresql-database' }).commands;
      const env = server.env;

      assert.equal(runAll(commands.status, env), false);
      assert.ok(runAll(commands.start, env));
      server.sql('staff', "INSERT INTO staff VALUES ('Eelco')");
      assert.ok(runAll(commands.start, env), 'activated again');
      assert.ok(runAll(commands.stop, env), 'deactivated');
      assert.ok(runAll(commands.status, env), 'still there');
      assert.equal(server.sql('staff', 'SELECT name FROM staff ORDER BY name'), 'Eelco\nSander');
    });

    it('drops a database whose schema fails, so that the next activation starts afresh', () => {
      const state = temp.make();
      const pkg = join(state, 'store', 'rooms');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(
        join(pkg, 'schema.sql'),
        'CREATE TABLE rooms (name text);\nINSERT INTO nowhere VALUES (1);\n',
      );
      const unit = unitOf(state, 'rooms', pkg, { socketDir: server.socketDir, port: String(server.port) });
      const commands = postgresqlDatabase.render({ ...unit, manager: 'postgresql-database' }).commands;

      assert.equal(runAll(commands.start, server.env), false);
      assert.equal(runAll(commands.status, server.env), false);
    });

    it('locks the database: sessions opened before are ended, an INSERT fails, a SELECT and a snapshot work; unlocked, it accepts writes', async () => {
      const state = temp.make();
      const pkg = join(state, 'store', 'desks');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(
        join(pkg, 'schema.sql'),
        "CREATE TABLE desks (name text);\nINSERT INTO desks VALUES ('A1');\n",
      );
      const unit = unitOf(state, 'desks', pkg, { socketDir: server.socketDir, port: String(server.port) });
      const commands = postgresqlDatabase.render({ ...unit, manager: 'postgresql-database' }).commands;
      const env = server.env;
      assert.ok(runAll(commands.start, env));
      // A session opened before the lock, idle in the database: the lock must end it.
      const sessions = "SELECT count(*) FROM pg_stat_activity WHERE datname = 'desks'";
      const open = spawn('psql', ['-X', '-h', server.socketDir, '-p', String(server.port), '-d', 'desks'], {
        env,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      const exitCode = new Promise<number | null>((resolve) => open.once('exit', (code) => resolve(code)));
      try {
        await waitFor(
          'the session to open',
          () => (server.sql('postgres', sessions) === '1' ? true : undefined),
          60_000,
        );

        assert.ok(runAll(commands.lock!, env));
        assert.ok(runAll(commands.lock!, env), 'locked again');
        assert.equal(server.sql('postgres', sessions), '0', 'the session opened before is gone');
        open.stdin.end("INSERT INTO desks VALUES ('from before');\n");
        assert.equal(await exitCode, 2, 'its psql finds its connection lost');
        assert.throws(() => server.sql('desks', "INSERT INTO desks VALUES ('B2')"), /read-only/);
        assert.equal(server.sql('desks', 'SELECT name FROM desks'), 'A1');
        assert.match(capture(commands.snapshot!, env).subarray(0, 5).toString(), /^PGDMP/);
        assert.ok(runAll(commands.unlock!, env));
        assert.ok(runAll(commands.unlock!, env), 'unlocked again');
        server.sql('desks', "INSERT INTO desks VALUES ('B2')");
        assert.equal(server.sql('desks', 'SELECT name FROM desks ORDER BY name'), 'A1\nB2');
      } finally {
        open.kill('SIGKILL');
      }
    });

    it('restores a snapshot over a locked database: what was written after it is gone, and the result accepts writes', () => {
      const state = temp.make();
      const pkg = join(state, 'store', 'floors');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(
        join(pkg, 'schema.sql'),
        "CREATE TABLE floors (name text);\nINSERT INTO floors VALUES ('ground');\n",
      );
      const unit = unitOf(state, 'floors', pkg, { socketDir: server.socketDir, port: String(server.port) });
      const commands = postgresqlDatabase.render({ ...unit, manager: 'postgresql-database' }).commands;
      const env = server.env;
      assert.ok(runAll(commands.start, env));
      assert.ok(runAll(commands.lock!, env));
      const snapshot = capture(commands.snapshot!, env);
      assert.ok(runAll(commands.unlock!, env));
      server.sql('floors', "INSERT INTO floors VALUES ('later')");
      assert.ok(runAll(commands.lock!, env));

      assert.ok(feed(commands.restore!, snapshot, env));

      assert.equal(server.sql('floors', 'SELECT name FROM floors'), 'ground');
      server.sql('floors', "INSERT INTO floors VALUES ('first')");
      assert.equal(server.sql('floors', 'SELECT name FROM floors ORDER BY name'), 'first\nground');
      assert.equal(feed(commands.restore!, Buffer.from('not a dump'), env), false);
      assert.equal(
        server.sql('floors', 'SELECT count(*) FROM floors'),
        '2',
        'a failed restore leaves it as it was',
      );
    });

    it('collects a database as garbage, and succeeds when it is gone; lock and unlock succeed on a missing one', () => {
      const state = temp.make();
      const pkg = join(state, 'store', 'lamps');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(join(pkg, 'schema.sql'), 'CREATE TABLE lamps (name text);\n');
      const unit = unitOf(state, 'lamps', pkg, { socketDir: server.socketDir, port: String(server.port) });
      const commands = postgresqlDatabase.render({ ...unit, manager: 'postgresql-database' }).commands;
      const env = server.env;
      assert.ok(runAll(commands.start, env));
      assert.ok(runAll(commands.lock!, env));

      assert.ok(runAll(commands.collectGarbage!, env));

      assert.equal(runAll(commands.status, env), false);
      assert.ok(runAll(commands.collectGarbage!, env), 'again, when it is gone');
      assert.ok(runAll(commands.lock!, env), 'lock on a missing database');
      assert.ok(runAll(commands.unlock!, env), 'unlock on a missing database');
      assert.equal(runAll(commands.status, env), false, 'and neither created it');
    });
  });

  describe("mysql-database (manager: 'mysql-database')", function () {
    this.timeout(180_000);
    let server: MariaDb | undefined;
    before(async () => {
      server = await startMariaDb(temp.make());
    });
    after(async () => {
      await server?.stop();
    });

    /** The package `name` with SQL `files`, and the commands of its unit in the test's server. */
    const databaseOf = (name: string, files: Record<string, string>) => {
      const state = temp.make();
      const pkg = join(state, 'store', name);
      mkdirSync(pkg, { recursive: true });
      for (const [file, content] of Object.entries(files)) writeFileSync(join(pkg, file), content);
      const unit = unitOf(state, name, pkg, { socket: server!.socket });
      return mysqlDatabase.render({ ...unit, manager: 'mysql-database' }).commands;
    };

    it('creates the database with its schema once, keeps its rows when activated again or deactivated', () => {
      const commands = databaseOf('staff', {
        '1-schema.sql': 'CREATE TABLE staff (name varchar(40));\n',
        '2-data.sql': "INSERT INTO staff VALUES ('Sander');\n",
      });

      assert.equal(runAll(commands.status), false);
      assert.ok(runAll(commands.start));
      server!.sql("INSERT INTO staff VALUES ('Eelco')", 'staff');
      assert.ok(runAll(commands.start), 'activated again');
      assert.ok(runAll(commands.stop), 'deactivated');
      assert.ok(runAll(commands.status), 'still there');
      assert.equal(server!.sql('SELECT name FROM staff ORDER BY name', 'staff'), 'Eelco\nSander');
      assert.match(capture(commands.logs).toString(), /staff/);
    });

    it('drops a database whose schema fails, so that the next activation starts afresh', () => {
      const commands = databaseOf('rooms', {
        'schema.sql': 'CREATE TABLE rooms (name varchar(40));\nINSERT INTO nowhere VALUES (1);\n',
      });

      assert.equal(runAll(commands.start), false);
      assert.equal(runAll(commands.status), false);
    });

    it('restores a snapshot: what was written after it is gone, a failed restore changes nothing, and the result accepts writes', () => {
      const commands = databaseOf('desks', {
        'schema.sql': [
          'CREATE TABLE desks (id int PRIMARY KEY, name varchar(40));',
          'CREATE TABLE chairs (desk int, FOREIGN KEY (desk) REFERENCES desks (id));',
          "INSERT INTO desks VALUES (1, 'A1');",
          'INSERT INTO chairs VALUES (1);',
          '',
        ].join('\n'),
      });
      assert.ok(runAll(commands.start));
      const snapshot = capture(commands.snapshot!);
      server!.sql("INSERT INTO desks VALUES (2, 'later'); INSERT INTO chairs VALUES (2)", 'desks');

      assert.ok(feed(commands.restore!, snapshot));

      assert.equal(server!.sql('SELECT name FROM desks', 'desks'), 'A1');
      assert.equal(server!.sql('SELECT desk FROM chairs', 'desks'), '1');
      server!.sql("INSERT INTO desks VALUES (3, 'first'); INSERT INTO chairs VALUES (3)", 'desks');
      assert.throws(() => server!.sql('INSERT INTO chairs VALUES (9)', 'desks'), /foreign key/i);
      assert.equal(feed(commands.restore!, Buffer.from('not a dump;')), false);
      assert.equal(server!.sql('SELECT name FROM desks ORDER BY id', 'desks'), 'A1\nfirst');
      assert.equal(
        server!.sql("SHOW DATABASES LIKE 'desks%'"),
        'desks',
        'no database of the restore is left behind',
      );
    });

    it('refuses to restore a database with a view, leaving it as it was', () => {
      const commands = databaseOf('lamps', {
        'schema.sql': 'CREATE TABLE lamps (name varchar(40));\nCREATE VIEW lit AS SELECT name FROM lamps;\n',
      });
      assert.ok(runAll(commands.start));
      const snapshot = capture(commands.snapshot!);
      server!.sql("INSERT INTO lamps VALUES ('desk')", 'lamps');

      assert.equal(feed(commands.restore!, snapshot), false);

      assert.equal(server!.sql('SELECT name FROM lit', 'lamps'), 'desk');
      assert.equal(server!.sql("SHOW DATABASES LIKE 'lamps%'"), 'lamps');
    });

    it('collects a database as garbage, and succeeds when it is gone', () => {
      const commands = databaseOf('plants', { 'schema.sql': 'CREATE TABLE plants (name varchar(40));\n' });
      assert.ok(runAll(commands.start));

      assert.ok(runAll(commands.collectGarbage!));

      assert.equal(runAll(commands.status), false);
      assert.ok(runAll(commands.collectGarbage!), 'again, when it is gone');
      assert.equal(commands.lock, undefined, 'MariaDB has no lock per database');
    });
  });

  describe("nginx-webapplication (manager: 'nginx-webapplication')", function () {
    this.timeout(30_000);

    it('serves the package under /<service>/ once linked in, reloading nginx gracefully: its master stays', async () => {
      const state = temp.make();
      const pkg = join(state, 'store', 'docs');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(join(pkg, 'index.html'), '<h1>docs</h1>\n');
      const apps = join(state, 'apps');
      mkdirSync(apps);
      const pidFile = join(state, 'nginx.pid');
      const port = 18000 + (process.pid % 1000);
      writeFileSync(
        join(state, 'nginx.conf'),
        `user root;\npid ${pidFile};\nerror_log ${state}/error.log;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${state}/body;\n  proxy_temp_path ${state}/proxy;\n  fastcgi_temp_path ${state}/fastcgi;\n  uwsgi_temp_path ${state}/uwsgi;\n  scgi_temp_path ${state}/scgi;\n  server {\n    listen 127.0.0.1:${port};\n    include ${apps}/*.conf;\n  }\n}\n`,
      );
      const nginx = spawn('/usr/sbin/nginx', ['-c', join(state, 'nginx.conf'), '-g', 'daemon off;'], {
        stdio: 'ignore',
      });
      try {
        await waitFor('nginx to start', () => (existsSync(pidFile) ? true : undefined), 10_000);
        const master = readFileSync(pidFile, 'utf8').trim();
        const unit = {
          ...unitOf(state, 'docs', pkg, { configDir: apps, pidFile }),
          manager: 'nginx-webapplication',
        };
        const rendered = nginxWebapplication.render(unit);
        // What the engine does around start: the unit's files in its folder, the install links made.
        mkdirSync(unit.unitDir, { recursive: true });
        for (const file of rendered.files) writeFileSync(join(unit.unitDir, file.path), file.content);
        for (const link of rendered.install)
          execFileSync('ln', ['-sfn', join(unit.unitDir, link.file), link.at]);
        const get = () => fetch(`http://127.0.0.1:${port}/docs/index.html`).then((r) => r.status);

        assert.ok(runAll(rendered.commands.start));
        assert.ok(runAll(rendered.commands.status));
        await waitFor(
          'the application to be served',
          async () => ((await get()) === 200 ? true : undefined),
          10_000,
        );
        assert.ok(runAll(rendered.commands.stop));
        await waitFor(
          'the application to be gone',
          async () => ((await get()) === 404 ? true : undefined),
          10_000,
        );
        assert.equal(runAll(rendered.commands.status), false);
        assert.equal(readFileSync(pidFile, 'utf8').trim(), master, 'reloaded, never restarted');
      } finally {
        nginx.kill('SIGTERM');
      }
    });
  });
});
