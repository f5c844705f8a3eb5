/**
 * A models folder on the local disk (`drover validate|ids|plan|apply DIR`): evaluated with its ids.json
 * as the prior IDs, and what is deployed read from another models folder or a status.json. Problems name
 * files with the folder as the user gave it.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StatusFile } from '../../schema/generated/status.ts';
import {
  deployedUnitsIn,
  IDS_FILE,
  idsIn,
  PLACEMENTS_FILE,
  placementsIn,
  STATUS_FILE,
  statusIn,
} from '../core/documents.ts';
import type { PlacementsDocument } from '../core/schedule.ts';
import { evaluateModels, type Evaluation, type EvaluationDepth } from '../core/evaluate.ts';
import { emptyIds, type IdsDocument } from '../core/ids.ts';
import { planDocument, type PlannedUnit } from '../core/plan.ts';
import type { PlanFile } from '../../schema/generated/plan.ts';
import { fileProblem, ModelError, type Problem } from '../core/problems.ts';
import { folderReader } from './folder-reader.ts';
import { readOptional } from './files.ts';

/** Evaluates the models in `dir`; throws ModelError (paths prefixed with `dir`) when they are invalid. */
export function evaluateDirectory(
  dir: string,
  prior?: IdsDocument,
  depth: EvaluationDepth = 'units',
): Evaluation {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ModelError([fileProblem(dir, 'not a folder')]);
  }
  const priorIds = prior ?? readIds(dir) ?? emptyIds();
  const priorPlacements = readPlacements(dir);
  const result = evaluateModels(
    folderReader(dir),
    { priorIds, ...(priorPlacements ? { priorPlacements } : {}) },
    depth,
  );
  if (!result.ok) throw new ModelError(inFolder(dir, result.problems));
  return result.value;
}

/** Reads `dir`/ids.json, or undefined when there is none. */
export function readIds(dir: string): IdsDocument | undefined {
  return inFolderErrors(dir, () => idsIn(readOptional(join(dir, IDS_FILE)), IDS_FILE));
}

/** Reads `dir`/placements.json, or undefined when there is none. */
export function readPlacements(dir: string): PlacementsDocument | undefined {
  return inFolderErrors(dir, () => placementsIn(readOptional(join(dir, PLACEMENTS_FILE)), PLACEMENTS_FILE));
}

/**
 * The status.json in `dir`, or undefined when there is none or it cannot be read: it is drover's own
 * record, so a damaged one is replaced rather than stopping a deployment.
 */
export function readStatus(dir: string): StatusFile | undefined {
  try {
    return statusIn(readOptional(join(dir, STATUS_FILE)), STATUS_FILE);
  } catch (error) {
    if (error instanceof ModelError) return undefined;
    throw error;
  }
}

/** What is deployed, and the IDs it was deployed with. */
interface DeployedSide {
  units: PlannedUnit[];
  ids: IdsDocument;
}

/**
 * The deployed side of a plan: the units of another models folder (`from`), or those a status.json lists
 * (`statusFile`, its IDs from the ids.json beside it, else from `dir`), or nothing deployed.
 */
export function readDeployedSide(dir: string, options: { from?: string; statusFile?: string }): DeployedSide {
  if (options.from !== undefined) {
    const old = evaluateDirectory(options.from, undefined, 'hashes');
    return { units: old.units, ids: old.ids };
  }
  const statusFile = options.statusFile;
  if (statusFile !== undefined) {
    const text = readOptional(statusFile);
    if (text === undefined) throw new ModelError([fileProblem(statusFile, 'file not found')]);
    const units = deployedUnitsIn(text, statusFile);
    const ids = readIds(dirname(statusFile)) ?? readIds(dir) ?? emptyIds();
    return { units, ids };
  }
  return { units: [], ids: readIds(dir) ?? emptyIds() };
}

/** The plan from what is deployed (see readDeployedSide) to the models in `dir`, and their evaluation. */
export function planDirectory(
  dir: string,
  deployedFrom: { from?: string; statusFile?: string },
): { plan: PlanFile; desired: Evaluation } {
  const deployed = readDeployedSide(dir, deployedFrom);
  const desired = evaluateDirectory(dir, deployed.ids, 'hashes');
  return { plan: planDocument(deployed.units, desired, deployed.ids), desired };
}

function inFolderErrors<T>(dir: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ModelError) throw new ModelError(inFolder(dir, error.problems));
    throw error;
  }
}

function inFolder(dir: string, problems: readonly Problem[]): Problem[] {
  const prefix = dir === '.' || dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
  return problems.map((p) => ({ ...p, file: `${prefix}${p.file}` }));
}
