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
import { postgresqlDatabase } from '../../renderers/modules/postgresql-database.ts';
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
    this.timeout(60_000);
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
