/**
 * fixtures/webapps-agnostic deployed with `drover apply` on two test hosts (network namespaces, each with
 * its own sshd): six instances of one webapp definition, each answering through the nginx instance that
 * depends on it, by virtual host, as nix-processmgmt's test of the example checks them.
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

describe('webapps-agnostic: six instances behind two nginx, on two hosts', function () {
  this.timeout(120_000);
  const temp = new TempDirs();
  let network: TestNetwork;
  let models: string;

  before(async () => {
    network = await createTestNetwork(2);
    models = temp.copyFixture('webapps-agnostic');
    const knownHosts = join(temp.make(), 'known_hosts');
    writeFileSync(knownHosts, network.knownHosts);
    // The fixture's machines are test1 and test2: the test hosts take their names.
    writeFileSync(
      join(models, 'infrastructure.yaml'),
      infrastructureYaml(network, () => ({ processManager: 'supervisord' })).replace(
        /^ {2}t(\d):$/gm,
        '  test$1:',
      ),
    );
    await run(process.execPath, [
      '--import',
      'tsx',
      cli,
      'apply',
      models,
      '--identity',
      network.clientKeyPath,
      '--known-hosts',
      knownHosts,
    ]);
  });
  after(async () => {
    await network?.teardown();
    temp.cleanup();
  });

  /** GETs / from a host's port with a Host header. */
  const get = (address: string, port: number, host: string) =>
    new Promise<string>((resolve, reject) => {
      const req = request({ host: address, port, path: '/', headers: { host }, timeout: 5000 }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end();
    });

  it('answers for each webapp through its nginx, by virtual host, on the port ids.json gives it', async () => {
    const ids = (JSON.parse(readFileSync(join(models, 'ids.json'), 'utf8')) as IdsDocument).ids;
    const [h1, h2] = network.hosts;
    const routes = [
      ...['webapp1', 'webapp2', 'webapp3', 'webapp4'].map((w) => ({ webapp: w, host: h1!, proxy: 'nginx' })),
      ...['webapp5', 'webapp6'].map((w) => ({ webapp: w, host: h2!, proxy: 'nginx2' })),
    ];

    for (const { webapp, host, proxy } of routes) {
      const body = await get(host.address, ids.nginxPorts![proxy]!, `${webapp}.local`);
      assert.equal(
        body,
        `<h1>${webapp}</h1><p>port: ${ids.webappPorts![webapp]}</p>\n`,
        `${webapp} through ${proxy}`,
      );
    }
  });
});
