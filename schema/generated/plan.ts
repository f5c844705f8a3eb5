/* Generated from schema/plan.schema.json by `npm run gen:types`. Do not edit. */

/**
 * new: activate a service that was deployed nowhere.
 * removed: deactivate a service that is desired nowhere.
 * added-to-target: activate a service on one more target; it stays on its others.
 * removed-from-target: deactivate a service on one target fewer; it stays on its others.
 * moved-here: activate a service on a target it moves to from targets it leaves.
 * moved-away: deactivate a service on a target it leaves for targets it moves to.
 * container-changed: the service runs on this target before and after, but not in this unit's container on both sides.
 * config-changed: the unit's own content (its resolved spec or what its renderer produces) changed.
 * dependency-changed: a service it is activated after (dependsOn, activatesAfter) is redeployed by this plan.
 * dependency-set-changed: the units it is activated after changed (one added or dropped, or taken off a target) while none of them is redeployed.
 * not-running: the unit is deployed as desired, but its manager does not run it (it crashed, was stopped by hand, or its manager is down): it is started again, and no new generation is recorded for it.
 */
export type PlanStepReasonKind =
  | "new"
  | "removed"
  | "added-to-target"
  | "removed-from-target"
  | "moved-here"
  | "moved-away"
  | "container-changed"
  | "config-changed"
  | "dependency-changed"
  | "dependency-set-changed"
  | "not-running";

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
  /**
   * IDs a pool with skipInUse began to reserve on a target (skipped: captured.json shows them in use there) or stopped reserving (ids.json's reserved), by target, pool and ID; absent when there are none.
   */
  reservationChanges?: ReservationChange[];
  warnings: string[];
  /**
   * The scheduler's changes to placements.json: a copy placed on a target, or taken off one, and why.
   */
  placementChanges?: PlacementChange[];
  /**
   * Services whose changed copies roll out in more than one batch (update.maxUnavailable at a time, each batch health-gated): the targets of each batch, in order.
   */
  rollouts?: Rollout[];
}
export interface PlanStep {
  op: "deactivate" | "activate";
  service: string;
  target: string;
  container: string;
  reason: PlanStepReason;
  /**
   * The unit's hash (old for deactivate, new for activate).
   */
  hash: string;
  /**
   * Indexes of earlier steps that must finish first; steps with no path between them may run in parallel.
   */
  requires: number[];
}
/**
 * Why the step is there: a kind to decide on and a message for people.
 */
export interface PlanStepReason {
  kind: PlanStepReasonKind;
  /**
   * The reason as text: new, removed, added to T, removed from T, moved from T, moved to T, container changed on T, config changed, dependency X changed, dependencies changed, not running on T: start.
   */
  message: string;
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
export interface ReservationChange {
  target: string;
  pool: string;
  id: number;
  change: "reserved" | "unreserved";
}
export interface PlacementChange {
  service: string;
  target: string;
  change: "placed" | "removed";
  reason: string;
}
export interface Rollout {
  service: string;
  batches: string[][];
}
