/**
 * A real git server for tests: `git http-backend` (smart HTTP, push enabled) behind a small HTTP server
 * on loopback, serving bare repositories from a folder. Optionally requires a token (as the password of
 * basic auth). Push to it with async git commands: a synchronous child would block this process's server.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A running git server. */
export interface GitServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The folder holding the bare repositories. */
  root: string;
  /** Creates an empty bare repository `name`.git and returns its URL. */
  createRepository(name: string): Promise<string>;
  /** Requests served so far. */
  requests: number;
  /** Ref advertisements for fetches served so far (one per fetch or clone). */
  fetches: number;
  close(): Promise<void>;
}

/** Starts a git server; with `token`, every request must carry it as basic-auth password. */
export async function startGitServer(options: { token?: string } = {}): Promise<GitServer> {
  const root = mkdtempSync(join(tmpdir(), 'drover-git-'));
  let requests = 0;
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    if (req.url?.includes('/info/refs?service=git-upload-pack')) fetches++;
    if (options.token !== undefined) {
      const auth = req.headers.authorization ?? '';
      const password = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
        .toString()
        .split(':')[1];
      if (password !== options.token) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' });
        res.end();
        return;
      }
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const backend = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: 'tester',
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    req.pipe(backend.stdin);
    let head = Buffer.alloc(0);
    let headerDone = false;
    backend.stdout.on('data', (chunk: Buffer) => {
      if (headerDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headerDone = true;
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    backend.stdout.on('end', () => res.end());
    backend.on('error', () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    root,
    get requests() {
      return requests;
    },
    get fetches() {
      return fetches;
    },
    async createRepository(name: string) {
      const path = join(root, `${name}.git`);
      await run('git', ['init', '-q', '--bare', '-b', 'main', path]);
      await run('git', ['config', 'http.receivepack', 'true'], { cwd: path });
      return `${url}/${name}.git`;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Pushes HEAD of a clone to origin's main, rebased on it first, as a developer would: again when the
 * controller's own write-back landed in between (a few times). `git` runs git in the clone (async: a git
 * server in this process would deadlock a synchronous one). Returns the commit pushed.
 */
export async function pushHead(git: (...args: string[]) => Promise<string>): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    if ((await git('ls-remote', '--heads', 'origin', 'main')) !== '')
      await git('pull', '-q', '--rebase', 'origin', 'main');
    try {
      await git('push', '-q', 'origin', 'main');
      return await git('rev-parse', 'HEAD');
    } catch (error) {
      if (attempt === 5 || !/rejected|cannot lock ref/.test(String(error))) throw error;
    }
  }
}
