/**
 * The models repository as the controller sees it (isomorphic-git): a remote one over HTTP(S), cloned
 * once into a cache folder and then fetched, or a local one read in place. It tells the branch head,
 * reads a commit's files from its objects, and writes status.json and ids.json back as one commit on top
 * of the commit they describe: pushed without force, or, for a local repository, moved onto the branch
 * as `git update-ref` does (ref lock, compare-and-swap, rename) only while it still points where it did.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import git, { Errors, type AuthCallback } from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import type { RepoReader } from '../core/models/repo-reader.ts';
import { gitTreeReader } from './git-tree-reader.ts';
import type { BotIdentity, CommitInfo, ModelsSource, WriteBackResult } from './reconciler.ts';

/** Credentials for a remote repository: a token, or a user name and password. */
export interface GitAuth {
  token?: string;
  username?: string;
  password?: string;
}

/** How long a local write-back waits for a ref lock another process holds (git's own wait is 100 ms). */
export const REF_LOCK_WAIT_MS = 1_000;

/** The models repository cannot be opened or reached in a way that drover can work with. */
export class RepositoryError extends Error {
  readonly code = 'E_REPOSITORY';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RepositoryError';
  }
}

/** Another process holds the branch's ref lock and did not let go of it in time. */
export class RefLockedError extends Error {
  readonly code = 'E_REF_LOCKED';
  constructor(readonly lockFile: string) {
    super(
      `${lockFile} exists: another git process is updating the branch; if none is (one crashed), remove it`,
    );
    this.name = 'RefLockedError';
  }
}

/** A models repository through isomorphic-git, remote or local. */
export class GitRepository implements ModelsSource {
  private constructor(
    /** The git folder (bare clone in the cache, or the local repository's .git). */
    readonly gitdir: string,
    private readonly branch: string,
    private readonly remote: { url: string; onAuth?: AuthCallback } | undefined,
  ) {}

  /** Opens `source` (an http(s) URL, or a path) for `branch`, cloning a remote into `cacheDir`. */
  static async open(
    source: string,
    branch: string,
    cacheDir: string,
    auth: GitAuth = {},
  ): Promise<GitRepository> {
    if (isSshUrl(source)) throw new RepositoryError('SSH remotes are not supported yet: use an https:// URL');
    if (/^https?:\/\//.test(source)) {
      const gitdir = join(cacheDir, `${createHash('sha256').update(source).digest('hex').slice(0, 16)}.git`);
      const onAuth = authCallback(auth);
      const repository = new GitRepository(gitdir, branch, { url: source, ...(onAuth ? { onAuth } : {}) });
      if (!fs.existsSync(join(gitdir, 'HEAD'))) {
        fs.mkdirSync(gitdir, { recursive: true });
        await git.init({ fs, gitdir, bare: true, defaultBranch: branch });
        await git.addRemote({ fs, gitdir, remote: 'origin', url: source, force: true });
      }
      return repository;
    }
    const path = resolve(source);
    const gitdir = fs.existsSync(join(path, '.git')) ? join(path, '.git') : path;
    if (!fs.existsSync(join(gitdir, 'HEAD'))) throw new RepositoryError(`${source} is not a git repository`);
    return new GitRepository(gitdir, branch, undefined);
  }

  /** Where the branch is: fetched first for a remote repository. */
  async head(): Promise<string> {
    if (this.remote) {
      const { onAuth } = this.remote;
      await git
        .fetch({
          fs,
          http,
          gitdir: this.gitdir,
          remote: 'origin',
          ref: this.branch,
          singleBranch: true,
          tags: false,
          ...(onAuth ? { onAuth } : {}),
        })
        .catch((error: unknown) => {
          throw refusedAccess(error, 'fetch', onAuth !== undefined) ?? error;
        });
      return git.resolveRef({ fs, gitdir: this.gitdir, ref: `refs/remotes/origin/${this.branch}` });
    }
    return git.resolveRef({ fs, gitdir: this.gitdir, ref: `refs/heads/${this.branch}` });
  }

