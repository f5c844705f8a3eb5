import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Duplex } from 'node:stream';
import { connectSsh, type SshOptions, type SshTransport } from '../controller/transport/ssh.ts';
import {
  cleanupStaleTestNetworks,
  createTestNetwork,
  type TestHost,
  type TestNetwork,
} from './helpers/test-network.ts';

describe('test network', function () {
  this.timeout(20_000);

  // As root the default is namespace mode; loopback mode is what runs elsewhere.
  for (const mode of [undefined, 'loopback'] as const)
    describe(`in ${mode ?? 'the default'} mode`, () => {
      let network: TestNetwork;
      let privateKey: Buffer;
      const connections: SshTransport[] = [];

      before(async () => {
        network = await createTestNetwork(3, { mode });
        privateKey = readFileSync(network.clientKeyPath);
      });

      after(async () => {
        await Promise.all(connections.map((connection) => connection.close()));
        await network?.teardown();
      });

      /** Connects to a host as its user, with its pinned key unless told otherwise; closed after the tests. */
      async function ssh(host: TestHost, options: Partial<SshOptions> = {}): Promise<SshTransport> {
        const connection = await connectSsh({
          target: host.name,
          host: host.address,
          port: host.port,
          user: host.user,
          privateKey,
          hostKey: options.knownHosts === undefined ? host.hostKey : undefined,
          ...options,
        });
        connections.push(connection);
        return connection;
      }

      it('lets the plain test user in on every host', async () => {
        for (const host of network.hosts) {
          const result = await (await ssh(host)).exec(['id', '-un']);

          assert.deepEqual(result, { code: 0, stdout: 'drover-test\n', stderr: '' });
        }
      });

      it('lists every host in knownHosts', async () => {
        const expected = network.hosts.map(
          (host) => `${host.port === 22 ? host.address : `[${host.address}]:${host.port}`} ${host.hostKey}\n`,
        );

        assert.equal(network.knownHosts, expected.join(''));
        // Only port 22: host-keys.ts does not match the [address]:port form yet (it reads [ ] as a regex class).
        for (const host of network.hosts.filter((h) => h.port === 22))
          await ssh(host, { knownHosts: network.knownHosts });
      });

      it('refuses a host whose key is not the pinned one', async () => {
        const [h1, h2] = network.hosts;

        await assert.rejects(ssh(h1!, { hostKey: h2!.hostKey }), /host key mismatch/);
      });

      it('connects hosts through the bridge, each with its own loopback', async function () {
        if (network.mode !== 'netns') this.skip();
        const [h1, h2] = network.hosts;
        const port = 8080;
        const onH1 = await ssh(h1!);
        const onH2 = await ssh(h2!);
        // Started through sshd and left running: teardown must kill it.
        await onH2.exec(['sh', '-c', `python3 -m http.server -d ${h2!.stateDir} ${port} >/dev/null 2>&1 &`]);
        while ((await h2!.exec(['ss', '-Hltn', `sport = :${port}`])).stdout === '') await sleep(20);

        assert.match(await httpGet(await onH1.connect(h2!.address, port)), /^HTTP\/1\.0 200/);
        assert.match(await httpGet(await onH2.connect('127.0.0.1', port)), /^HTTP\/1\.0 200/);
        await assert.rejects(onH1.connect('127.0.0.1', port), /Connection refused/);
      });

      it('cuts a host off with linkDown and brings it back with linkUp', async () => {
        const h3 = network.hosts[2]!;

        await network.linkDown('h3');
        if (network.mode === 'netns')
          await assert.rejects(ssh(h3, { connectTimeoutMs: 2000 }), /cannot connect/);
        // A stopped sshd's port still accepts TCP, and then ssh2 reports a second error after the handshake
        // timeout that connectSsh no longer listens for (an uncaught exception): watch for the banner instead.
        else assert.equal(await sshBannerWithin(h3, 1000), false);
        await network.linkUp('h3');

        assert.equal((await (await ssh(h3)).exec(['id', '-un'])).stdout, 'drover-test\n');
      });

      it('leaves no process, namespace, link or file behind after teardown, even with connections open', async () => {
        const open = connections.splice(0); // teardown must kill the sshd processes serving them
        assert.notDeepEqual(remainsOf(network.hosts), []);

        await network.teardown();
        await network.teardown();

        for (const connection of open) await assert.rejects(connection.exec(['true']));
        assert.deepEqual(remainsOf(network.hosts), []);
      });

      it('is torn down when the test process exits without teardown, and cleaned up when it died', () => {
        const exited = createInChild(mode, 'exit');
        assert.deepEqual(remainsOf(exited), []);

        const died = createInChild(mode, 'die');
        assert.notDeepEqual(remainsOf(died), []);
        cleanupStaleTestNetworks();
        assert.deepEqual(remainsOf(died), []);
      });
    });
});

/** Sends an HTTP/1.0 GET over a stream and returns the whole response. */
function httpGet(stream: Duplex): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.end('GET / HTTP/1.0\r\n\r\n');
  });
}

/** Whether the host's sshd greets a new connection within `ms`. */
function sshBannerWithin(host: TestHost, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: host.address, port: host.port });
    const finish = (greeted: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(greeted);
    };
    const timer = setTimeout(() => finish(false), ms);
    socket.once('data', (chunk: Buffer) => finish(chunk.toString('latin1').startsWith('SSH-')));
    socket.once('error', () => finish(false));
  });
}

type HostTrace = Pick<TestHost, 'stateDir' | 'netns'>;

/** Creates a network of 2 hosts in a child process, which then exits or is killed. */
function createInChild(mode: 'loopback' | undefined, end: 'exit' | 'die'): HostTrace[] {
  const helper = fileURLToPath(new URL('helpers/test-network.ts', import.meta.url));
  const script = `
    const { createTestNetwork } = await import(${JSON.stringify(helper)});
    const network = await createTestNetwork(2, { mode: process.argv[1] || undefined });
    console.log(JSON.stringify(network.hosts.map(({ stateDir, netns }) => ({ stateDir, netns }))));
    if (process.argv[2] === 'die') process.kill(process.pid, 'SIGKILL');
    process.exit(0);`;
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', script, mode ?? '', end],
    { encoding: 'utf8', timeout: 15_000 },
  );
  assert.ok(child.stdout, child.stderr);
  return JSON.parse(child.stdout) as HostTrace[];
}

/** What is left of a network: processes, namespaces and links named after it, its temp dir. */
function remainsOf(hosts: HostTrace[]): string[] {
  const networkDir = dirname(dirname(hosts[0]!.stateDir));
  const remains = pidsMentioning(networkDir).map((pid) => `process ${pid}`);
  if (existsSync(networkDir)) remains.push(networkDir);
  const prefix = hosts[0]!.netns?.split('-')[0]; // drv<id>, in every name of the network
  if (prefix !== undefined) {
    const namespaces = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n');
    const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).split('\n');
    remains.push(...namespaces.filter((line) => line.startsWith(prefix)));
    remains.push(...links.filter((line) => line.split(': ')[1]?.startsWith(prefix)));
  }
  return remains;
}

/** Processes whose command line or environment mentions `text`. */
function pidsMentioning(text: string): number[] {
  const mentions = (pid: string) => {
    try {
      return ['cmdline', 'environ'].some((file) =>
        readFileSync(`/proc/${pid}/${file}`, 'latin1').includes(text),
      );
    } catch {
      return false; // gone
    }
  };
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && entry !== String(process.pid) && mentions(entry))
    .map(Number);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
