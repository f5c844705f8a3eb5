/**
 * The values of a unit that reach its process, with the model field each came from, so that a renderer
 * can refuse what its manager cannot carry exactly, naming the service, the field and the manager.
 */
import { RenderError, type UnitSpec } from './types.ts';

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

/** The manager-specific overrides of a unit (`process.overrides.<manager>`), or an empty object. */
export function overridesFor(unit: UnitSpec, manager: string): Record<string, unknown> {
  return unit.process?.overrides[manager] ?? {};
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
  if (/[\n\r]/.test(text)) {
    throw new RenderError(
      unit.service,
      ['process', 'overrides', manager, key],
      manager,
      'it is not a single-line value',
    );
  }
  return text;
}

/** The log file a manager that writes plain files uses for a unit. */
export function logFileOf(unit: UnitSpec): string {
  return `${unit.dirs.log}/${unit.service}.log`;
}
