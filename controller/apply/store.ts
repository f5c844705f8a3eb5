/**
 * The target's content-addressed store: every folder drover ships (a unit's rendered files, its
 * configuration files, its package) lives under <stateDir>/store/<digest>-<name>, is written once and
 * never changed. Only entries a target lacks are sent, all of them in one tar stream.
 */
import { basename, dirname } from 'node:path';
import { pack } from 'tar-stream';
import type { RepoReader } from '../core/models/repo-reader.ts';
import type { Unit } from '../core/units.ts';
import { renderedEntryName, toolEntryName } from '../../renderers/tools.ts';
import type { RenderedFile } from '../../renderers/types.ts';

/** A store entry: its name under store/, what it holds, and how to produce its files. */
export interface StoreEntry {
  name: string;
  /** A unit's rendered files, its configuration files, its package, or a helper its commands run. */
  kind: 'unit' | 'files' | 'package' | 'tool';
  files: () => EntryFile[];
}

/** A file (or link) inside an entry, relative to it. */
interface EntryFile {
  path: string;
  mode: number;
  content?: Buffer;
  symlink?: string;
}

/** Every store entry a unit needs on its target. Packages are read through `repo`, when they are shipped. */
export function storeEntriesOf(unit: Unit, repo: RepoReader): StoreEntry[] {
  const entries: StoreEntry[] = [];
  const rendered = unit.rendered?.files;
  if (rendered) {
    entries.push({
      name: renderedEntryName(rendered, `${unit.service}-unit`),
      kind: 'unit',
      files: () => entryFilesOf(rendered),
    });
  }
  for (const tool of unit.rendered?.tools ?? [])
    entries.push({ name: toolEntryName(tool), kind: 'tool', files: () => entryFilesOf(tool.files) });
  const firstFile = unit.spec.files[0];
  if (firstFile) {
    entries.push({
      name: basename(dirname(firstFile.path)),
      kind: 'files',
      files: () =>
        unit.spec.files.map((f) => ({
          path: f.name,
          mode: parseInt(f.mode, 8),
          content: Buffer.from(f.content),
        })),
    });
  }
  const pkg = unit.spec.package;
  if (pkg?.source !== undefined) {
    const source = pkg.source;
    entries.push({
      name: basename(pkg.path),
      kind: 'package',
      files: () =>
        repo.files(source).map((f) => ({
          path: f.path,
          mode: f.mode,
          ...(f.symlink !== undefined ? { symlink: f.symlink } : { content: Buffer.from(f.content ?? []) }),
        })),
    });
  }
  return entries;
}

/** A renderer's files as the files of a store entry. */
function entryFilesOf(files: readonly RenderedFile[]): EntryFile[] {
  return files.map((f) =>
    f.symlink !== undefined
      ? { path: f.path, mode: 0o777, symlink: f.symlink }
      : { path: f.path, mode: f.mode, content: Buffer.from(f.content) },
  );
}

/** A tar archive of the given entries, each as a top-level folder. */
export async function tarOf(entries: readonly StoreEntry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  const mtime = new Date(0);
  for (const entry of entries) {
    archive.entry({ name: `${entry.name}/`, type: 'directory', mode: 0o755, mtime });
    const dirs = new Set<string>();
    for (const file of entry.files()) {
      // Parent folders first, so that they get a proper mode.
      const parts = file.path.split('/').slice(0, -1);
      for (let i = 1; i <= parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (dirs.has(dir)) continue;
        dirs.add(dir);
        archive.entry({ name: `${entry.name}/${dir}/`, type: 'directory', mode: 0o755, mtime });
      }
      const name = `${entry.name}/${file.path}`;
      if (file.symlink !== undefined) {
        archive.entry({ name, type: 'symlink', linkname: file.symlink, mode: 0o777, mtime });
      } else {
        archive.entry({ name, mode: file.mode, mtime }, file.content ?? Buffer.alloc(0));
      }
    }
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}
