/* Generated from schema/idresources.schema.json by `npm run gen:types`. Do not edit. */

/**
 * idresources.yaml: pools of numeric IDs (ports, uids, gids) handed out to services.
 */
export interface IdResourcesFile {
  pools: {
    [k: string]: Pool;
  };
}
/**
 * Either a range (min, max, step, scope) or follows: another pool whose ID each service reuses.
 */
export interface Pool {
  min?: number;
  max?: number;
  /**
   * Distance between IDs (default 1).
   */
  step?: number;
  /**
   * global (default): unique everywhere; machine: unique per target.
   */
  scope?: "global" | "machine";
  /**
   * Reuse the ID this other pool gives the service (gids follow uids).
   */
  follows?: string;
  /**
   * IDs never handed out, such as those of accounts that already exist on the targets.
   */
  reserved?: number[];
  /**
   * Never hand out an ID that captured.json (drover capture) shows in use on a target the service is placed on: its uids, gids or listening ports. IDs already assigned are kept. The IDs skipped are recorded in ids.json under reserved (target -> pool -> IDs).
   */
  skipInUse?: "uids" | "gids" | "ports";
}
