/**
 * The controller's HTTP endpoints and start-up, through `drover controller` and `drover retry` as
 * processes on a local bare repository: requests that change something need the bearer token from
 * --api-token-file and are off without one; the token never reaches the log; a port that is taken is
 * one clear line before anything says "started".
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { waitFor } from './helpers/local-target.ts';
import { TempDirs } from './helpers/models.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../controller/cli.ts', import.meta.url));
const TOKEN = 'api-token-0e7f21';

/** A port nobody listens on (asked of the kernel, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `drover controller` on an empty bare repository, with its output gathered. */
class Controller {
  readonly child: ChildProcess;
  output = '';
  stdout = '';
  readonly exited: Promise<number | null>;

  constructor(repo: string, listen: string, extra: string[] = []) {
    this.child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        'controller',
        '--repo',
        repo,
        '--listen',
        listen,
        '--interval',
        '1m',
        ...extra,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child.stdout!.on('data', (d: Buffer) => {
      this.stdout += d.toString();
      this.output += d.toString();
    });
    this.child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
  }

  /** Waits until it serves /healthz. */
  async ready(listen: string): Promise<void> {
    await waitFor(
      `the controller on ${listen}`,
      async () => {
        if (this.child.exitCode !== null) throw new Error(`the controller exited:\n${this.output}`);
        const ok = await fetch(`http://${listen}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        return ok ? true : undefined;
      },
      30_000,
    );
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}

describe('the controller process: endpoints and start-up', function () {
  this.timeout(60_000);
  const temp = new TempDirs();
  let repo: string;
  let tokenFile: string;
  const controllers: Controller[] = [];
  const start = (listen: string, extra: string[] = []) => {
    const controller = new Controller(repo, listen, extra);
    controllers.push(controller);
    return controller;
  };

  before(() => {
    repo = temp.make();
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', repo]);
    tokenFile = join(temp.make(), 'api-token');
    writeFileSync(tokenFile, `  ${TOKEN}\n`);
  });
  afterEach(async () => {
    await Promise.all(controllers.splice(0).map((c) => c.stop()));
  });
  after(() => temp.cleanup());

  const post = (listen: string, path: string, authorization?: string) =>
    fetch(`http://${listen}${path}`, {
      method: 'POST',
      ...(authorization !== undefined ? { headers: { authorization } } : {}),
    });

  describe('with --api-token-file', () => {
    let listen: string;
    let controller: Controller;
    beforeEach(async () => {
      listen = `127.0.0.1:${await freePort()}`;
      controller = start(listen, ['--api-token-file', tokenFile]);
      await controller.ready(listen);
    });

    it('POST /retry with the bearer token (the file trimmed) is accepted', async () => {
      const response = await post(listen, '/retry', `Bearer ${TOKEN}`);

      assert.equal(response.status, 202);
      assert.equal(await response.text(), 'retrying the head commit\n');
    });

    it('POST /retry without the token, or with a wrong one, is 401', async () => {
      for (const authorization of [
        undefined,
        '',
        `Bearer ${TOKEN}x`,
        `Bearer ${TOKEN.slice(0, -1)}`,
        `Basic ${TOKEN}`,
        TOKEN,
      ]) {
        const response = await post(listen, '/retry', authorization);

        assert.equal(response.status, 401, `with ${authorization}`);
        assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="drover"');
        assert.match(await response.text(), /Authorization: Bearer/);
      }
    });

    it('every request that could change something needs the token, not only /retry', async () => {
      for (const [method, path] of [
        ['POST', '/healthz'],
        ['PUT', '/status'],
        ['DELETE', '/retry'],
        ['POST', '/anything'],
      ] as const) {
        const response = await fetch(`http://${listen}${path}`, { method });
        assert.equal(response.status, 401, `${method} ${path}`);
      }
    });

    it('reading stays open: /healthz, /metrics and /status answer without the token', async () => {
      assert.equal((await fetch(`http://${listen}/healthz`)).status, 200);
      assert.equal((await fetch(`http://${listen}/metrics`)).status, 200);
      assert.notEqual((await fetch(`http://${listen}/status`)).status, 401);
    });

    it('`drover retry --api-token-file` sends the token; without it the answer is 401 and exit 2', async () => {
      const retry = (...extra: string[]) =>
        run(process.execPath, ['--import', 'tsx', cli, 'retry', '--listen', listen, ...extra]).then(
          ({ stdout }) => ({ code: 0, stdout }),
          (error: { code: number; stdout: string }) => error,
        );

      const accepted = await retry('--api-token-file', tokenFile);
      const refused = await retry();

      assert.deepEqual(accepted, { code: 0, stdout: 'retrying the head commit\n' });
      assert.equal(refused.code, 2);
      assert.match(refused.stdout, /Authorization: Bearer/);
    });

    it('never logs the token', async () => {
      await post(listen, '/retry', `Bearer ${TOKEN}`);
      await post(listen, '/retry', 'Bearer wrong');
      await controller.stop();

      assert.match(controller.stdout, /"msg":"drover controller started"/);
      assert.doesNotMatch(controller.output, new RegExp(TOKEN));
    });
  });

  describe('without --api-token-file', () => {
    it('POST /retry (and anything else that changes something) is off: 403, saying how to turn it on', async () => {
      const listen = `127.0.0.1:${await freePort()}`;
      const controller = start(listen);
      await controller.ready(listen);

      for (const authorization of [undefined, `Bearer ${TOKEN}`]) {
        const response = await post(listen, '/retry', authorization);
        assert.equal(response.status, 403);
        assert.match(await response.text(), /off: start the controller with --api-token-file FILE/);
      }
      assert.equal((await post(listen, '/healthz')).status, 403);
      assert.equal((await fetch(`http://${listen}/healthz`)).status, 200);
    });
  });

  describe('start-up', () => {
    let blocker: Server | undefined;
    afterEach(async () => {
      await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
      blocker = undefined;
    });

    it('a port that is taken: one line saying so, before anything says started, and exit 2', async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
      const listen = `127.0.0.1:${(blocker.address() as AddressInfo).port}`;

      const controller = start(listen);
      const code = await controller.exited;

      assert.equal(code, 2);
      assert.doesNotMatch(controller.output, /started/);
      assert.equal(
        controller.output,
        `drover: --listen ${listen}: the port is already in use (listen EADDRINUSE)\n`,
      );
    });

    it('an empty --api-token-file is refused at start (exit 2)', async () => {
      const empty = join(temp.make(), 'empty');
      writeFileSync(empty, ' \n');

      const controller = start(`127.0.0.1:${await freePort()}`, ['--api-token-file', empty]);
      const code = await controller.exited;

      assert.equal(code, 2);
      assert.equal(controller.output, `drover: --api-token-file ${empty} is empty\n`);
    });
  });
});
