/**
 * status.json, built in one place (Flux's conditions, kstatus conventions): what each target runs, how
 * the last attempted commit went, and the conditions Ready, Reconciling, Stalled and Failed. A condition
 * keeps its lastTransitionTime until its status changes; Reconciling and Stalled are True only while so.
 * Pure: the time and the outcome are passed in.
 */
import type {
  Condition,
  DeployedUnitStatus,
  Failure,
  ObservedTargetStatus,
  StatusFile,
} from '../../schema/generated/status.ts';
import { compareStrings } from './problems.ts';

/** The format of status.json that drover writes. */
export const STATUS_VERSION = 1;

/** The conditions every status carries, in this order. */
export const CONDITION_TYPES = ['Ready', 'Reconciling', 'Stalled', 'Failed'] as const;
/** The conditions the controller's probes set, after those, once it has probed. */
export const OBSERVED_CONDITION_TYPES = ['Unreachable', 'Drifted', 'Degraded'] as const;

/** A condition's new state: its type, status, reason (CamelCase) and message. */
export interface ConditionUpdate {
  type: Condition['type'];
  status: Condition['status'];
  reason: string;
  message: string;
}

/** What status.json needs from a deployment's outcome (apply's DeployResult has this shape). */
export interface DeploymentRecord {
  ok: boolean;
  plan: { steps: readonly unknown[] };
  targets: Readonly<
    Record<
      string,
      {
        generation: number;
        unknown?: string;
        units: readonly (Omit<DeployedUnitStatus, 'dependsOn'> & { dependsOn: readonly string[] })[];
      }
    >
  >;
  error?: Failure;
  rollbackFailures: readonly Failure[];
}

/**
 * Sets one condition: a new lastTransitionTime only when its status changes. Every condition in
 * CONDITION_TYPES is present in the result, in that order (a missing one starts False), then those of
 * OBSERVED_CONDITION_TYPES that were ever set.
 */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  update: ConditionUpdate,
  now: Date,
  observedGeneration: number,
): Condition[] {
  const at = now.toISOString();
  const observed = OBSERVED_CONDITION_TYPES.filter(
    (type) => type === update.type || conditions?.some((c) => c.type === type),
  );
  return [...CONDITION_TYPES, ...observed].map((type) => {
    const current = conditions?.find((c) => c.type === type);
    if (type !== update.type) {
      return current ?? { type, status: 'False', reason: 'None', message: '', lastTransitionTime: at };
    }
    const lastTransitionTime =
      current !== undefined && current.status === update.status ? current.lastTransitionTime : at;
    return { ...update, observedGeneration, lastTransitionTime };
  });
}

/** Sets several conditions in order; the keys come back in the order drover writes them. */
function setConditions(status: StatusFile, updates: readonly ConditionUpdate[], now: Date): StatusFile {
  let conditions = status.conditions;
  for (const update of updates)
    conditions = setCondition(conditions, update, now, status.observedGeneration ?? 0);
  return inKeyOrder({ ...status, conditions });
}

/** The order of status.json's keys: what happened, then why, then what runs. */
const KEY_ORDER: readonly (keyof StatusFile)[] = [
  'version',
  'outcome',
  'time',
  'lastAppliedCommit',
  'lastAttemptedCommit',
  'observedGeneration',
  'conditions',
  'errors',
  'error',
  'rollbackFailures',
  'targets',
];

/** The status with its keys in the one order drover writes them. */
function inKeyOrder(status: StatusFile): StatusFile {
  const out: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (status[key] !== undefined) out[key] = status[key];
  for (const [key, value] of Object.entries(status)) if (!(key in out)) out[key] = value;
  return out as unknown as StatusFile;
}

/** The status before any commit was attempted: nothing deployed. */
export function initialStatus(): StatusFile {
  return { version: STATUS_VERSION, targets: {} };
}

/**
 * A new commit is being reconciled: it becomes the last attempted one (observedGeneration grows by one)
 * and Reconciling is True until the outcome is marked.
 */
export function markReconciling(prior: StatusFile | undefined, commit: string, now: Date): StatusFile {
  const base = prior ?? initialStatus();
  const status: StatusFile = {
    ...base,
    version: STATUS_VERSION,
    lastAttemptedCommit: commit,
    observedGeneration: (base.observedGeneration ?? 0) + 1,
  };
  return setConditions(
    status,
    [
      {
        type: 'Reconciling',
        status: 'True',
        reason: 'Progressing',
        message: `deploying ${short(commit)}`,
      },
    ],
    now,
  );
}

/** The attempted commit's models are invalid: nothing was deployed; Stalled until a new commit. */
export function markInvalid(status: StatusFile, errors: readonly string[], now: Date): StatusFile {
  const next: StatusFile = { ...status, outcome: 'invalid', time: now.toISOString(), errors: [...errors] };
  delete next.error;
  delete next.rollbackFailures;
  const commit = short(status.lastAttemptedCommit);
  return setConditions(
    next,
    [
      notReconciling('InvalidModels'),
      {
        type: 'Stalled',
        status: 'True',
        reason: 'InvalidModels',
        message: `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${commit}`,
      },
      { type: 'Failed', status: 'False', reason: 'None', message: '' },
      { type: 'Ready', status: 'False', reason: 'InvalidModels', message: `${commit} is invalid` },
    ],
    now,
  );
}

/**
 * The outcome of deploying the attempted commit (or, without one, of `drover apply` or `rollback`):
 * what each target runs, and Ready or Failed. A failure keeps the last applied commit.
 */
