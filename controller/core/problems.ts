/**
 * Errors a user can act on. Model problems carry FILE:LINE:COL; every error class has a literal `code`
 * so that the reconcile loop can classify it (invalid model: stall until a new commit).
 */

/** One thing wrong with the models, at a place in a file of the models repository (line 0: the file as a whole). */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** A problem with a file as a whole (it cannot be read, or is a link): formatted `FILE: message`. */
export function fileProblem(file: string, message: string): Problem {
  return { file, line: 0, col: 0, message };
}

/**
 * Formats a problem as `FILE:LINE:COL: message` (`FILE: message` for the file as a whole), FILE prefixed
 * with the repository folder as the user gave it.
 */
export function formatProblem(problem: Problem, repoDir = ''): string {
  const file = repoDir && repoDir !== '.' ? `${repoDir.replace(/\/+$/, '')}/${problem.file}` : problem.file;
  const at = problem.line > 0 ? `${file}:${problem.line}:${problem.col}` : file;
  return `${at}: ${clipQuotes(problem.message)}`;
}

/** The most of the user's own text a message quotes: a name, a value, a line. */
export const MAX_QUOTED = 120;

/**
 * A message with every quoted piece of the user's text ('…') cut to MAX_QUOTED characters, so that an
 * error never carries a file's content along (into status.json, a commit, a log).
 */
export function clipQuotes(message: string): string {
  return message.replace(
    new RegExp(`(^|[\\s(])'([^']{${MAX_QUOTED + 1},})'(?=$|[\\s,.:;)?!])`, 'g'),
    (_all, before: string, text: string) => `${before}'${text.slice(0, MAX_QUOTED - 3)}...'`,
  );
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
