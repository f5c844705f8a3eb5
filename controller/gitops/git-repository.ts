/**
 * The models repository as the controller sees it (isomorphic-git): a remote one over HTTP(S), cloned
 * once into a cache folder and then fetched, or a local one read in place. It tells the branch head,
 * reads a commit's files from its objects, and writes status.json and ids.json back as one commit on top
 * of the commit they describe: pushed without force, or, for a local repository, moved onto the branch
 * only while the branch still points where it did.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
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
    if (!fs.existsSync(join(gitdir, 'HEAD'))) throw new Error(`${source} is not a git repository`);
    return new GitRepository(gitdir, branch, undefined);
  }

  /** Where the branch is: fetched first for a remote repository. */
  async head(): Promise<string> {
    if (this.remote) {
      await git.fetch({
        fs,
        http,
        gitdir: this.gitdir,
        remote: 'origin',
        ref: this.branch,
        singleBranch: true,
        tags: false,
        ...(this.remote.onAuth ? { onAuth: this.remote.onAuth } : {}),
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
    // A local repository has no transport to refuse a non-fast-forward: compare just before moving the branch.
    if (!this.remote && (await this.head()) !== base) return { written: false, reason: 'moved' };
    await git.writeRef({
      fs,
      gitdir: this.gitdir,
      ref: `refs/heads/${this.branch}`,
      value: oid,
      force: true,
    });
    if (!this.remote) return { written: true, oid };
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
      throw error;
    }
  }
}

/** Answers the server's request for credentials; a token goes as the password of any user name. */
function authCallback(auth: GitAuth): AuthCallback | undefined {
  if (auth.token !== undefined)
    return () => ({ username: auth.username ?? 'x-access-token', password: auth.token });
  if (auth.username !== undefined) return () => ({ username: auth.username, password: auth.password ?? '' });
  return undefined;
}
