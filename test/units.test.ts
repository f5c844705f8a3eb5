import assert from 'node:assert/strict';
import { join } from 'node:path';
import { evaluateDirectory } from '../controller/repository.ts';
import { fixturesDir } from './helpers/models.ts';

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
    assert.equal(webapp.process?.environment.PID_FILE, '/tmp/drover-example/state/run/webapp.pid');
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
