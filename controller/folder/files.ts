/** Reading and writing files on the local disk the way drover's documents need it. */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes a file so that readers see the old or the new content, never a partial one. */
export function writeFileAtomic(path: string, content: string): void {
  const dir = mkdtempSync(join(dirname(path), `.${basename(path)}.`));
  const temp = join(dir, basename(path));
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a file, or undefined when there is none; any other failure to read it throws. */
export function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
