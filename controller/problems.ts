/**
 * Errors a user can act on. Model problems carry FILE:LINE:COL; every error class has a literal `code`
 * so that the reconcile loop can classify it (invalid model: stall until a new commit).
 */

/** One thing wrong with the models, at a place in a file of the models repository. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** Formats a problem as `FILE:LINE:COL: message`, FILE prefixed with the repository folder as the user gave it. */
export function formatProblem(problem: Problem, repoDir = ''): string {
  const file = repoDir && repoDir !== '.' ? `${repoDir.replace(/\/+$/, '')}/${problem.file}` : problem.file;
  return `${file}:${problem.line}:${problem.col}: ${problem.message}`;
}

/** Sorts problems by file, then position, then message, so that output is stable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.col - b.col ||
      compareStrings(a.message, b.message),
  );
}

/** The input (models, ids.json, status.json) is invalid; `problems` lists every problem found, not just the first. */
export class ModelError extends Error {
  readonly code = 'E_MODEL';
  constructor(readonly problems: readonly Problem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} found`);
    this.name = 'ModelError';
  }
}

/** Compares strings by code unit: the same order on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
