/**
 * fixtures/webapps-agnostic deployed with `drover apply` on two test hosts (network namespaces, each with
 * its own sshd): six instances of one webapp definition, each answering through the nginx instance that
 * depends on it, by virtual host, as nix-processmgmt's test of the example checks them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IdsDocument } from '../controller/core/ids.ts';
import { fixtureOnHosts, type FixtureOnHosts } from './helpers/fixture-on-hosts.ts';
import { httpBody } from './helpers/http.ts';

describe('webapps-agnostic: six instances behind two nginx, on two hosts', function () {
  this.timeout(120_000);
  let deployed: FixtureOnHosts;

  before(async () => {
    deployed = await fixtureOnHosts('webapps-agnostic', 2);
    await deployed.drover('apply');
  });
  after(() => deployed?.teardown());

  it('answers for each webapp through its nginx, by virtual host, on the port ids.json gives it', async () => {
    const ids = (JSON.parse(readFileSync(join(deployed.models, 'ids.json'), 'utf8')) as IdsDocument).ids;
    const [h1, h2] = deployed.network.hosts;
    const routes = [
      ...['webapp1', 'webapp2', 'webapp3', 'webapp4'].map((w) => ({ webapp: w, host: h1!, proxy: 'nginx' })),
      ...['webapp5', 'webapp6'].map((w) => ({ webapp: w, host: h2!, proxy: 'nginx2' })),
    ];

    for (const { webapp, host, proxy } of routes) {
      const body = await httpBody(host.address, ids.nginxPorts![proxy]!, '/', {
        hostHeader: `${webapp}.local`,
      });
      assert.equal(
        body,
        `<h1>${webapp}</h1><p>port: ${ids.webappPorts![webapp]}</p>\n`,
        `${webapp} through ${proxy}`,
      );
    }
  });
});
