/**
 * What the pure loader needs from a models repository, behind one small interface, so that the same
 * loader reads a folder on disk (folder/folder-reader.ts), a commit's git tree (gitops/git-tree-reader.ts)
 * or a test's inline models (memoryRepoReader). A reader never follows a symbolic link out of the
 * repository: it reports it as `link`, and the loader refuses it.
 */
import { createHash } from 'node:crypto';
import { compareStrings } from '../problems.ts';

/** What is at a path: a file, a folder, or a symbolic link drover does not follow. */
export type RepoEntryKind = 'file' | 'dir' | 'link';

/** A file or symbolic link under a folder of the repository, its path relative to that folder. */
export interface RepoFile {
  path: string;
  /** 0o644 or 0o755 for a file (only the executable bits are kept), 0o777 for a link. */
  mode: number;
  content?: Uint8Array;
  /** Where a link points; set only for links the reader follows (inside the repository). */
  symlink?: string;
  /** A link the reader does not follow: the loader reports it. */
  refused?: true;
}

/** Read access to a models repository. Paths are relative, with forward slashes. */
export interface RepoReader {
  /** Text of a file, or undefined when there is no such file. Throws when it exists but cannot be read. */
  readText(path: string): string | undefined;
  /** Names of the entries of a folder, sorted; empty when there is no such folder. */
  list(dir: string): string[];
  /** What is at a path, or undefined when nothing is. */
  kind(path: string): RepoEntryKind | undefined;
  /** Every file and link under a folder, sorted by path (folders before what follows them). */
  files(dir: string): RepoFile[];
}

/** The largest model file or template a reader reads as text: a larger one cannot be read. */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;

/** Why a text file cannot be read; the same from every reader. */
export const TOO_LARGE = `larger than ${MAX_TEXT_BYTES / 1024 / 1024} MiB`;

/** The most a commit's files may hold in all: a models repository, not an artifact store. */
export const MAX_TREE_BYTES = 256 * 1024 * 1024;

/** The commit's tree is larger than drover reads. */
export class TreeTooLargeError extends Error {
  readonly code = 'E_TREE_TOO_LARGE';
  constructor(commit: string) {
    super(`commit ${commit.slice(0, 12)} holds more than ${MAX_TREE_BYTES / 1024 / 1024} MiB of files`);
    this.name = 'TreeTooLargeError';
  }
}

/** The message for a symbolic link drover refuses, the same from every reader. */
export const REFUSED_LINK = 'is a symbolic link, which drover does not follow';

/**
 * Content digest (sha256, hex) of a folder's files: names, executable bits, link targets and contents.
 * Names are relative to the folder, so the same content has the same digest wherever it sits.
 */
export function digestFiles(files: readonly RepoFile[]): string {
  const hash = createHash('sha256').update('D\0\0');
  const seenDirs = new Set<string>();
  for (const file of files) {
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (seenDirs.has(dir)) continue;
      seenDirs.add(dir);
      hash.update(`D\0/${dir}\0`);
    }
    if (file.symlink !== undefined || file.refused) {
      hash.update(`L\0/${file.path}\0${file.symlink ?? ''}\0`);
    } else {
      const content = file.content ?? new Uint8Array();
      const executable = (file.mode & 0o111) !== 0;
      hash.update(`F\0/${file.path}\0${executable ? 'x' : '-'}\0${content.length}\0`).update(content);
    }
  }
  return hash.digest('hex');
}

/** Decodes UTF-8 text; invalid UTF-8 throws rather than turning into replacement characters. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('not valid UTF-8');
  }
}

/** Orders paths as a depth-first walk over sorted folder entries does. */
export function compareRepoPaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const order = compareStrings(pa[i]!, pb[i]!);
    if (order !== 0) return order;
  }
  return pa.length - pb.length;
}

/** A RepoReader over files held in memory (path → content), such as a test's inline models. */
export function memoryRepoReader(files: Readonly<Record<string, string>>): RepoReader {
  const paths = Object.keys(files).sort(compareRepoPaths);
  const has = (path: string) => Object.prototype.hasOwnProperty.call(files, path);
  const isDir = (dir: string) => paths.some((p) => p.startsWith(`${dir}/`));
  const prefixOf = (dir: string) => (dir === '' || dir === '.' ? '' : `${dir}/`);
  return {
    readText: (path) => (has(path) ? files[path] : undefined),
    list(dir) {
      const prefix = prefixOf(dir);
      const names = paths
        .filter((p) => p.startsWith(prefix))
        .map((p) => p.slice(prefix.length).split('/')[0]!);
      return [...new Set(names)].sort(compareStrings);
    },
    kind: (path) => (has(path) ? 'file' : isDir(path) ? 'dir' : undefined),
    files(dir) {
      const prefix = prefixOf(dir);
      return paths
        .filter((p) => p.startsWith(prefix))
        .map((p) => ({ path: p.slice(prefix.length), mode: 0o644, content: Buffer.from(files[p]!) }));
    },
  };
}
