/**
 * Reviewing a pull request: `drover plan --base --head` in a git checkout, and `drover comment` against a
 * local fake of the GitHub API (the one remote service that cannot run here).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDocument } from '../controller/core/documents.ts';
import { evaluateDirectory } from '../controller/folder/models-folder.ts';
import { fixturesDir, TempDirs } from './helpers/models.ts';

const cli = fileURLToPath(new URL('../controller/cli.ts', import.meta.url));

/** Runs the CLI asynchronously (a synchronous child would block the fake server in this process). */
function drover(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

describe('reviewing a pull request', function () {
  this.timeout(30_000);
  const temp = new TempDirs();
  after(() => temp.cleanup());

  it('plan --base --head: the deployed state from the base status.json, the models at the head, with a diagram', async () => {
    const repo = temp.make();
    cpSync(join(fixturesDir, 'webapp-nginx'), repo, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@x', ...args], {
        cwd: repo,
        encoding: 'utf8',
      });
    git('init', '-q', '-b', 'main');
    // The base: what the controller wrote back after deploying the example.
    const deployed = evaluateDirectory(repo);
    const status = {
      targets: {
        test1: {
          generation: 1,
          units: deployed.units.map((u) => ({
            service: u.service,
            container: u.container,
            hash: u.hash,
            specHash: u.specHash,
            dependsOn: u.dependsOn,
          })),
        },
      },
    };
    writeFileSync(join(repo, 'status.json'), formatDocument(status));
    writeFileSync(join(repo, 'ids.json'), formatDocument(deployed.ids));
    git('add', '-A');
    git('commit', '-qm', 'deployed');
    const conf = join(repo, 'templates', 'nginx.conf');
    writeFileSync(
      conf,
      readFileSync(conf, 'utf8').replace('worker_connections 64', 'worker_connections 128'),
    );
    git('checkout', '-q', '-b', 'tune-nginx');
    git('commit', '-qam', 'more connections');

    const run = await drover([
      'plan',
      repo,
      '--base',
      'main',
      '--head',
      'tune-nginx',
      '--format',
      'markdown',
    ]);

    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\*\*1\*\* to activate, \*\*1\*\* to deactivate, \*\*1\*\* untouched/);
    assert.match(run.stdout, /\| activate \| 1 \| `nginx` \(config changed\) \|/);
    assert.match(run.stdout, /\| untouched \| 1 \| `webapp` \|/);
    assert.match(run.stdout, /```mermaid\nflowchart LR\n {2}subgraph test1__\["test1"\]\n/);
    assert.match(run.stdout, / {4}test1__nginx\["nginx"\]:::changed\n {4}test1__webapp\["webapp"\]\n/);
    assert.match(run.stdout, / {2}test1__nginx --> test1__webapp\n/);
    assert.doesNotMatch(run.stdout, /#### IDs/, 'no ID changes');
  });

  describe('drover comment', () => {
    let server: Server;
    const comments: { id: number; body: string }[] = [];
    const seen: { method: string; url: string; auth: string | undefined }[] = [];

    before(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (d: Buffer) => (body += d.toString()));
        req.on('end', () => {
          seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization });
          const reply = (code: number, value: unknown) => {
            res.writeHead(code, { 'content-type': 'application/json' });
            res.end(JSON.stringify(value));
          };
          const html = (id: number) => `https://github.example/o/models/pull/7#issuecomment-${id}`;
          if (req.method === 'GET' && req.url?.startsWith('/repos/o/models/issues/7/comments')) {
            return reply(200, [{ id: 1, body: 'looks good' }, ...comments]);
          }
          if (req.method === 'POST' && req.url === '/repos/o/models/issues/7/comments') {
            const comment = { id: 100 + comments.length, body: (JSON.parse(body) as { body: string }).body };
            comments.push(comment);
            return reply(201, { ...comment, html_url: html(comment.id) });
          }
          const update = /^\/repos\/o\/models\/issues\/comments\/(\d+)$/.exec(req.url ?? '');
          if (req.method === 'PATCH' && update) {
            const comment = comments.find((c) => c.id === Number(update[1]))!;
            comment.body = (JSON.parse(body) as { body: string }).body;
            return reply(200, { ...comment, html_url: html(comment.id) });
          }
          reply(404, { message: 'Not Found' });
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    after(() => server.close());

    it('creates one sticky comment, then updates it; the token is sent, never printed', async () => {
      const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const env = { GITHUB_TOKEN: 'ghs_secret-token-1234' };
      const args = ['comment', '--github', 'o/models', '--pr', '7', '--api-url', api];

      const first = await drover(args, { input: '### drover plan\n\nfirst\n', env });
      const second = await drover(args, { input: '### drover plan\n\nsecond\n', env });

      assert.equal(first.code, 0, first.stderr);
      assert.equal(second.code, 0, second.stderr);
      assert.match(
        first.stderr,
        /^created https:\/\/github\.example\/o\/models\/pull\/7#issuecomment-100\n$/,
      );
      assert.match(
        second.stderr,
        /^updated https:\/\/github\.example\/o\/models\/pull\/7#issuecomment-100\n$/,
      );
      assert.equal(comments.length, 1);
      assert.equal(comments[0]!.body, '<!-- drover-plan -->\n### drover plan\n\nsecond\n');
      assert.ok(seen.every((r) => r.auth === 'token ghs_secret-token-1234'));
      for (const output of [first, second]) assert.doesNotMatch(output.stdout + output.stderr, /ghs_secret/);
    });
  });
});
