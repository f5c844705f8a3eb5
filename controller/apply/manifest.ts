/**
 * A target's manifest: what one generation deployed there, with everything needed to stop, check or
 * restart each unit later without the models it came from (a rollback, or a unit the models dropped).
 * Kept on the target as <stateDir>/generations/<n>.json; <stateDir>/current names the current one.
 */
import { validateAgainstSchema } from '../../schema/index.ts';
import type { InstallLink, ManagerCommands, ResolvedHealthCheck } from '../../renderers/types.ts';
import type { PlannedUnit } from '../core/plan.ts';
import type { Unit } from '../core/units.ts';
import type { StoreEntry } from './store.ts';
import type { Argv } from '../../renderers/argv.ts';

/** One deployed unit, as its target's manifest records it. */
export interface DeployedUnit extends PlannedUnit {
  stateDir: string;
  unitDir: string;
  /** The store entry of its rendered files; none for a package. */
  unitEntry?: string;
  /** Every store entry it uses (garbage collection keeps them). */
  entries: string[];
  install: InstallLink[];
  setup: Argv[];
  commands?: ManagerCommands;
  healthCheck?: ResolvedHealthCheck;
  /** The IDs it runs with, by pool: what the next evaluation keeps, whatever ids.json says. */
  ids?: Record<string, number>;
  /** Its state moves with it to another target (`deployState`): see apply/state.ts. */
  deployState?: true;
}

/** The format of the manifests drover writes. */
export const MANIFEST_VERSION = 1;

/** One generation of one target. */
export interface Manifest {
  /** MANIFEST_VERSION; manifests written before versions existed have none. */
  version?: number;
  generation: number;
  /** The run that made it (one run makes a generation on every target it changed). */
  deployment?: string;
  commit?: string;
  time: string;
  units: DeployedUnit[];
}

/** The manifest record of a desired unit, which uses these store entries (its state moves with it: `deployState`). */
export function deployedUnitOf(
  unit: Unit,
  entries: readonly StoreEntry[],
  deployState = false,
): DeployedUnit {
  const record: DeployedUnit = {
    service: unit.service,
    target: unit.target,
    container: unit.container,
    hash: unit.hash,
    specHash: unit.specHash,
    dependsOn: unit.dependsOn,
    stateDir: unit.spec.dirs.state,
    unitDir: unit.spec.unitDir,
    entries: entries.map((e) => e.name),
    install: unit.rendered?.install ?? [],
    setup: unit.rendered?.setup ?? [],
  };
  const unitEntry = entries.find((e) => e.kind === 'unit')?.name;
  if (unitEntry !== undefined) record.unitEntry = unitEntry;
  if (unit.rendered) record.commands = unit.rendered.commands;
  if (unit.spec.healthCheck) record.healthCheck = unit.spec.healthCheck;
  if (Object.keys(unit.spec.ids).length > 0) record.ids = unit.spec.ids;
  if (deployState) record.deployState = true;
  return record;
}

/** A manifest read from a target that is not one drover wrote (damaged, edited, or from a newer drover). */
export class ManifestError extends Error {
  readonly code = 'E_MANIFEST';
  constructor(where: string, problem: string) {
    super(`${where} is not a manifest drover can read: ${problem}`);
    this.name = 'ManifestError';
  }
}

/** Parses and checks a manifest read from a target (`where` names it in errors). */
export function parseManifest(text: string, where: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ManifestError(where, 'not JSON');
  }
  const violation = validateAgainstSchema('manifest', value)[0];
  if (violation) {
    const at = violation.path.length > 0 ? ` at ${violation.path.join('.')}` : '';
    throw new ManifestError(where, `${violation.message}${at}`);
  }
  return value as Manifest;
}
