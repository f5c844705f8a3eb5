/* Generated from schema/plan.schema.json by `npm run gen:types`. Do not edit. */

/**
 * drover plan --format json: the steps that take the deployed units to the desired ones.
 */
export interface PlanFile {
  /**
   * Deactivations (dependents first), then activations (dependencies first).
   */
  steps: PlanStep[];
  unchanged: UnitKey[];
  ids: IdsFile;
  idChanges: IdChange[];
  warnings: string[];
}
export interface PlanStep {
  op: "deactivate" | "activate";
  service: string;
  target: string;
  container: string;
  /**
   * Why: new, removed, config changed, dependency X changed, ...
   */
  reason: string;
  /**
   * The unit's hash (old for deactivate, new for activate).
   */
  hash: string;
  /**
   * Indexes of earlier steps that must finish first; steps with no path between them may run in parallel.
   */
  requires: number[];
}
export interface UnitKey {
  service: string;
  target: string;
  container: string;
}
/**
 * ids.json: the IDs assigned to services (written by drover, kept across runs).
 */
export interface IdsFile {
  ids: PoolAssignments;
  lastAssignments: Cursors;
  /**
   * target -> pool -> last ID handed out, for machine-scoped pools.
   */
  lastAssignmentsPerTarget: {
    [k: string]: Cursors1;
  };
  retired?: PoolAssignments1;
}
/**
 * pool -> service -> ID.
 */
export interface PoolAssignments {
  [k: string]: {
    [k: string]: number;
  };
}
/**
 * Last ID handed out per global pool.
 */
export interface Cursors {
  [k: string]: number;
}
export interface Cursors1 {
  [k: string]: number;
}
/**
 * pool -> service -> ID released when the service went away; given back if it returns while the ID is free.
 */
export interface PoolAssignments1 {
  [k: string]: {
    [k: string]: number;
  };
}
export interface IdChange {
  pool: string;
  service: string;
  /**
   * Previous ID (absent when newly assigned).
   */
  from?: number;
  /**
   * New ID (absent when released).
   */
  to?: number;
}
