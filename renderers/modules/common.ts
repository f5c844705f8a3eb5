/** What the activation modules share. */
import { RenderError, type OverrideProblem, type UnitSpec } from '../types.ts';
import { checkFlatOverrides, knownKeys } from '../values.ts';

/** The package a module puts in place or runs: required. */
export function packageOf(unit: UnitSpec, manager: string): string {
  if (unit.package === undefined)
    throw new RenderError(
      unit.service,
      ['package'],
      manager,
      'it needs a package: what it puts in place or runs',
    );
  return unit.package.path;
}

/** A module takes no `process.overrides`. */
export function noOverrides(
  manager: string,
): (overrides: Readonly<Record<string, unknown>>) => OverrideProblem[] {
  return (overrides) => checkFlatOverrides(overrides, knownKeys(manager, []));
}

/**
 * Refuses a database named like those a restore of another one makes for a while (`<db>_restoring`): the
 * restore would drop it.
 */
export function checkNotRestoreName(unit: UnitSpec, manager: string, suffixes: readonly string[]): void {
  const suffix = suffixes.find((s) => unit.service.endsWith(s));
  if (suffix !== undefined)
    throw new RenderError(
      unit.service,
      ['type'],
      manager,
      `a database whose name ends in ${suffix} is one drover makes while it restores another (${unit.service.slice(0, -suffix.length)}): give the service another name`,
    );
}
