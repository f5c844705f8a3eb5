/**
 * GitRepository against real git. A local write-back moves the branch as `git update-ref` does (a lock
 * file, compare-and-swap on the old value, rename), so readers never see a partial ref and an update by
 * someone else is never overwritten. SSH remotes and credentials the git server refuses get messages a
 * user can act on.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GitRepository } from '../controller/gitops/git-repository.ts';
import { startGitServer, type GitServer } from './helpers/git-server.ts';
import { TempDirs } from './helpers/models.ts';

const run = promisify(execFile);
const author = { name: 'drover', email: 'drover@localhost' };
const gitEnv = (gitdir: string) => ({
  ...process.env,
  GIT_DIR: gitdir,
  GIT_AUTHOR_NAME: 'dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
});
/** git in the bare repository `gitdir`, synchronously. */
const git = (gitdir: string, ...args: string[]) =>
  execFileSync('git', args, { env: gitEnv(gitdir), encoding: 'utf8', input: '' }).trim();

describe('GitRepository', function () {
  this.timeout(120_000);
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  /** A bare repository whose main holds one commit (an empty tree). */
  function bareRepository(): string {
    const gitdir = temp.make();
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', gitdir]);
    const tree = git(gitdir, 'mktree');
    git(gitdir, 'update-ref', 'refs/heads/main', git(gitdir, 'commit-tree', tree, '-m', 'first'));
    return gitdir;
  }

  describe('a local write-back', () => {
    it('is never seen half-written: concurrent readers always find a whole commit id', async () => {
      const gitdir = bareRepository();
      const repository = await GitRepository.open(gitdir, 'main', temp.make());
      const refFile = join(gitdir, 'refs', 'heads', 'main');
      const bad: string[] = [];
      let reads = 0;
      let done = false;
      const readFileLoop = async () => {
        while (!done) {
          const text = await readFile(refFile, 'utf8').catch((e: NodeJS.ErrnoException) => `(${e.code})`);
          reads++;
          if (!/^[0-9a-f]{40}\n$/.test(text)) bad.push(`read ${JSON.stringify(text)}`);
        }
      };
      const revParseLoop = async () => {
        while (!done) {
          const result = await run('git', ['rev-parse', '--verify', '-q', 'refs/heads/main'], {
            env: gitEnv(gitdir),
          }).catch((e: { stdout: string; stderr: string }) => e);
          reads++;
          if (!/^[0-9a-f]{40}\n$/.test(result.stdout)) bad.push(`rev-parse ${JSON.stringify(result)}`);
        }
      };
      const readers = [
        ...Array.from({ length: 2 }, readFileLoop),
        ...Array.from({ length: 2 }, revParseLoop),
      ];

      for (let i = 0; i < 40; i++) {
        const result = await repository.writeBack(
          await repository.head(),
          { 'status.json': `{"n":${i}}\n` },
          `write-back ${i}`,
          author,
        );
        assert.equal(result.written, true);
      }
      done = true;
      await Promise.all(readers);

      assert.ok(reads > 100, `only ${reads} reads`);
      assert.deepEqual(bad.slice(0, 5), [], `${bad.length} of ${reads} reads saw a partial ref`);
      assert.equal(git(gitdir, 'rev-list', '--count', 'main'), '41');
    });

    it('never overwrites a concurrent `git update-ref`: the write-back reports the branch moved', async () => {
      const gitdir = bareRepository();
      const repository = await GitRepository.open(gitdir, 'main', temp.make());
      // Someone else moves the branch in a loop, with compare-and-swap, printing the commits that landed.
      const other = run(
        'sh',
        [
          '-c',
          `for i in $(seq 1 150); do
             h=$(git rev-parse -q --verify refs/heads/main) || continue
             c=$(git commit-tree "$h^{tree}" -p "$h" -m "pushed $i") || continue
             git update-ref refs/heads/main "$c" "$h" 2>/dev/null && echo "$c"
           done; echo done`,
        ],
        { env: gitEnv(gitdir), maxBuffer: 1 << 20 },
      );
      let finished = false;
      void other.finally(() => (finished = true)).catch(() => undefined);
      const written: string[] = [];
      let moved = 0;

      for (let i = 0; !finished; i++) {
        const result = await repository.writeBack(
          await repository.head(),
          { 'status.json': `{"n":${i}}\n` },
          `write-back ${i}`,
          author,
        );
        if (result.written) written.push(result.oid);
        else moved++;
      }
      const landed = (await other).stdout.trim().split('\n');

      assert.equal(landed.pop(), 'done');
      const history = new Set(git(gitdir, 'rev-list', 'main').split('\n'));
      const lost = [...landed, ...written].filter((oid) => !history.has(oid));
      assert.deepEqual(lost, [], `${lost.length} commits that landed are no longer on the branch`);
      // Whether a write-back met the other process mid-update depends on timing; what must hold either
      // way is that nothing landed is lost (a refused write-back is the next test's deterministic case).
      assert.ok(landed.length > 0 && written.length + moved > 0);
    });

    it('waits while git holds the ref lock, then reports the branch moved', async () => {
      const gitdir = bareRepository();
      const repository = await GitRepository.open(gitdir, 'main', temp.make());
      const base = await repository.head();
      const refFile = join(gitdir, 'refs', 'heads', 'main');
      const pushed = git(gitdir, 'commit-tree', `${base}^{tree}`, '-p', base, '-m', 'pushed');
      // A `git update-ref` in progress: it holds main.lock, then renames it over main.
      writeFileSync(`${refFile}.lock`, `${pushed}\n`);
      const released = new Promise<void>((resolve) =>
        setTimeout(() => {
          renameSync(`${refFile}.lock`, refFile);
          resolve();
        }, 200),
      );

      const result = await repository.writeBack(base, { 'status.json': '{}\n' }, 'write-back', author);
      await released;

      assert.deepEqual(result, { written: false, reason: 'moved' });
      assert.equal(git(gitdir, 'rev-parse', 'main'), pushed);
    });

    it('refuses to move the branch past a lock nobody releases, and names the lock file', async () => {
      const gitdir = bareRepository();
      const repository = await GitRepository.open(gitdir, 'main', temp.make());
      const base = await repository.head();
      const lock = join(gitdir, 'refs', 'heads', 'main.lock');
      writeFileSync(lock, '');

      await assert.rejects(
        repository.writeBack(base, { 'status.json': '{}\n' }, 'write-back', author),
        (error: Error) => {
          assert.match(error.message, /refs\/heads\/main\.lock exists/);
          assert.match(error.message, /remove it/);
          return true;
        },
      );
      assert.equal(git(gitdir, 'rev-parse', 'main'), base);
      assert.equal(readFileSync(lock, 'utf8'), '', 'the lock is not ours to remove');
    });

    it('compares with packed-refs when the branch has no loose ref', async () => {
      const gitdir = bareRepository();
      const repository = await GitRepository.open(gitdir, 'main', temp.make());
      const base = await repository.head();
      git(gitdir, 'pack-refs', '--all', '--prune');

      const result = await repository.writeBack(base, { 'status.json': '{}\n' }, 'write-back', author);
      const stale = await repository.writeBack(base, { 'status.json': '{}\n' }, 'write-back', author);

      assert.ok(result.written);
      assert.equal(git(gitdir, 'rev-parse', 'main'), result.oid);
      assert.deepEqual(stale, { written: false, reason: 'moved' });
    });
  });

  describe('opening and fetching', () => {
    let server: GitServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    for (const url of [
      'git@git.example.com:ops/models.git',
      'ssh://git@git.example.com/ops/models.git',
      'git+ssh://git.example.com/ops/models.git',
    ]) {
      it(`says SSH remotes are not supported yet for ${url}`, async () => {
        await assert.rejects(GitRepository.open(url, 'main', temp.make()), {
          message: 'SSH remotes are not supported yet: use an https:// URL',
        });
      });
    }

    it('hints at the token file when the git server asks for credentials (401)', async () => {
      server = await startGitServer({ token: 'server-token-7c1' });
      const url = await server.createRepository('models');
      const repository = await GitRepository.open(url, 'main', temp.make());

      await assert.rejects(repository.head(), (error: Error) => {
        assert.match(error.message, /HTTP 401/);
        assert.match(error.message, /--git-token-file FILE or \$DROVER_GIT_TOKEN/);
        return true;
      });
    });

    it('says the token was refused (401) without printing it', async () => {
      server = await startGitServer({ token: 'server-token-7c1' });
      const url = await server.createRepository('models');
      const repository = await GitRepository.open(url, 'main', temp.make(), { token: 'wrong-token-3d9' });

      await assert.rejects(repository.head(), (error: Error) => {
        assert.match(error.message, /HTTP 401/);
        assert.match(error.message, /refused the credentials/);
        assert.match(error.message, /--git-token-file/);
        assert.doesNotMatch(`${error.message} ${JSON.stringify(error)}`, /wrong-token-3d9|server-token/);
        return true;
      });
    });
  });
});
