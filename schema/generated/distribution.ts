/* Generated from schema/distribution.schema.json by `npm run gen:types`. Do not edit. */

export type Placement =
  | string[]
  | {
      targets: PlacementTarget[];
    };

/**
 * distribution.yaml: which service runs where.
 */
export interface DistributionFile {
  /**
   * Service name to a list of target names, or to {targets: [{target, container}]}.
   */
  distribution: {
    [k: string]: Placement;
  };
}
export interface PlacementTarget {
  target: string;
  /**
   * Defaults to the service's type.
   */
  container?: string;
}
