/**
 * The I/O edge of model loading: everything the pure loader needs from a models repository, behind one
 * small interface, so that the same loader reads a working tree, a git revision or an in-memory test repo.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/** Read access to a models repository. Paths are relative, with forward slashes. */
export interface RepoReader {
  /** Text of a file, or undefined when there is no such file. */
  readText(path: string): string | undefined;
  /** Names of the entries of a folder, sorted; empty when there is no such folder. */
  list(dir: string): string[];
  /** What is at a path: a file, a folder, something outside the repository (via a symlink), or nothing. */
  kind(path: string): 'file' | 'dir' | 'outside' | undefined;
  /** Content digest (sha256, hex) of a file or folder tree: names, modes, symlink targets and contents. */
  digest(path: string): string;
}

/** A RepoReader over a folder on the local disk. */
export function fsRepoReader(root: string): RepoReader {
  const realRoot = realpathSync(root);
  const digests = new Map<string, string>();
  const kinds = new Map<string, ReturnType<RepoReader['kind']>>();
  const abs = (path: string) => join(root, path);

  function digestOf(path: string): string {
    const hash = createHash('sha256');
    // Names are relative to `path`, so the same content has the same digest wherever it sits in the repo.
    const walk = (sub: string) => {
      const full = abs(path + sub);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) {
        hash.update(`L\0${sub}\0${readlinkSync(full)}\0`);
      } else if (st.isDirectory()) {
        hash.update(`D\0${sub}\0`);
        for (const name of readdirSync(full).sort()) walk(`${sub}/${name}`);
      } else {
        const executable = (st.mode & 0o111) !== 0;
        hash.update(`F\0${sub}\0${executable ? 'x' : '-'}\0${st.size}\0`);
        hash.update(readFileSync(full));
      }
    };
    walk('');
    return hash.digest('hex');
  }

  function kindOf(path: string): ReturnType<RepoReader['kind']> {
    try {
      const real = realpathSync(abs(path));
      if (real !== realRoot && !real.startsWith(realRoot + sep)) return 'outside';
      return statSync(real).isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  }

  return {
    readText(path) {
      try {
        return readFileSync(abs(path), 'utf8');
      } catch {
        return undefined;
      }
    },
    list(dir) {
      try {
        return readdirSync(abs(dir)).sort();
      } catch {
        return [];
      }
    },
    kind(path) {
      if (!kinds.has(path)) kinds.set(path, kindOf(path));
      return kinds.get(path);
    },
    digest(path) {
      let digest = digests.get(path);
      if (!digest) {
        digest = digestOf(path);
        digests.set(path, digest);
      }
      return digest;
    },
  };
}

/** A RepoReader over files held in memory (path → content), e.g. a git tree or a test's inline models. */
export function memoryRepoReader(files: Readonly<Record<string, string>>): RepoReader {
  const paths = Object.keys(files).sort();
  const isDir = (dir: string) => paths.some((p) => p.startsWith(`${dir}/`));
  return {
    readText: (path) => files[path],
    list(dir) {
      const prefix = dir === '' || dir === '.' ? '' : `${dir}/`;
      const names = paths
        .filter((p) => p.startsWith(prefix))
        .map((p) => p.slice(prefix.length).split('/')[0]!);
      return [...new Set(names)];
    },
    kind: (path) => (files[path] !== undefined ? 'file' : isDir(path) ? 'dir' : undefined),
    digest(path) {
      const hash = createHash('sha256');
      for (const p of paths.filter((p) => p === path || p.startsWith(`${path}/`))) {
        hash.update(`F\0${p.slice(path.length)}\0${files[p]!.length}\0`).update(files[p]!);
      }
      return hash.digest('hex');
    },
  };
}
