import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { dirname } from 'node:path';
import { connectSsh, type SshTransport } from '../controller/transport/ssh.ts';
import { createTestNetwork, type TestHost, type TestNetwork } from './helpers/test-network.ts';

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

/** Pids of processes whose command line mentions `text`. */
function pidsMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('test network', function () {
  this.timeout(20_000);

  // The default is namespace mode when root; loopback mode is what runs elsewhere.
  for (const mode of [undefined, 'loopback'] as const)
    describe(`in ${mode ?? 'the default'} mode`, () => {
      let network: TestNetwork;
      let privateKey: Buffer;
      const transports: SshTransport[] = [];

      before(async () => {
        network = await createTestNetwork(3, { mode });
        privateKey = readFileSync(network.clientKeyPath);
      });

      /** Closes the connections first: once sshd is killed, a close would wait for an end that never comes. */
      async function closeConnections() {
        await Promise.all(transports.splice(0).map((transport) => transport.close()));
      }

      after(async () => {
        await closeConnections();
        await network?.teardown();
      });

      /** Connects to a host as its user, checking its key (pinned by default) and keeping the connection. */
      async function ssh(
        host: TestHost,
        options: { hostKey?: string; knownHosts?: string; connectTimeoutMs?: number } = {},
      ) {
        const transport = await connectSsh({
          target: host.name,
          host: host.address,
          port: host.port,
          user: host.user,
          privateKey,
          ...(options.knownHosts === undefined ? { hostKey: options.hostKey ?? host.hostKey } : options),
          connectTimeoutMs: options.connectTimeoutMs,
        });
        transports.push(transport);
        return transport;
      }

      it('lets the plain test user in on every host, checked against known_hosts', async () => {
        for (const host of network.hosts) {
          const transport = await ssh(host, { knownHosts: network.knownHosts });

          const result = await transport.exec(['id', '-un']);

          assert.deepEqual(result, { code: 0, stdout: 'drover-test\n', stderr: '' });
        }
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
        while ((await h2!.exec(['ss', '-Hltn', `sport = :${port}`])).stdout === '')
          await new Promise((resolve) => setTimeout(resolve, 20));

        assert.match(await httpGet(await onH1.connect(h2!.address, port)), /^HTTP\/1\.0 200/);
        assert.match(await httpGet(await onH2.connect('127.0.0.1', port)), /^HTTP\/1\.0 200/);
        await assert.rejects(onH1.connect('127.0.0.1', port), /Connection refused/);
      });

      it('cuts a host off with linkDown and brings it back with linkUp', async () => {
        const h3 = network.hosts[2]!;

        await network.linkDown('h3');
        await assert.rejects(ssh(h3, { connectTimeoutMs: 2000 }), /cannot connect/);
        await network.linkUp('h3');

        assert.equal((await (await ssh(h3)).exec(['id', '-un'])).stdout, 'drover-test\n');
      });

      it('leaves no process, namespace or link behind after teardown', async () => {
        const networkDir = dirname(dirname(network.hosts[0]!.stateDir));
        assert.notDeepEqual(pidsMentioning(networkDir), []);
        await closeConnections();

        await network.teardown();
        await network.teardown();

        assert.deepEqual(pidsMentioning(networkDir), []);
        if (network.mode === 'netns') {
          const prefix = network.hosts[0]!.netns!.split('-')[0]!; // drv<id>: every name of this network
          const namespaces = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
          const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
          assert.doesNotMatch(namespaces, new RegExp(`^${prefix}`, 'm'));
          assert.doesNotMatch(links, new RegExp(`^\\d+: ${prefix}`, 'm'));
        }
      });
    });
});