export function markDeployment(
  prior: StatusFile | undefined,
  result: DeploymentRecord,
  now: Date,
  commit?: string,
): StatusFile {
  const outcome = result.ok
    ? result.plan.steps.length === 0
      ? 'unchanged'
      : 'deployed'
    : result.rollbackFailures.length > 0
      ? 'incomplete'
      : 'failed';
  const status: StatusFile = {
    ...(prior ?? initialStatus()),
    version: STATUS_VERSION,
    outcome,
    time: now.toISOString(),
    targets: targetsOf(result),
  };
  delete status.errors;
  delete status.error;
  delete status.rollbackFailures;
  if (commit !== undefined) status.lastAttemptedCommit = commit;
  if (result.ok) {
    if (commit !== undefined) status.lastAppliedCommit = commit;
    else delete status.lastAppliedCommit; // a deployment that no commit describes
  }
  if (result.error) status.error = result.error;
  if (result.rollbackFailures.length > 0) status.rollbackFailures = [...result.rollbackFailures];
  const what = commit !== undefined ? short(commit) : 'the configuration';
  const updates: ConditionUpdate[] = result.ok
    ? [
        notReconciling('Deployed'),
        { type: 'Stalled', status: 'False', reason: 'None', message: '' },
        { type: 'Failed', status: 'False', reason: 'None', message: '' },
        { type: 'Ready', status: 'True', reason: 'Deployed', message: `${what} runs on every target` },
      ]
    : [
        notReconciling('DeploymentFailed'),
        { type: 'Stalled', status: 'False', reason: 'None', message: '' },
        {
          type: 'Failed',
          status: 'True',
          reason: outcome === 'incomplete' ? 'RollbackIncomplete' : 'DeploymentFailed',
          message: result.error?.message ?? 'failed',
        },
        {
          type: 'Ready',
          status: 'False',
          reason: outcome === 'incomplete' ? 'RollbackIncomplete' : 'DeploymentFailed',
          message: `deploying ${what} failed`,
        },
      ];
  return setConditions(status, updates, now);
}

/** Whether two statuses say the same about what runs where. */
export function sameTargets(a: StatusFile | undefined, b: StatusFile): boolean {
  return a !== undefined && JSON.stringify(a.targets) === JSON.stringify(b.targets);
}

function targetsOf(result: DeploymentRecord): StatusFile['targets'] {
  const targets: StatusFile['targets'] = {};
  for (const [name, target] of Object.entries(result.targets).sort(([a], [b]) => compareStrings(a, b))) {
    targets[name] = {
      generation: target.generation,
      ...(target.unknown !== undefined ? { unknown: target.unknown } : {}),
      units: target.units
        .map((u) => ({
          service: u.service,
          container: u.container,
          hash: u.hash,
          specHash: u.specHash,
          dependsOn: [...u.dependsOn],
        }))
        .sort((a, b) => compareStrings(a.service, b.service) || compareStrings(a.container, b.container)),
    };
  }
  return targets;
}

function notReconciling(reason: string): ConditionUpdate {
  return { type: 'Reconciling', status: 'False', reason, message: '' };
}

function short(commit: string | undefined): string {
  return commit === undefined ? 'the commit' : commit.slice(0, 12);
}

/**
 * A status with what the probes see, by target (a target's entry drops empty lists), and whether that
 * changed from what `status` held: what a status commit is written for.
 */
export function withObserved(
  status: StatusFile,
  observed: Readonly<Record<string, ObservedTargetStatus>>,
  now: Date,
): { status: StatusFile; changed: boolean } {
  const compact: Record<string, ObservedTargetStatus> = {};
  for (const [target, o] of Object.entries(observed).sort(([a], [b]) => compareStrings(a, b))) {
    const entry: ObservedTargetStatus = { reachable: o.reachable, since: o.since };
    for (const key of ['notRunning', 'managersDown', 'degraded'] as const) {
      const list = o[key];
      if (list && list.length > 0) entry[key] = [...list].sort(compareStrings);
    }
    if (o.otherGeneration) entry.otherGeneration = true;
    compact[target] = entry;
  }
  const changed = JSON.stringify(compact) !== JSON.stringify(status.observed ?? {});
  return {
    status: setConditions({ ...status, observed: compact }, observedConditions(compact), now),
    changed,
  };
}

/**
 * The conditions of what the probes see: Unreachable naming the targets (since when), Drifted naming
 * what is not as deployed, Degraded naming the units given up on.
 */
function observedConditions(observed: Readonly<Record<string, ObservedTargetStatus>>): ConditionUpdate[] {
  const entries = Object.entries(observed);
  const unreachable = entries
    .filter(([, o]) => o.reachable === false)
    .map(([t, o]) => `${t} since ${o.since}`);
  const drift = entries.flatMap(([target, o]) => {
    const what = [
      ...(o.notRunning ?? []).map((unit) => `${unit} not running`),
      ...(o.managersDown ?? []).map((manager) => `${manager} down`),
      ...(o.otherGeneration ? ['another generation runs'] : []),
    ];
    return what.length > 0 ? [`${target}: ${what.join(', ')}`] : [];
  });
  const degraded = entries.flatMap(([, o]) => o.degraded ?? []);
  const condition = (
    type: ConditionUpdate['type'],
    found: string[],
    reason: string,
    none: string,
  ): ConditionUpdate =>
    found.length > 0
      ? { type, status: 'True', reason, message: found.join('; ') }
      : { type, status: 'False', reason: none, message: '' };
  return [
    condition('Unreachable', unreachable, 'TargetsUnreachable', 'AllReachable'),
    condition('Drifted', drift, 'Drift', 'AsDeployed'),
    condition('Degraded', degraded, 'CrashLoop', 'None'),
  ];
}