  /** The files the branch's ref lives in, for a local repository (watching them notices commits at once). */
  refFiles(): string[] {
    return this.remote
      ? []
      : [join(this.gitdir, 'refs', 'heads', this.branch), join(this.gitdir, 'packed-refs')];
  }

  /** The commit a ref (branch, tag, full ref name) or a (short) commit id names. */
  async resolve(ref: string): Promise<string> {
    try {
      return await git.resolveRef({ fs, gitdir: this.gitdir, ref });
    } catch (error) {
      if (!(error instanceof Errors.NotFoundError) || !/^[0-9a-f]{4,40}$/.test(ref)) throw error;
      return git.expandOid({ fs, gitdir: this.gitdir, oid: ref });
    }
  }

  async commit(oid: string): Promise<CommitInfo> {
    const { commit } = await git.readCommit({ fs, gitdir: this.gitdir, oid });
    return {
      oid,
      message: commit.message,
      parents: commit.parent,
      author: { name: commit.author.name, email: commit.author.email },
    };
  }

  /** The files of a commit, read from its objects. */
  tree(oid: string): Promise<RepoReader> {
    return gitTreeReader(this.gitdir, oid);
  }

  /** Paths that differ between two commits' root trees and below (files only). */
  async changedPaths(from: string, to: string): Promise<string[]> {
    const changed: string[] = [];
    await git.walk({
      fs,
      gitdir: this.gitdir,
      trees: [git.TREE({ ref: from }), git.TREE({ ref: to })],
      map: async (path, [a, b]) => {
        if (path === '.') return true;
        const [typeA, typeB] = await Promise.all([a?.type(), b?.type()]);
        if (typeA === 'tree' && typeB === 'tree') {
          return (await a!.oid()) === (await b!.oid()) ? null : true;
        }
        if ((await a?.oid()) !== (await b?.oid())) changed.push(path);
        return true;
      },
    });
    return changed.sort();
  }

  /**
   * Commits `files` (root-level paths) on top of `base` and moves the branch there, unless the branch
   * has moved on from `base` meanwhile: then nothing is written and the caller re-evaluates the new head.
   */
  async writeBack(
    base: string,
    files: Record<string, string>,
    message: string,
    author: BotIdentity,
  ): Promise<WriteBackResult> {
    const { tree: baseTree } = await git.readTree({ fs, gitdir: this.gitdir, oid: base });
    const entries = baseTree.filter((e) => !(e.path in files));
    for (const [path, content] of Object.entries(files)) {
      const oid = await git.writeBlob({ fs, gitdir: this.gitdir, blob: Buffer.from(content) });
      entries.push({ mode: '100644', path, oid, type: 'blob' });
    }
    const tree = await git.writeTree({ fs, gitdir: this.gitdir, tree: entries });
    const oid = await git.commit({
      fs,
      gitdir: this.gitdir,
      message,
      author,
      tree,
      parent: [base],
      noUpdateBranch: true,
    });
    if (!this.remote) {
      // Others read and move this branch: swap it only while it still points at `base`, as git does.
      const swapped = await compareAndSwapRef(this.gitdir, `refs/heads/${this.branch}`, base, oid);
      return swapped ? { written: true, oid } : { written: false, reason: 'moved' };
    }
    // The cache's own copy of the branch: nobody else reads it.
    await git.writeRef({
      fs,
      gitdir: this.gitdir,
      ref: `refs/heads/${this.branch}`,
      value: oid,
      force: true,
    });
    try {
      const result = await git.push({
        fs,
        http,
        gitdir: this.gitdir,
        remote: 'origin',
        ref: this.branch,
        ...(this.remote.onAuth ? { onAuth: this.remote.onAuth } : {}),
      });
      if (!result.ok) return { written: false, reason: 'moved' };
      return { written: true, oid };
    } catch (error) {
      if (error instanceof Errors.PushRejectedError) return { written: false, reason: 'moved' };
      throw refusedAccess(error, 'push', this.remote.onAuth !== undefined) ?? error;
    }
  }
}

