/**
 * A RepoReader over a models folder on the local disk (`drover validate|plan|apply DIR`). Symbolic links
 * that stay inside the folder are followed; one that leaves it is reported as a `link`, never read.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { compareStrings } from '../core/problems.ts';
import {
  decodeUtf8,
  MAX_TEXT_BYTES,
  TOO_LARGE,
  type RepoEntryKind,
  type RepoFile,
  type RepoReader,
} from '../core/models/repo-reader.ts';

/** A RepoReader over the folder `root`. */
export function folderReader(root: string): RepoReader {
  const realRoot = realpathSync(root);
  const kinds = new Map<string, RepoEntryKind | undefined>();
  const abs = (path: string) => join(root, path);
  const inside = (real: string) => real === realRoot || real.startsWith(realRoot + sep);

  function kindOf(path: string): RepoEntryKind | undefined {
    let real: string;
    try {
      real = realpathSync(abs(path));
    } catch {
      // A dangling link is a link drover does not follow; anything else is absent.
      return lstatOrUndefined(abs(path))?.isSymbolicLink() ? 'link' : undefined;
    }
    if (!inside(real)) return 'link';
    return statSync(real).isDirectory() ? 'dir' : 'file';
  }

  const reader: RepoReader = {
    kind(path) {
      if (!kinds.has(path)) kinds.set(path, kindOf(path));
      return kinds.get(path);
    },
    readText(path) {
      if (reader.kind(path) !== 'file') return undefined;
      if (statSync(abs(path)).size > MAX_TEXT_BYTES) throw new Error(TOO_LARGE);
      return decodeUtf8(readFileSync(abs(path)));
    },
    list(dir) {
      if (reader.kind(dir) !== 'dir') return [];
      return readdirSync(abs(dir)).sort(compareStrings);
    },
    files(dir) {
      const out: RepoFile[] = [];
      const walk = (sub: string) => {
        for (const name of readdirSync(join(abs(dir), sub)).sort(compareStrings)) {
          const path = sub === '' ? name : `${sub}/${name}`;
          const full = join(abs(dir), path);
          const stat = lstatSync(full);
          if (stat.isSymbolicLink()) {
            const repoPath = dir === '' ? path : `${dir}/${path}`;
            if (reader.kind(repoPath) === 'link') out.push({ path, mode: 0o777, refused: true });
            else out.push({ path, mode: 0o777, symlink: readlinkSync(full) });
          } else if (stat.isDirectory()) walk(path);
          else if (stat.isFile()) out.push({ path, mode: fileMode(stat.mode), content: readFileSync(full) });
        }
      };
      walk('');
      return out;
    },
  };
  return reader;
}

/** As git records it: executable or not. */
function fileMode(mode: number): number {
  return (mode & 0o111) !== 0 ? 0o755 : 0o644;
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
