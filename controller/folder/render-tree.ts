/**
 * `drover render`: every unit's files as a folder tree, OUT/<target>/<unit>/, for inspection and golden
 * tests. The rendered unit files keep their paths, modes and links; configuration files rendered from
 * templates go under files/. The tree is built beside OUT and swapped in whole.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { RenderedFile } from '../../renderers/types.ts';
import type { Unit } from '../core/units.ts';

/** Marks a folder as drover's output, so that rendering again may replace it. */
const MARKER = '.drover-render';

/** The files one unit puts on its target, relative to its folder in the tree. */
export function unitTreeFiles(unit: Unit): RenderedFile[] {
  const files: RenderedFile[] = [...(unit.rendered?.files ?? [])];
  for (const file of unit.spec.files) {
    files.push({ path: `files/${file.name}`, content: file.content, mode: parseInt(file.mode, 8) });
  }
  return files;
}

/** Writes the tree of `units` to `out`, replacing an earlier rendering there; refuses any other folder. */
export function writeRenderTree(units: readonly Unit[], out: string): void {
  const target = resolve(out);
  if (existsSync(target) && readdirSync(target).length > 0 && !existsSync(join(target, MARKER))) {
    throw new Error(`${out} exists and was not written by drover render; choose an empty or new folder`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.`));
  try {
    writeFileSync(join(staging, MARKER), 'rendered by drover; replaced by the next `drover render`\n');
    for (const unit of units) {
      const unitDir = join(staging, unit.target, basename(unit.spec.unitDir));
      for (const file of unitTreeFiles(unit)) {
        const path = join(unitDir, file.path);
        mkdirSync(dirname(path), { recursive: true });
        if (file.symlink !== undefined) {
          symlinkSync(file.symlink, path);
        } else {
          writeFileSync(path, file.content);
          chmodSync(path, file.mode);
        }
      }
    }
    const old = existsSync(target) ? `${staging}.old` : undefined;
    if (old) renameSync(target, old);
    renameSync(staging, target);
    if (old) rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
