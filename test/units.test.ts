import assert from 'node:assert/strict';
import { join } from 'node:path';
import { evaluateDirectory } from '../controller/folder/models-folder.ts';
import { evaluate, fixturesDir } from './helpers/models.ts';

describe('resolved units (webapp + nginx example)', () => {
  const { units } = evaluateDirectory(join(fixturesDir, 'webapp-nginx'));
  const webapp = units.find((u) => u.service === 'webapp')!.spec;
  const nginx = units.find((u) => u.service === 'nginx')!.spec;

  it("gives the service's own user and group their IDs from the uids/gids pools", () => {
    assert.deepEqual(webapp.process?.credentials, {
      users: [{ description: 'Webapp', group: 'webapp', name: 'webapp', id: 2001 }],
      groups: [{ name: 'webapp', id: 2001 }],
    });
  });

  it('resolves templates in the process and in rendered files', () => {
    assert.equal(webapp.process?.environment.PORT, '5000');
    assert.equal(webapp.process?.environment.PID_FILE, '/tmp/drover-example/state/run/webapp/webapp.pid');
    assert.equal(webapp.process?.pidFile, webapp.process?.environment.PID_FILE);
    assert.match(
      webapp.process?.command ?? '',
      /^\/tmp\/drover-example\/state\/store\/[0-9a-f]{32}-webapp\/bin\/webapp$/,
    );
    const conf = nginx.files.find((f) => f.name === 'nginx.conf')!;
    assert.equal(nginx.process?.args[1], conf.path);
    assert.match(conf.content, /listen 8080 default_server;/);
    assert.match(conf.content, /proxy_pass http:\/\/localhost:5000;/);
  });

  it('orders nginx after the webapp on the same target', () => {
    assert.deepEqual([webapp.startOrder, nginx.startOrder], [1, 2]);
    assert.deepEqual(nginx.localDependencies, ['webapp']);
  });
});

describe('target defaults', () => {
  const unitOn = (target: string) =>
    evaluate({
      'services.yaml': 'services:\n  s:\n    process: { command: /bin/true }\n',
      'infrastructure.yaml': `targets:\n  t1:\n${target}`,
      'distribution.yaml': 'distribution:\n  s: [t1]\n',
    }).units[0]!.spec;

  it('a root target is privileged, with its state in /var/lib/drover', () => {
    const spec = unitOn('    hostname: a\n');
    assert.equal(spec.privileged, true);
    assert.equal(spec.dirs.state, '/var/lib/drover');
  });

  it('a plain user is unprivileged, with its state under its home', () => {
    const spec = unitOn('    hostname: a\n    user: deploy\n');
    assert.equal(spec.privileged, false);
    assert.equal(spec.dirs.state, '/home/deploy/.local/state/drover');
    assert.equal(spec.unitDir, '/home/deploy/.local/state/drover/units/s');
  });

  it('root can be unprivileged too (no accounts, no user switching)', () => {
    const spec = unitOn('    hostname: a\n    unprivileged: true\n');
    assert.equal(spec.privileged, false);
    assert.equal(spec.dirs.state, '/var/lib/drover');
  });
});
