/* Generated from schema/status.schema.json by `npm run gen:types`. Do not edit. */

/**
 * status.json: what is deployed where, and how the last deployment went. Written by drover apply; read by drover plan --deployed.
 */
export interface StatusFile {
  /**
   * The format of this file; drover refuses a version it does not know.
   */
  version?: 1;
  /**
   * deployed: every target runs the new configuration and passed its health checks; unchanged: nothing to do; failed: rolled back to what ran before; incomplete: the rollback failed too (see rollbackFailures). invalid: the commit's models are invalid, nothing was deployed (see errors).
   */
  outcome?: "deployed" | "unchanged" | "failed" | "incomplete" | "invalid";
  /**
   * When the deployment ended (ISO 8601).
   */
  time?: string;
  /**
   * The last commit deployed successfully.
   */
  lastAppliedCommit?: string;
  /**
   * The commit of the last deployment, successful or not.
   */
  lastAttemptedCommit?: string;
  /**
   * The controller's conditions (Ready, Reconciling, Stalled, Failed; and once its probes ran, Unreachable, Drifted and Degraded), as Kubernetes-style status conditions.
   */
  conditions?: Condition[];
  /**
   * Why the last attempted commit is invalid: FILE:LINE:COL: message lines.
   */
  errors?: string[];
  error?: Failure;
  rollbackFailures?: Failure[];
  /**
   * Per target: its current generation and the units deployed on it.
   */
  targets: {
    [k: string]: TargetStatus;
  };
  /**
   * What the controller's probes see, by target, as of its last commit of it: written when a target becomes Unreachable or Reachable, or when what drifted or is Degraded changes, at most once a minute.
   */
  observed?: {
    [k: string]: ObservedTargetStatus;
  };
  /**
   * How many commits drover has attempted on this branch: it grows by one with every commit whose outcome is recorded here.
   */
  observedGeneration?: number;
}
export interface Condition {
  type: "Ready" | "Reconciling" | "Stalled" | "Failed" | "Unreachable" | "Drifted" | "Degraded";
  status: "True" | "False" | "Unknown";
  reason: string;
  message: string;
  /**
   * When status last changed (not when the condition was last written).
   */
  lastTransitionTime: string;
  /**
   * The observedGeneration this condition was set at.
   */
  observedGeneration?: number;
}
export interface Failure {
  message: string;
  target?: string;
  unit?: string;
  /**
   * The last lines the failing command printed.
   */
  output?: string[];
}
export interface TargetStatus {
  generation: number;
  /**
   * Why the target's state is not known for sure.
   */
  unknown?: string;
  units: DeployedUnitStatus[];
}
export interface DeployedUnitStatus {
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
export interface ObservedTargetStatus {
  /**
   * Whether it answers its probes; null before the first probe ended.
   */
  reachable: boolean | null;
  /**
   * When reachable last changed (ISO 8601).
   */
  since: string;
  /**
   * Units (service@target/container) its manifest says run but its managers do not.
   */
  notRunning?: string[];
  /**
   * drover's own managers that are down.
   */
  managersDown?: string[];
  /**
   * Its current generation is not what the controller deployed.
   */
  otherGeneration?: boolean;
  /**
   * Units the controller gave up healing (they kept stopping), until their spec changes or drover retry.
   */
  degraded?: string[];
}