/** An SSH remote: `ssh://…`, `git+ssh://…`, or git's scp-like `[user@]host:path`. */
function isSshUrl(source: string): boolean {
  return /^(ssh|git\+ssh|ssh\+git):\/\//i.test(source) || /^([^@/:\s]+@)?[^@/:\s]{2,}:(?!\/\/)/.test(source);
}

/**
 * The git server's 401 or 403 as a message that says where the credentials come from (never what they
 * are); undefined for any other error.
 */
function refusedAccess(error: unknown, op: 'fetch' | 'push', withCredentials: boolean): Error | undefined {
  if (!(error instanceof Errors.HttpError)) return undefined;
  const { statusCode } = error.data;
  if (statusCode !== 401 && statusCode !== 403) return undefined;
  const where =
    '--git-token-file FILE or $DROVER_GIT_TOKEN (or $DROVER_GIT_USERNAME and $DROVER_GIT_PASSWORD)';
  const what =
    statusCode === 403
      ? `the git server denied access (HTTP 403 on ${op}): the credentials from ${where} need ${op === 'push' ? 'write' : 'read'} access to the repository`
      : withCredentials
        ? `the git server refused the credentials (HTTP 401 on ${op}): check the token in ${where}`
        : `the git server asks for credentials (HTTP 401 on ${op}): give a token with ${where}`;
  return new RepositoryError(what, { cause: error });
}

/**
 * Moves `ref` from `expected` to `value` as `git update-ref` does: takes `<ref>.lock` (created
 * exclusively, so one updater at a time), writes the new id into it, checks that the ref still holds
 * `expected` (its loose file, else packed-refs) and renames the lock over the ref. Readers see the old id
 * or the new one, never a partial file. False, with nothing changed, when the ref holds something else.
 */
async function compareAndSwapRef(
  gitdir: string,
  ref: string,
  expected: string,
  value: string,
): Promise<boolean> {
  const path = join(gitdir, ref);
  const lock = `${path}.lock`;
  await fs.promises.mkdir(dirname(path), { recursive: true });
  const handle = await takeLock(lock);
  let renamed = false;
  try {
    try {
      await handle.writeFile(`${value}\n`);
    } finally {
      await handle.close();
    }
    if ((await readRef(gitdir, ref)) !== expected) return false;
    await fs.promises.rename(lock, path);
    renamed = true;
    return true;
  } finally {
    if (!renamed) await fs.promises.rm(lock, { force: true });
  }
}

/** Creates the lock file exclusively, waiting a little for another holder to finish, as git does. */
async function takeLock(lock: string): Promise<fs.promises.FileHandle> {
  const deadline = Date.now() + REF_LOCK_WAIT_MS;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      return await fs.promises.open(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() >= deadline) throw new RefLockedError(lock);
      await sleep(wait);
    }
  }
}

/** The id a ref holds: its loose file, else its line in packed-refs; undefined when it has neither. */
async function readRef(gitdir: string, ref: string): Promise<string | undefined> {
  const loose = await fs.promises.readFile(join(gitdir, ref), 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (loose !== undefined) {
    if (loose.startsWith('ref:'))
      throw new RepositoryError(`${ref} is a symbolic ref: drover moves branches only`);
    return loose.trim();
  }
  const packed = await fs.promises.readFile(join(gitdir, 'packed-refs'), 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  });
  for (const line of packed.split('\n')) {
    const [oid, name] = line.split(' ');
    if (name === ref && oid !== undefined && /^[0-9a-f]{40,64}$/.test(oid)) return oid;
  }
  return undefined;
}

/** Answers the server's request for credentials; a token goes as the password of any user name. */
function authCallback(auth: GitAuth): AuthCallback | undefined {
  if (auth.token !== undefined)
    return () => ({ username: auth.username ?? 'x-access-token', password: auth.token });
  if (auth.username !== undefined) return () => ({ username: auth.username, password: auth.password ?? '' });
  return undefined;
}
