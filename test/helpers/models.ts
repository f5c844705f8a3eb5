/** Test helpers: models repositories from inline YAML, on disk or in memory. */
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateModels, type Evaluation } from '../../controller/core/evaluate.ts';
import type { IdsDocument } from '../../controller/core/ids.ts';
import { memoryRepoReader } from '../../controller/core/models/repo-reader.ts';
import { formatProblem } from '../../controller/core/problems.ts';

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

/** Temporary folders, removed by cleanup() (call it in afterEach). */
export class TempDirs {
  private readonly dirs: string[] = [];

  /** A new empty folder. */
  make(): string {
    const dir = mkdtempSync(join(tmpdir(), 'drover-test-'));
    this.dirs.push(dir);
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
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
