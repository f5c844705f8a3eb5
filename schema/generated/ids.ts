/* Generated from schema/ids.schema.json by `npm run gen:types`. Do not edit. */

/**
 * ids.json: the IDs assigned to services (written by drover, kept across runs).
 */
export interface IdsFile {
  /**
   * The format of this file; drover refuses a version it does not know. Files written before versions existed have none.
   */
  version?: 1;
  ids: PoolAssignments;
  lastAssignments: Cursors;
  /**
   * target -> pool -> last ID handed out, for machine-scoped pools.
   */
  lastAssignmentsPerTarget: {
    [k: string]: Cursors1;
  };
  retired?: PoolAssignments1;
  /**
   * target -> pool -> IDs (ascending) that the pool skipped because captured.json shows them in use on that target (skipInUse), in both scopes: no service placed on that target gets them. An ID stays while it is still captured in use there; absent when nothing is reserved.
   */
  reserved?: {
    [k: string]: {
      [k: string]: number[];
    };
  };
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
