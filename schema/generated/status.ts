/* Generated from schema/status.schema.json by `npm run gen:types`. Do not edit. */

/**
 * status.json: what is deployed where. Written by drover apply; read by drover plan --deployed.
 */
export interface StatusFile {
  lastAppliedCommit?: string;
  /**
   * Per target: its current generation and the units deployed on it.
   */
  targets: {
    [k: string]: TargetStatus;
  };
}
export interface TargetStatus {
  generation: number;
  units: DeployedUnit[];
}
export interface DeployedUnit {
  service: string;
  container: string;
  /**
   * Everything on the target for the unit plus its dependencies' hashes.
   */
  hash: string;
  /**
   * The unit's own content, without its dependencies.
   */
  specHash: string;
  /**
   * Services this unit was ordered after (dependsOn and activatesAfter).
   */
  dependsOn: string[];
}
