/**
 * Reading and writing the JSON documents drover keeps next to the models (ids.json, status.json):
 * checked against their schema with FILE:LINE:COL problems, written atomically.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { IdsFile } from '../schema/generated/ids.ts';
import type { StatusFile } from '../schema/generated/status.ts';
import { validateAgainstSchema, type SchemaName } from '../schema/index.ts';
import { normalizeIds, type IdsDocument } from './ids.ts';
import { YamlSource } from './models/yaml-source.ts';
import type { PlannedUnit } from './plan.ts';
import { ModelError, compareStrings } from './problems.ts';

/** Parses a JSON document and checks it against a schema; throws ModelError with located problems. */
export function parseDocument<T>(file: string, text: string, schema: SchemaName): T {
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

/** Reads ids.json, or returns undefined when it does not exist. */
export function readIdsFile(path: string, displayName = basename(path)): IdsDocument | undefined {
  const text = readOptional(path);
  return text === undefined ? undefined : normalizeIds(parseDocument<IdsFile>(displayName, text, 'ids'));
}

/** Reads status.json and returns the units it says are deployed. */
export function readDeployedUnits(path: string, displayName = basename(path)): PlannedUnit[] {
  const text = readOptional(path);
  if (text === undefined)
    throw new ModelError([{ file: displayName, line: 1, col: 1, message: 'file not found' }]);
  return deployedUnitsIn(text, displayName);
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

/** Reads status.json, or returns undefined when it does not exist. */
export function readStatusFile(path: string, displayName = basename(path)): StatusFile | undefined {
  const text = readOptional(path);
  return text === undefined ? undefined : parseDocument<StatusFile>(displayName, text, 'status');
}

/** An ids.json text, normalized; empty IDs when there is none. */
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

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
