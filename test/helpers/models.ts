/** Test helpers: models repositories from inline YAML, on disk or in memory. */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateModels, type Evaluation } from '../../controller/core/evaluate.ts';
import type { IdsDocument } from '../../controller/core/ids.ts';
import { memoryRepoReader } from '../../controller/core/models/repo-reader.ts';
import { formatProblem } from '../../controller/core/problems.ts';
import { killUntilGone, pidsReferencing, processAlive } from './processes.ts';

/** The repository's fixtures/ folder. */
export const fixturesDir = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** A minimal valid infrastructure with targets t1..tN. */
export function targets(n: number, extra = ''): string {
  let text = 'targets:\n';
  for (let i = 1; i <= n; i++) text += `  t${i}:\n    hostname: 10.0.0.${i}\n${extra}`;
  return text;
}

/** Evaluates inline models; throws with the formatted problems when they are invalid. */
export function evaluate(files: Record<string, string>, prior?: IdsDocument): Evaluation {
  const result = evaluateModels(memoryRepoReader(files), { priorIds: prior });
  if (!result.ok) throw new Error(result.problems.map((p) => formatProblem(p)).join('\n'));
  return result.value;
}

/** Evaluates inline models that must be invalid; returns the problems as FILE:LINE:COL lines. */
export function problemsOf(files: Record<string, string>, prior?: IdsDocument): string[] {
  const result = evaluateModels(memoryRepoReader(files), { priorIds: prior });
  if (result.ok) throw new Error('expected problems, but the models are valid');
  return result.problems.map((p) => formatProblem(p));
}

const TEMP_PREFIX = 'drover-test-';
/** The temp dirs of this process not cleaned up yet, across all TempDirs. */
const liveTempDirs = new Set<string>();
let watching = false;

/**
 * Temporary folders, removed by cleanup() (call it in afterEach), with every process running in or for
 * them. They are named `drover-test-<pid>-XXXXXX` after the process that made them: what it did not clean
 * up is removed when it exits, or, if it was killed, by the next process that makes one.
 */
export class TempDirs {
  private readonly dirs: string[] = [];

  /** A new empty folder. */
  make(): string {
    watchTempDirs();
    const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
    this.dirs.push(dir);
    liveTempDirs.add(dir);
    return dir;
  }

  /** A copy of a fixture (a path relative to fixtures/). */
  copyFixture(name: string): string {
    const dir = this.make();
    cpSync(join(fixturesDir, name), dir, { recursive: true });
    return dir;
  }

  /** A folder holding the given files. */
  withFiles(files: Record<string, string>): string {
    const dir = this.make();
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) removeTempDir(dir);
  }
}

/** At first use: removes the temp dirs of processes that are gone, and those of this one when it exits. */
function watchTempDirs(): void {
  if (watching) return;
  watching = true;
  process.on('exit', () => {
    for (const dir of liveTempDirs) removeQuietly(dir);
  });
  for (const entry of readdirSync(tmpdir())) {
    const owner = new RegExp(`^${TEMP_PREFIX}(\\d+)-`).exec(entry)?.[1];
    if (owner !== undefined && !processAlive(Number(owner))) removeQuietly(join(tmpdir(), entry));
  }
}

/** Kills every process running in the dir or naming it on its command line, then removes the dir. */
function removeTempDir(dir: string): void {
  liveTempDirs.delete(dir);
  killUntilGone(() => pidsReferencing(dir));
  rmSync(dir, { recursive: true, force: true });
}

function removeQuietly(dir: string): void {
  try {
    removeTempDir(dir);
  } catch {
    // another user's, not ours to remove
  }
}
