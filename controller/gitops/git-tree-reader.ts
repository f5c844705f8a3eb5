/**
 * A RepoReader over one commit's git tree (isomorphic-git's readTree and readBlob): the controller and
 * `plan --base/--head` evaluate a commit from its objects, and ship its packages from them, with no
 * checkout. Every symbolic link in the tree is reported as a `link`, never followed. The tree is read
 * whole, up to a bound, so that the pure loader can read it synchronously.
 */
import * as fs from 'node:fs';
import git from 'isomorphic-git';
import { compareStrings } from '../core/problems.ts';
import {
  compareRepoPaths,
  decodeUtf8,
  MAX_TEXT_BYTES,
  MAX_TREE_BYTES,
  TreeTooLargeError,
  TOO_LARGE,
  type RepoEntryKind,
  type RepoFile,
  type RepoReader,
} from '../core/models/repo-reader.ts';

const LINK_MODE = 0o120000;
const EXECUTABLE_MODE = 0o100755;

interface TreeEntry {
  kind: RepoEntryKind;
  mode: number;
  content?: Uint8Array;
}

/** Reads the tree of `commit` in the git folder `gitdir`. */
export async function gitTreeReader(gitdir: string, commit: string): Promise<RepoReader> {
  const entries = new Map<string, TreeEntry>([['', { kind: 'dir', mode: 0o40000 }]]);
  const cache = {};
  let bytes = 0;
  const walk = async (oid: string, prefix: string): Promise<void> => {
    const { tree } = await git.readTree({ fs, gitdir, oid, cache });
    for (const entry of tree) {
      const path = prefix === '' ? entry.path : `${prefix}/${entry.path}`;
      const mode = parseInt(entry.mode, 8);
      if (entry.type === 'tree') {
        entries.set(path, { kind: 'dir', mode });
        await walk(entry.oid, path);
      } else if (entry.type === 'blob') {
        const { blob } = await git.readBlob({ fs, gitdir, oid: entry.oid, cache });
        bytes += blob.length;
        if (bytes > MAX_TREE_BYTES) throw new TreeTooLargeError(commit);
        entries.set(path, { kind: mode === LINK_MODE ? 'link' : 'file', mode, content: blob });
      }
      // A submodule (type 'commit') has no content here: it is as if absent.
    }
  };
  const { commit: info } = await git.readCommit({ fs, gitdir, oid: commit, cache });
  await walk(info.tree, '');
  const paths = [...entries.keys()].filter((p) => p !== '').sort(compareRepoPaths);
  const normal = (path: string) => (path === '.' ? '' : path.replace(/\/+$/, ''));
  const under = (dir: string) => {
    const prefix = dir === '' ? '' : `${dir}/`;
    return paths.filter((p) => p.startsWith(prefix));
  };

  /** What is at `path`, where a link on the way makes the whole path a link. */
  const kind = (path: string): RepoEntryKind | undefined => {
    const parts = normal(path).split('/');
    for (let i = 1; i <= parts.length; i++) {
      const entry = entries.get(parts.slice(0, i).join('/'));
      if (!entry) return undefined;
      if (entry.kind !== 'dir' || i === parts.length) return entry.kind;
    }
    return undefined;
  };

  return {
    kind,
    readText(path) {
      if (kind(path) !== 'file') return undefined;
      const content = entries.get(normal(path))!.content!;
      if (content.length > MAX_TEXT_BYTES) throw new Error(TOO_LARGE);
      return decodeUtf8(content);
    },
    list(dir) {
      if (kind(dir) !== 'dir' && normal(dir) !== '') return [];
      const prefix = normal(dir) === '' ? '' : `${normal(dir)}/`;
      const names = under(normal(dir)).map((p) => p.slice(prefix.length).split('/')[0]!);
      return [...new Set(names)].sort(compareStrings);
    },
    files(dir) {
      if (kind(dir) !== 'dir') return [];
      const prefix = normal(dir) === '' ? '' : `${normal(dir)}/`;
      const out: RepoFile[] = [];
      for (const path of under(normal(dir))) {
        const entry = entries.get(path)!;
        const relative = path.slice(prefix.length);
        if (entry.kind === 'link') out.push({ path: relative, mode: 0o777, refused: true });
        else if (entry.kind === 'file') {
          const mode = entry.mode === EXECUTABLE_MODE ? 0o755 : 0o644;
          out.push({ path: relative, mode, content: entry.content! });
        }
      }
      return out;
    },
  };
}
