/**
 * The JSON documents drover keeps next to the models (ids.json, status.json) and prints (plan): parsed
 * and checked against their schema with FILE:LINE:COL problems, and formatted the one way drover writes them.
 */
import type { IdsFile } from '../../schema/generated/ids.ts';
import type { StatusFile } from '../../schema/generated/status.ts';
import type { PlacementsFile } from '../../schema/generated/placements.ts';
import type { PlacementsDocument } from './schedule.ts';
import { validateAgainstSchema, type SchemaName } from '../../schema/index.ts';
import { normalizeIds, type IdsDocument } from './ids.ts';
import { YamlSource } from './models/yaml-source.ts';
import type { PlannedUnit } from './plan.ts';
import { ModelError, compareStrings } from './problems.ts';

/** The name of the ID assignment file in a models repository. */
export const IDS_FILE = 'ids.json';

/** The name of the status file in a models repository. */
export const STATUS_FILE = 'status.json';

/** The name of the scheduler's placements file in a models repository. */
export const PLACEMENTS_FILE = 'placements.json';

/** Parses a JSON document and checks it against a schema; throws ModelError with located problems. */
function parseDocument<T>(file: string, text: string, schema: SchemaName): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON is YAML, and the YAML parser says where the mistake is.
    const source = new YamlSource(file, text);
    throw new ModelError(
      source.syntaxProblems.length > 0
        ? source.syntaxProblems
        : [{ file, line: 1, col: 1, message: 'not valid JSON' }],
    );
  }
  const violations = validateAgainstSchema(schema, value);
  if (violations.length > 0) {
    const source = new YamlSource(file, text);
    throw new ModelError(violations.map((v) => source.problem(v.path, v.message, v.key)));
  }
  return value as T;
}

/** The units a status.json text says are deployed. */
export function deployedUnitsIn(text: string, displayName: string): PlannedUnit[] {
  const status = parseDocument<StatusFile>(displayName, text, 'status');
  return Object.entries(status.targets)
    .sort(([a], [b]) => compareStrings(a, b))
    .flatMap(([target, { units }]) =>
      units.map((u) => ({
        service: u.service,
        target,
        container: u.container,
        hash: u.hash,
        specHash: u.specHash,
        dependsOn: u.dependsOn,
      })),
    );
}

/** A status.json text, checked; undefined when there is none. */
export function statusIn(text: string | undefined, displayName: string): StatusFile | undefined {
  return text === undefined ? undefined : parseDocument<StatusFile>(displayName, text, 'status');
}

/** A placements.json text, checked; undefined when there is none. */
export function placementsIn(text: string | undefined, displayName: string): PlacementsDocument | undefined {
  if (text === undefined) return undefined;
  const { placements } = parseDocument<PlacementsFile>(displayName, text, 'placements');
  return { placements };
}

/**
 * The placements.json text to write: when the scheduler placed something, or to empty one that is
 * `present`; undefined when there is none and nothing to place (a repository without scheduled services
 * gets no such file).
 */
export function placementsText(document: PlacementsDocument, present: boolean): string | undefined {
  if (Object.keys(document.placements).length === 0 && !present) return undefined;
  const file: PlacementsFile = { version: 1, placements: document.placements };
  return formatDocument(file);
}

/** An ids.json text, normalized; undefined when there is none. */
export function idsIn(text: string | undefined, displayName: string): IdsDocument | undefined {
  return text === undefined ? undefined : normalizeIds(parseDocument<IdsFile>(displayName, text, 'ids'));
}

/**
 * Formats a document as drover writes it: two-space indent, final newline. Keys keep the order they were
 * built in; documents that are committed (ids.json, status.json) are built sorted (normalizeIds).
 */
export function formatDocument(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
