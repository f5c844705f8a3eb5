/* Generated from schema/placements.schema.json by `npm run gen:types`. Do not edit. */

/**
 * placements.json: where the scheduler placed the copies of each service with replicas or placement.everywhere, and why (written by drover, kept across runs: a placement stays while it is feasible).
 */
export interface PlacementsFile {
  /**
   * The format of this file; drover refuses a version it does not know.
   */
  version?: 1;
  /**
   * service -> target -> why the copy was placed there ('new replica', 'replaces t2: unreachable since ...').
   */
  placements: {
    [k: string]: {
      [k: string]: string;
    };
  };
}
