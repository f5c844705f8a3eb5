/**
 * The file-system edge of the pure pipeline: evaluates a models folder with its ids.json as prior,
 * and reads what is deployed (another models folder, or a status.json).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StatusFile } from '../schema/generated/status.ts';
import { readDeployedUnits, readIdsFile, readStatusFile } from './documents.ts';
import { evaluateModels, type Evaluation, type EvaluationDepth } from './evaluate.ts';
import { emptyIds, type IdsDocument } from './ids.ts';
import { fsRepoReader } from './models/repo-reader.ts';
import type { PlannedUnit } from './plan.ts';
import { ModelError, type Problem } from './problems.ts';

/** The name of the ID assignment file in a models repository. */
export const IDS_FILE = 'ids.json';

/** The name of the status file in a models repository. */
export const STATUS_FILE = 'status.json';

/** Evaluates the models in `dir`; throws ModelError (paths prefixed with `dir`) when they are invalid. */
export function evaluateDirectory(
  dir: string,
  prior?: IdsDocument,
  depth: EvaluationDepth = 'units',
): Evaluation {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ModelError([{ file: dir, line: 1, col: 1, message: 'not a folder' }]);
  }
  const priorIds = prior ?? readIds(dir) ?? emptyIds();
  const result = evaluateModels(fsRepoReader(dir), priorIds, depth);
  if (!result.ok) throw new ModelError(inFolder(dir, result.problems));
  return result.value;
}

/** Reads `dir`/ids.json, or undefined when there is none. */
export function readIds(dir: string): IdsDocument | undefined {
  try {
    return readIdsFile(join(dir, IDS_FILE));
  } catch (error) {
    if (error instanceof ModelError) throw new ModelError(inFolder(dir, error.problems));
    throw error;
  }
}

/**
 * The status.json in `dir`, or undefined when there is none or it cannot be read: it is drover's own
 * record, so a damaged one is replaced rather than stopping a deployment.
 */
export function readStatus(dir: string): StatusFile | undefined {
  try {
    return readStatusFile(join(dir, STATUS_FILE));
  } catch (error) {
    if (error instanceof ModelError) return undefined;
    throw error;
  }
}

/** What is deployed, and the IDs it was deployed with. */
export interface DeployedSide {
  units: PlannedUnit[];
  ids: IdsDocument;
}

/**
 * The deployed side of a plan: the units of another models folder (`from`), or those a status.json lists
 * (`statusFile`, its IDs from the ids.json beside it, else from `dir`), or nothing deployed.
 */
export function readDeployedSide(dir: string, options: { from?: string; statusFile?: string }): DeployedSide {
  if (options.from !== undefined) {
    const old = evaluateDirectory(options.from);
    return { units: old.units, ids: old.ids };
  }
  if (options.statusFile !== undefined) {
    const units = readDeployedUnits(options.statusFile, options.statusFile);
    const ids = readIds(dirname(options.statusFile)) ?? readIds(dir) ?? emptyIds();
    return { units, ids };
  }
  return { units: [], ids: readIds(dir) ?? emptyIds() };
}

function inFolder(dir: string, problems: readonly Problem[]): Problem[] {
  const prefix = dir === '.' || dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
  return problems.map((p) => ({ ...p, file: `${prefix}${p.file}` }));
}
