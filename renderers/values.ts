/**
 * The values of a unit that reach its process, with the model field each came from, so that a renderer
 * can refuse what its manager cannot carry exactly, naming the service, the field and the manager.
 */
import { quoteKey, RenderError, type OverrideProblem, type UnitSpec } from './types.ts';

/** A value and the path of the model field it came from (relative to the service). */
export interface FieldValue {
  field: (string | number)[];
  value: string;
}

/** Every value of the unit's process block that reaches the process. */
function processValues(unit: UnitSpec): FieldValue[] {
  const p = unit.process;
  if (!p) return [];
  const out: FieldValue[] = [];
  if (p.command !== undefined) out.push({ field: ['process', 'command'], value: p.command });
  p.args.forEach((value, i) => out.push({ field: ['process', 'args', i], value }));
  if (p.daemon !== undefined) out.push({ field: ['process', 'daemon'], value: p.daemon });
  p.daemonArgs.forEach((value, i) => out.push({ field: ['process', 'daemonArgs', i], value }));
  for (const [name, value] of Object.entries(p.environment)) {
    out.push({ field: ['process', 'environment', name], value });
  }
  if (p.directory !== undefined) out.push({ field: ['process', 'directory'], value: p.directory });
  out.push({ field: ['process', 'pidFile'], value: p.pidFile });
  return out;
}

/**
 * Throws RenderError for the first value `problem` objects to. No process can receive a NUL byte, so
 * that is refused under every manager.
 */
export function requireExpressible(
  unit: UnitSpec,
  manager: string,
  problem: (value: FieldValue) => string | undefined = () => undefined,
  values: FieldValue[] = processValues(unit),
): void {
  for (const value of values) {
    const reason = value.value.includes('\0') ? 'it contains a NUL byte' : problem(value);
    if (reason !== undefined) throw new RenderError(unit.service, value.field, manager, reason);
  }
}

/**
 * The manager-specific overrides of a unit (`process.overrides.<manager>`), or an empty object; throws
 * RenderError for the first thing `check` (the renderer's checkOverrides) finds in them.
 */
export function overridesFor(
  unit: UnitSpec,
  manager: string,
  check: (overrides: Readonly<Record<string, unknown>>) => OverrideProblem[],
): Readonly<Record<string, unknown>> {
  const all = unit.process?.overrides ?? {};
  const overrides = Object.hasOwn(all, manager) ? (all[manager] ?? {}) : {};
  const [problem] = check(overrides);
  if (problem) throw overrideError(unit.service, manager, problem);
  return overrides;
}

/** The error for an override problem: at the key's block for a key, at the value otherwise. */
export function overrideError(service: string, manager: string, problem: OverrideProblem): RenderError {
  const path = problem.key ? problem.path.slice(0, -1) : problem.path;
  const reason = problem.key
    ? `its key ${quoteKey(String(problem.path.at(-1)))} ${problem.reason}`
    : problem.reason;
  return new RenderError(service, ['process', 'overrides', manager, ...path], manager, reason);
}

/** What keys of a manager look like: a pattern, and how an error says it. */
export interface KeyRule {
  pattern: RegExp;
  /** Completes "its key "x" …", e.g. `is not a supervisord program setting ([a-z][a-z0-9_]*)`. */
  problem: string;
}

/** A rule that only accepts the keys a renderer reads. */
export function knownKeys(manager: string, keys: readonly string[]): KeyRule {
  const escaped = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
  return {
    pattern: keys.length > 0 ? new RegExp(`^(?:${escaped.join('|')})$`) : /(?!)/,
    problem:
      keys.length > 0
        ? `is not one ${manager} reads (${keys.join(', ')})`
        : `is not used: ${manager} has no manager configuration to override`,
  };
}

/** The problem with a key, if it breaks `rule`. */
export function keyProblem(
  path: (string | number)[],
  key: string,
  rule: KeyRule,
): OverrideProblem | undefined {
  return rule.pattern.test(key) ? undefined : { path: [...path, key], key: true, reason: rule.problem };
}

// Control characters: none fits in a line of a configuration file, except a tab.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/**
 * Why a value cannot be one line of a line-oriented file (supervisord, systemd, rc.subr), if it cannot:
 * a line break, or another control character.
 */
export function lineProblem(value: string): string | undefined {
  if (/[\n\r]/.test(value)) return 'it is not a single-line value';
  const bad = CONTROL.exec(value);
  if (!bad) return undefined;
  return `it contains the control character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Checks a flat override block (key = value, one per line): every key against `rule`, and every string
 * value (or string in a list) with `valueProblem`.
 */
export function checkFlatOverrides(
  overrides: Readonly<Record<string, unknown>>,
  rule: KeyRule,
  valueProblem: (value: string) => string | undefined = lineProblem,
  path: (string | number)[] = [],
): OverrideProblem[] {
  const problems: OverrideProblem[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const bad = keyProblem(path, key, rule);
    if (bad) {
      problems.push(bad);
      continue;
    }
    const items = Array.isArray(value)
      ? value.map((v, i) => [[key, i], v] as const)
      : [[[key], value] as const];
    for (const [at, item] of items) {
      const reason = typeof item === 'string' ? valueProblem(item) : undefined;
      if (reason !== undefined) problems.push({ path: [...path, ...at], key: false, reason });
    }
  }
  return problems;
}

/** An override value for a line-oriented format: a scalar, on one line. */
export function overrideLine(unit: UnitSpec, manager: string, key: string, value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new RenderError(
      unit.service,
      ['process', 'overrides', manager, key],
      manager,
      'it is not a single value',
    );
  }
  const text = String(value);
  const reason = lineProblem(text);
  if (reason !== undefined) {
    throw new RenderError(unit.service, ['process', 'overrides', manager, key], manager, reason);
  }
  return text;
}

/** The log file a manager that writes plain files uses for a unit. */
export function logFileOf(unit: UnitSpec): string {
  return `${unit.dirs.log}/${unit.service}.log`;
}
