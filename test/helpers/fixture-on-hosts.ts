/**
 * A fixture of fixtures/ on test hosts of its own: copied, its machines (test1, test2, …) made the test
 * hosts, and drover's verbs run on it over SSH as a user would run them.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TempDirs } from './models.ts';
import { createTestNetwork, infrastructureYaml, type TestNetwork } from './test-network.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../controller/cli.ts', import.meta.url));

/** The fixture's copy on its hosts. */
export interface FixtureOnHosts {
  network: TestNetwork;
  /** The copy of the fixture. */
  models: string;
  /** Runs `drover VERB MODELS ARGS…` with the hosts' key and known_hosts; its standard output. */
  drover(verb: string, ...args: string[]): Promise<string>;
  teardown(): Promise<void>;
}

/** Copies `fixture` and points its machines test1 … testN at `hosts` new test hosts under supervisord. */
export async function fixtureOnHosts(fixture: string, hosts: number): Promise<FixtureOnHosts> {
  const temp = new TempDirs();
  const network = await createTestNetwork(hosts);
  const models = temp.copyFixture(fixture);
  const knownHosts = join(temp.make(), 'known_hosts');
  writeFileSync(knownHosts, network.knownHosts);
  writeFileSync(
    join(models, 'infrastructure.yaml'),
    infrastructureYaml(network, () => ({ processManager: 'supervisord' })).replace(
      /^ {2}t(\d):$/gm,
      '  test$1:',
    ),
  );
  const drover = async (verb: string, ...args: string[]) =>
    (
      await run(process.execPath, [
        ...['--import', 'tsx', cli, verb, models, ...args],
        ...['--identity', network.clientKeyPath, '--known-hosts', knownHosts],
      ])
    ).stdout;
  return {
    network,
    models,
    drover,
    teardown: async () => {
      await network.teardown();
      temp.cleanup();
    },
  };
}
