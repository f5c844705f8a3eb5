/**
 * The transition on real targets, as disnix-env runs it but agentless: lock every target (learning what
 * it runs), ship what is missing, plan against what runs, deactivate obsolete units (dependents first),
 * run the setup of the new ones once per target, activate them (dependencies first, in parallel where
 * the plan allows, at most numOfCores per target), gate each on its health check, then record a new
 * generation on every target that changed and unlock. Any failure or interrupt rolls every target back.
 * Every command has a bound: a target that stops answering is given up (its state is reported unknown)
 * and the others are rolled back. Transports, the clock, the log and the secrets to redact are passed in.
 */
import type { Log } from '../log.ts';
import { idsMissingFrom, type IdsDocument } from '../core/ids.ts';
import { planTransition, type Plan } from '../core/plan.ts';
import { rolloutStep } from '../core/rollout.ts';
import { renewalAt, type LeaseTerms } from '../core/lease.ts';
import { compareStrings } from '../core/problems.ts';
import type { TargetModel } from '../core/models/types.ts';
import { Redactor } from '../redact.ts';
import { BoundedTransport, openWithin } from '../transport/bounded.ts';
import { TransportError, type Transport } from '../transport/transport.ts';
import { unitId } from '../core/units.ts';
import { waitHealthy } from './health.ts';
import { MANIFEST_VERSION, ManifestError, type DeployedUnit, type Manifest } from './manifest.ts';
import { installBootHook } from './boot-hook.ts';
import {
  carryState,
  restoreState,
  stateMovesOf,
  undoMove,
  type MoveContext,
  type MovedState,
  type StateMove,
} from './state.ts';
import {
  activationScript,
  begin,
  DEFAULT_BOUNDS,
  preparationScript,
  breakLock,
  commitGeneration,
  deactivationScript,
  recordGeneration,
  refreshLock,
  RemoteError,
  renewLeases,
  runScript,
  unitsDigest,
  unlock,
  upload,
  type Bounds,
} from './remote.ts';
import type { Observed } from '../core/observed.ts';

/** Who holds the locks drover takes. */
export interface LockOwner {
  id: string;
  host: string;
  pid: number;
  commit?: string;
  time: string;
}

/** The edges of a deployment: how to reach targets, the clock, the log, an interrupt. */
export interface DeployContext {
  connect(target: TargetModel): Promise<Transport>;
  now(): Date;
  sleep(ms: number): Promise<void>;
  log: Log;
  owner: LockOwner;
  /** Whether a lock owner is a dead drover on this machine (then its lock is stale at once). */
  isDeadOwner(owner: LockOwner): boolean;
  /** Aborting it (SIGINT, SIGTERM) stops the deployment and rolls it back. */
  signal?: AbortSignal;
  /** Told the plan once the targets' state is known, before anything changes. */
  onPlan?: (plan: Plan) => void;
  /** A lock untouched for this long is stale (default 10 minutes). */
  staleLockMinutes?: number;
  /** Text never to record (the git token): redacted from output and errors, with keys and secret variables. */
  secrets?: readonly string[];
  /** How long each kind of command may take (default DEFAULT_BOUNDS). */
  bounds?: Partial<Bounds>;
}

/** What to deploy: the units each target should run, and how to produce missing store entries. */
interface DeployRequest {
  targets: readonly TargetModel[];
  desired: readonly DeployedUnit[];
  /** A tar of the named store entries for a target, or an error when they cannot be produced. */
  pack(target: string, entries: string[]): Promise<Buffer>;
  commit?: string;
  /**
   * The IDs the desired units were assigned from. When a target runs a unit with an ID they do not hold,
   * nothing is changed: RunningIdsError says which, to assign again from what runs.
   */
  priorIds?: IdsDocument;
  /** Units not started again even when they do not run (the controller's heals: backing off, Degraded). */
  leaveAlone?: ReadonlySet<string>;
  /**
   * Targets known (to the controller's probes) to run a generation whose units have this digest: one
   * that cannot be reached while its desired units have that digest needs no change, and is left out
   * instead of failing the deployment (reported at that generation).
   */
  knownRunning?: ReadonlyMap<string, { digest: string; generation: number }>;
  /**
   * Targets whose copies the scheduler placed elsewhere because they have been unreachable too long, and
   * why: one that cannot be reached is left out whatever it needs, and reported as unknown until it
   * answers again (its stale copies are then stopped).
   */
  failedOver?: ReadonlyMap<string, string>;
  /**
   * Services whose changed copies roll out in batches, with the batch size (update.maxUnavailable): each
   * batch is a deployment of its own, health-gated; one that fails is rolled back and stops the rollout.
   */
  rolling?: ReadonlyMap<string, number>;
  /**
   * Exclusive services: their desired copies get a lease on these terms before anything changes (see
   * core/lease.ts); `sent` is told each lease's expiry (seconds since the epoch) before it is sent.
   */
  leases?: { services: ReadonlySet<string>; terms: LeaseTerms; sent?(target: string, expiry: number): void };
}

/** Where a target ended up. */
interface TargetOutcome {
  generation: number;
  units: DeployedUnit[];
  /** Set when drover could not bring the target to a known state. */
  unknown?: string;
}

/** Why a deployment failed. */
interface DeployFailure {
  message: string;
  target?: string;
  unit?: string;
  output?: string[];
}

/** The outcome of a deployment. */
export interface DeployResult {
  ok: boolean;
  /** The commit the targets run when the deployment succeeded, when one commit describes it. */
  commit?: string;
  plan: Plan;
  targets: Record<string, TargetOutcome>;
  error?: DeployFailure;
  /** Rollback steps that failed too, with what to do about them. */
  rollbackFailures: DeployFailure[];
  /** Commands run per target. */
  roundTrips: Record<string, number>;
}

/** A deployment that could not start (a target unreachable or locked): nothing was changed. */
export class DeployError extends Error {
  readonly code = 'E_DEPLOY';
  constructor(
    message: string,
    readonly target?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DeployError';
  }
}

/**
 * The targets run units with IDs the deployment's prior IDs do not hold (ids.json was deleted or edited,
 * or a target was rolled back): nothing was changed. `running` holds those IDs.
 */
export class RunningIdsError extends DeployError {
  constructor(readonly running: IdsDocument) {
    super('the targets run IDs that the prior IDs do not hold');
    this.name = 'RunningIdsError';
  }
}

interface Session {
  target: TargetModel;
  transport: BoundedTransport;
  generation: number;
  deployed: DeployedUnit[];
  /** What its managers said of the deployed units when it was locked (nothing for an old generation). */
  observed?: Observed;
  /** The lock owner text this run wrote; only a lock still holding it is ours to release. */
  owner: string;
  locked: boolean;
}

/** What a deployment's steps share: the context, its bounds and its redactor. */
interface Run extends DeployContext {
  bounds: Bounds;
  redactor: Redactor;
}

/** Runs the transition from what the targets run to `request.desired`. */
export function deploy(request: DeployRequest, context: DeployContext): Promise<DeployResult> {
  return deployBatch(request, context, 1);
}

/** One deployment; for a rolling upgrade, its `batch`th batch, and then the next ones. */
async function deployBatch(
  request: DeployRequest,
  context: DeployContext,
  batch: number,
): Promise<DeployResult> {
  const run: Run = {
    ...context,
    bounds: boundsOf(context),
    redactor: new Redactor(context.secrets),
  };
  const { sessions, missing, leftOut } = await lockTargets(request, run);
  for (const name of leftOut)
    run.log.warn(
      { target: name },
      request.failedOver?.has(name)
        ? `${name} cannot be reached (${request.failedOver.get(name)!}): left out, its copies placed elsewhere`
        : `${name} cannot be reached but needs no change: left out`,
    );
  const reached =
    leftOut.length === 0
      ? request
      : {
          ...request,
          targets: request.targets.filter((t) => sessions.has(t.name)),
          desired: request.desired.filter((u) => sessions.has(u.target)),
        };
  // A rolling service's changed copies go a batch at a time: this deployment takes the next batch, and
  // the next one starts once it succeeded (a failed batch is rolled back, and the rest keep what they run).
  const step = request.rolling
    ? rolloutStep(
        reached.desired,
        [...sessions.values()].flatMap((s) => s.deployed),
        request.rolling,
      )
    : undefined;
  const rolling = step !== undefined && step.held.length > 0;
  if (step !== undefined && step.now.length > 0 && (rolling || batch > 1))
    run.log.info(
      { batch, now: step.now, held: step.held },
      `rolling out, batch ${batch}: ${step.now.join(', ')} now, ${step.held.length} more after`,
    );
  const result = await deployReached(
    rolling ? { ...reached, desired: step.desired } : reached,
    sessions,
    missing,
    run,
  );
  if (rolling && result.ok) return deployBatch(request, context, batch + 1);
  if (rolling)
    run.log.warn({ held: step.held }, `rollout stopped: ${step.held.join(', ')} keep what they run`);
  // Reported at the generation it runs, which holds its desired units; a failed-over one as unknown.
  for (const name of leftOut) {
    const why = request.failedOver?.get(name);
    result.targets[name] = {
      generation: request.knownRunning?.get(name)?.generation ?? 0,
      units: why === undefined ? desiredOn(request, name) : [],
      ...(why !== undefined
        ? { unknown: `${why}: left out, its copies placed elsewhere; put right when it answers again` }
        : {}),
    };
  }
  return result;
}

/** The deployment once the targets it reaches are locked. */
async function deployReached(
  request: DeployRequest,
  sessions: Map<string, Session>,
  missing: Map<string, string[]>,
  run: Run,
): Promise<DeployResult> {
  const heartbeat = setInterval(() => {
    for (const s of sessions.values())
      if (s.locked)
        void refreshLock(s.transport, s.target.stateDir, s.owner, run.bounds).catch(() => undefined);
  }, 60_000);
  try {
    if (request.priorIds !== undefined) {
      const byTarget = [...sessions.values()]
        .filter((s) => s.locked)
        .sort((a, b) => compareStrings(a.target.name, b.target.name));
      const running = idsMissingFrom(
        request.priorIds,
        byTarget.flatMap((s) => s.deployed),
      );
      if (Object.keys(running.ids).length > 0) {
        await releaseAll(sessions, run.bounds);
        throw new RunningIdsError(running);
      }
    }
    await ship(request, sessions, missing, run);
    await grantLeases(request, sessions, run);
    return redactResult(await transition(request, sessions, run), run.redactor);
  } finally {
    clearInterval(heartbeat);
    await Promise.all([...sessions.values()].map((s) => s.transport.close().catch(() => undefined)));
  }
}

/** The bounds of a deployment: the context's, else the defaults. */
export function boundsOf(context: DeployContext): Bounds {
  return { ...DEFAULT_BOUNDS, ...context.bounds };
}

/** Opens a target's transport within the connect bound; every command on it then has a bound too. */
export async function connectBounded(target: TargetModel, context: DeployContext): Promise<BoundedTransport> {
  const bounds = boundsOf(context);
  const transport = await openWithin(context.connect(target), bounds.connectMs, target.name);
  return new BoundedTransport(transport, {
    target: target.name,
    defaultMs: bounds.commandMs,
    graceMs: bounds.graceMs,
  });
}

/**
 * Runs one `sh -c script` on a target over a connection of its own, within the script bound, and closes
 * it; its standard output, or a RemoteError saying what `doing` failed.
 */
export function runOnTarget(
  target: TargetModel,
  context: DeployContext,
  doing: string,
  script: string,
  args: readonly string[] = [],
): Promise<string> {
  return withTarget(target, context, (transport) => scriptOutput(transport, context, doing, script, args));
}

/** Runs `use` with a connection to the target, opened within its bound and closed after. */
export async function withTarget<T>(
  target: TargetModel,
  context: DeployContext,
  use: (transport: BoundedTransport) => Promise<T>,
): Promise<T> {
  const transport = await connectBounded(target, context);
  try {
    return await use(transport);
  } finally {
    await transport.close().catch(() => undefined);
  }
}

/** Runs one `sh -c script` on a connection, within the script bound: its standard output, or a RemoteError. */
export async function scriptOutput(
  transport: Transport,
  context: DeployContext,
  doing: string,
  script: string,
  args: readonly string[] = [],
): Promise<string> {
  const result = await transport.exec(['sh', '-c', script, 'sh', ...args], {
    timeoutMs: boundsOf(context).scriptMs,
  });
  if (result.code !== 0) throw new RemoteError(doing, result);
  return result.stdout;
}

/** Opens a target's transport within its bound; a failure is a DeployError that names the target. */
export async function connectTarget(target: TargetModel, context: DeployContext): Promise<BoundedTransport> {
  try {
    return await connectBounded(target, context);
  } catch (error) {
    throw targetError(target.name, error);
  }
}

/**
 * Connects to and locks every target, learning what each runs and which store entries it lacks; on any
 * failure releases what it took and throws DeployError.
 */
async function lockTargets(
  request: DeployRequest,
  context: Run,
): Promise<{ sessions: Map<string, Session>; missing: Map<string, string[]>; leftOut: string[] }> {
  const sessions = new Map<string, Session>();
  const owner = JSON.stringify(context.owner);
  const missing = new Map<string, string[]>();
  const results = await Promise.allSettled(
    request.targets.map(async (t) => {
      // Known to be cut off for long: not even tried (a connection would wait for its whole bound).
      const why = request.failedOver?.get(t.name);
      if (why !== undefined) throw new DeployError(`${t.name}: ${why}`, t.name);
      missing.set(t.name, await lockTarget(t, desiredOn(request, t.name), owner, sessions, context));
    }),
  );
  // A target that cannot be reached and needs no change (see knownRunning), or whose copies moved (see
  // failedOver), is left out.
  const leftOut = request.targets
    .filter((t, i) => {
      const r = results[i]!;
      const known = request.knownRunning?.get(t.name);
      return (
        r.status === 'rejected' &&
        (r.reason instanceof DeployError || r.reason instanceof TransportError) &&
        // One that answered, then failed, is not one that cannot be reached.
        sessions.get(t.name)?.locked !== true &&
        (request.failedOver?.has(t.name) === true ||
          known?.digest === unitsDigest(desiredOn(request, t.name)))
      );
    })
    .map((t) => t.name);
  for (const name of leftOut) {
    await sessions
      .get(name)
      ?.transport.close()
      .catch(() => undefined);
    sessions.delete(name);
  }
  const failed = results.find(
    (r, i): r is PromiseRejectedResult =>
      r.status === 'rejected' && !leftOut.includes(request.targets[i]!.name),
  );
  if (failed) {
    await releaseAll(sessions, context.bounds);
    await Promise.all([...sessions.values()].map((s) => s.transport.close().catch(() => undefined)));
    const reason: unknown = failed.reason;
    if (reason instanceof DeployError || reason instanceof TransportError)
      throw new DeployError(context.redactor.text(reason.message), reason.target, { cause: reason });
    throw reason;
  }
  return { sessions, missing, leftOut };
}

/**
 * Connects to one target and takes its lock, breaking a stale one (or a dead local run's) once; returns
 * the store entries the target lacks. The session is registered before locking, so that it is closed
 * whatever happens.
 */
async function lockTarget(
  target: TargetModel,
  desired: readonly DeployedUnit[],
  owner: string,
  sessions: Map<string, Session>,
  context: Run,
): Promise<string[]> {
  const transport = await connectTarget(target, context);
  const session: Session = { target, transport, generation: 0, deployed: [], owner, locked: false };
  sessions.set(target.name, session);
  const entries = [...new Set(desired.flatMap((u) => u.entries))];
  for (let attempt = 0; attempt < 2; attempt++) {
    let result: Awaited<ReturnType<typeof begin>>;
    try {
      result = await begin(
        transport,
        target.stateDir,
        owner,
        context.staleLockMinutes ?? 10,
        entries,
        context.bounds,
        unitsDigest(desired),
      );
    } catch (error) {
      // The script takes the lock before it prints the manifest: a manifest drover cannot read leaves it held.
      if (error instanceof ManifestError) session.locked = true;
      throw targetError(target.name, error);
    }
    if (result.unchanged) {
      // It runs exactly what is desired: nothing to change there, so no lock to hold.
      session.generation = result.generation;
      session.deployed = [...desired];
      return [];
    }
    if (!result.locked) {
      session.locked = true;
      session.generation = result.generation;
      session.deployed = result.manifest?.units ?? [];
      if (result.observed) session.observed = result.observed;
      return result.missing;
    }
    const holder = parseOwner(result.owner);
    if (attempt === 0 && (result.stale || (holder !== undefined && context.isDeadOwner(holder)))) {
      context.log.warn(
        { target: target.name, holder: context.redactor.text(result.owner) },
        'recovering a stale lock',
      );
      await breakLock(transport, target.stateDir, result.owner, context.bounds);
      continue;
    }
    throw new DeployError(`${target.name} is locked by ${describeOwner(holder, result.owner)}`, target.name);
  }
  throw new DeployError(`${target.name}: could not take the lock`, target.name);
}

/** A failure to reach or lock a target, as a DeployError that names the target once. */
function targetError(target: string, error: unknown): DeployError {
  if (error instanceof DeployError) return error;
  const message = messageOf(error);
  const named = message.startsWith(`${target}: `) ? message : `${target}: ${message}`;
  return new DeployError(named, target, { cause: error });
}

/** The desired units of a target. */
function desiredOn(request: DeployRequest, target: string): DeployedUnit[] {
  return request.desired.filter((u) => u.target === target);
}

/** Ships what each target lacks, one archive per target (see onEachTarget for failures). */
async function ship(
  request: DeployRequest,
  sessions: Map<string, Session>,
  missing: Map<string, string[]>,
  context: Run,
): Promise<void> {
  await onEachTarget(
    [...missing].filter(([, entries]) => entries.length > 0),
    async (session, entries) => {
      const tar = await request.pack(session.target.name, entries);
      await upload(session.transport, session.target.stateDir, tar, context.bounds);
    },
    sessions,
    context,
  );
}

/**
 * Grants the desired copies of exclusive services a lease on their targets before anything changes (see
 * core/lease.ts), telling `request.leases.sent` first; a target whose clock is too far from ours fails
 * the deployment.
 */
async function grantLeases(
  request: DeployRequest,
  sessions: Map<string, Session>,
  context: Run,
): Promise<void> {
  const leases = request.leases;
  if (leases === undefined) return;
  const byTarget = new Map<string, string[]>();
  for (const unit of request.desired)
    if (leases.services.has(unit.service) && sessions.has(unit.target))
      byTarget.set(unit.target, [...(byTarget.get(unit.target) ?? []), unit.service]);
  await onEachTarget(
    byTarget,
    async (session, services) => {
      const renewal = renewalAt(context.now().getTime(), leases.terms, services);
      leases.sent?.(session.target.name, renewal.expiry);
      const answer = await renewLeases(session.transport, session.target.stateDir, renewal, context.bounds);
      if (!answer.renewed)
        throw new Error(
          `its clock reads ${new Date(answer.clock * 1000).toISOString()}, more than ${leases.terms.maxSkewMs / 1000}s from this controller's: no lease for ${services.join(', ')}`,
        );
      context.log.info(
        { target: session.target.name, services, until: new Date(renewal.expiry * 1000).toISOString() },
        `${services.join(', ')} on ${session.target.name} run under a lease until ${new Date(renewal.expiry * 1000).toISOString()}: a running controller renews it`,
      );
    },
    sessions,
    context,
  );
}

/**
 * Runs `step` on each target's session at once, with what it is given for that target; once every one
 * has ended, a failure releases every lock and throws DeployError that names its target (deploy closes
 * the transports).
 */
async function onEachTarget<T>(
  work: Iterable<readonly [string, T]>,
  step: (session: Session, what: T) => Promise<void>,
  sessions: Map<string, Session>,
  context: Run,
): Promise<void> {
  const results = await Promise.allSettled(
    [...work].map(async ([target, what]) => {
      try {
        await step(sessions.get(target)!, what);
      } catch (error) {
        throw targetError(target, error);
      }
    }),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (!failed) return;
  await releaseAll(sessions, context.bounds);
  const error = failed.reason as DeployError;
  throw new DeployError(context.redactor.text(error.message), error.target, { cause: error.cause });
}

/**
 * Releases every lock this run holds; returns the targets whose lock could not be released and why (a
 * target given up is left alone: its lock stays until it is stale).
 */
async function releaseAll(sessions: Map<string, Session>, bounds: Bounds): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  await Promise.all(
    [...sessions.values()]
      .filter((s) => s.locked && s.transport.lost === undefined)
      .map(async (s) => {
        try {
          await unlock(s.transport, s.target.stateDir, s.owner, bounds);
          s.locked = false;
        } catch (error) {
          failures.set(s.target.name, messageOf(error));
        }
      }),
  );
  return failures;
}

/** A step of the plan, bound to the unit record it acts on. */
interface BoundStep {
  index: number;
  op: 'activate' | 'deactivate';
  unit: DeployedUnit;
  requires: number[];
  /** An activation's unit replaces its former version in place: the deactivation folded into it. */
  replaces?: BoundStep;
  /** An activation's unit is deployed but does not run: started again, replacing itself in place. */
  restarts?: boolean;
}

/** Steps of one phase run together on one target: one script, one round trip. */
interface Wave {
  target: string;
  op: 'activate' | 'deactivate';
  steps: BoundStep[];
}

/** Why a deployment stops: a step that failed (unset for an interrupt or a failed record), and why. */
interface StepFailure {
  step?: BoundStep;
  error: DeployFailure;
}

/**
 * Carries a deployment out on the locked targets: plan, deactivate, prepare, activate, then record the
 * new generations; the first failure (or an interrupt) stops it and rolls everything done back.
 */
async function transition(
  request: DeployRequest,
  sessions: Map<string, Session>,
  context: Run,
): Promise<DeployResult> {
  const { plan, steps } = planAgainstRunning(request, sessions, context);
  const activations = steps.filter((s) => s.op === 'activate');
  const folded = new Set(activations.map((s) => s.replaces));
  const deactivations = steps.filter((s) => s.op === 'deactivate' && !folded.has(s));
  const done: Wave[] = [];
  const moved: MovedState[] = [];
  // A moving state is carried before anything stops (what it runs in on the old target may stop too),
  // and restored just before its new copy starts (what it runs in there may start first).
  const restoreFirst = async (wave: Wave) => {
    for (const step of wave.steps) {
      const m = moved.find((s) => s.to === step.unit);
      if (m === undefined) continue;
      try {
        await restoreState(m, moveContextOf(m, sessions, context));
      } catch (error) {
        return { step, error: moveFailure(m, error) };
      }
    }
    return undefined;
  };
  const failure =
    (await carryStates(activations, steps, sessions, moved, context)) ??
    (await runWaves(deactivations, sessions, done, context)) ??
    (await prepare(activations, sessions, context)) ??
    (await runWaves(activations, sessions, done, context, restoreFirst));
  if (failure) return rollBack(plan, failure, done, moved, sessions, context);
  const manifests = manifestsOf(plan, request, sessions, context);
  const unrecorded = await recordGenerations(manifests, sessions, context);
  if (unrecorded) return rollBack(plan, unrecorded, done, moved, sessions, context);
  const result = await commitGenerations(plan, manifests, sessions, context);
  if (result.ok && request.commit !== undefined) result.commit = request.commit;
  for (const m of result.ok ? moved : [])
    context.log.info(
      { service: m.service, from: m.from.target, to: m.to.target, snapshot: m.snapshot, bytes: m.bytes },
      `${m.service}: its state moved from ${m.from.target} to ${m.to.target} (snapshot ${m.snapshot}, ${m.bytes} bytes, sha256 ${m.sha256}); the copy on ${m.from.target} stays, locked, until drover gc --state`,
    );
  return result;
}

/**
 * Carries the state of the services whose state moves with them (deployState) to their new targets,
 * one after another (see state.ts); `moved` tells rollBack what to undo. A failure is charged to the
 * activation of the service's new copy.
 */
async function carryStates(
  activations: readonly BoundStep[],
  steps: readonly BoundStep[],
  sessions: Map<string, Session>,
  moved: MovedState[],
  context: Run,
): Promise<StepFailure | undefined> {
  const deactivated = steps.filter((s) => s.op === 'deactivate').map((s) => s.unit);
  const name = `${context.now().toISOString().replace(/[:.]/g, '-')}.move.snapshot`;
  for (const move of stateMovesOf(
    deactivated,
    activations.map((s) => s.unit),
  )) {
    const step = activations.find((s) => s.unit === move.to)!;
    if (move.from.commands?.lock === undefined)
      context.log.warn(
        { service: move.service, target: move.from.target },
        `${move.service}: its activation module cannot lock it on ${move.from.target}: what is written there while it moves is lost`,
      );
    context.log.info(
      { service: move.service, from: move.from.target, to: move.to.target },
      `${move.service}: moving its state from ${move.from.target} to ${move.to.target} (locked there until it has moved)`,
    );
    try {
      await carryState(move, name, moveContextOf(move, sessions, context), (m) => moved.push(m));
    } catch (error) {
      return { step, error: moveFailure(move, error) };
    }
  }
  return undefined;
}

/** Why moving a service's state failed, charged to its new copy. */
function moveFailure(move: StateMove, error: unknown): DeployFailure {
  const failure: DeployFailure = {
    message: `moving the state of ${move.service} from ${move.from.target} to ${move.to.target} failed: ${messageOf(error)}`,
    target: move.to.target,
    unit: unitId(move.to),
  };
  if (error instanceof RemoteError && error.output.length > 0) failure.output = error.output;
  return failure;
}

/** The connections a move uses: those of its two targets' sessions. */
function moveContextOf(move: StateMove, sessions: Map<string, Session>, context: Run): MoveContext {
  return {
    from: sessions.get(move.from.target)!.transport,
    to: sessions.get(move.to.target)!.transport,
    bounds: context.bounds,
    redactor: context.redactor,
  };
}

/** Plans from what the targets run to what is desired, tells `onPlan`, and binds each step to its unit. */
function planAgainstRunning(
  request: DeployRequest,
  sessions: Map<string, Session>,
  context: DeployContext,
): { plan: Plan; steps: BoundStep[] } {
  const deployed = [...sessions.values()].flatMap((s) => s.deployed);
  const notRunning = new Set(
    [...sessions.values()]
      .flatMap((s) => [...(s.observed?.notRunning.keys() ?? [])])
      .filter((id) => !request.leaveAlone?.has(id)),
  );
  const movingState = new Set(request.desired.filter((u) => u.deployState === true).map((u) => u.service));
  const plan = planTransition(deployed, request.desired, notRunning, movingState);
  context.onPlan?.(plan);
  const before = new Map(deployed.map((u) => [unitId(u), u]));
  const after = new Map(request.desired.map((u) => [unitId(u), u]));
  const steps: BoundStep[] = plan.steps.map((step, index) => ({
    index,
    op: step.op,
    unit: (step.op === 'activate' ? after : before).get(unitId(step))!,
    requires: step.requires,
  }));
  foldReplacements(steps);
  // A unit its manager stopped or gave up on is replaced by itself: a plain start may not start it again
  // (supervisord keeps a program that exited, and `update` leaves it so). Not one whose manager is down:
  // starting that manager starts it.
  for (const step of steps) {
    if (step.op === 'activate' && notRunning.has(unitId(step.unit))) {
      const down = sessions.get(step.unit.target)?.observed?.managersDown ?? [];
      const manager = step.unit.commands?.manager?.name;
      if (manager === undefined || !down.includes(manager)) step.restarts = true;
    }
  }
  return { plan, steps };
}

/**
 * Folds the deactivation of a unit changed on its target into its activation when its manager replaces
 * it in place (one command stops the former version and starts the new one, as supervisord's does):
 * same batch name and links, and no other deactivation waits for it (none of its dependencies stops).
 * The former version then runs until its replacement starts.
 */
function foldReplacements(steps: BoundStep[]): void {
  const leaving = new Map(steps.filter((s) => s.op === 'deactivate').map((s) => [unitId(s.unit), s]));
  const waitedFor = new Set([...leaving.values()].flatMap((s) => s.requires));
  for (const step of steps) {
    const former = step.op === 'activate' ? leaving.get(unitId(step.unit)) : undefined;
    if (former && !waitedFor.has(former.index) && replaceableBy(former.unit, step.unit))
      step.replaces = former;
  }
}

/** Whether the manager that runs `former` can replace it by `next` in one command. */
function replaceableBy(former: DeployedUnit, next: DeployedUnit): boolean {
  const [a, b] = [former.commands?.batch, next.commands?.batch];
  const links = (u: DeployedUnit) => JSON.stringify(u.install.map((l) => l.at).sort(compareStrings));
  return (
    a?.replace !== undefined &&
    b?.replace !== undefined &&
    a.group === b.group &&
    a.name === b.name &&
    links(former) === links(next)
  );
}

/**
 * Runs the setup of the units about to start, once per target, and installs its boot hook when drover's
 * own managers run them; a failure is charged to its first unit.
 */
async function prepare(
  activations: BoundStep[],
  sessions: Map<string, Session>,
  context: Run,
): Promise<StepFailure | undefined> {
  const failures = await Promise.all(
    [...sessions].map(async ([name, session]): Promise<StepFailure | undefined> => {
      const steps = activations.filter((s) => s.unit.target === name);
      const script = preparationScript(
        steps.map((s) => s.unit),
        installBootHook(session.target),
      );
      if (!script || !steps[0]) return undefined;
      try {
        await runScript(session.transport, script, `preparing ${name}`, context.bounds, context.redactor);
        return undefined;
      } catch (error) {
        const failure = failureOf(steps[0], error);
        return {
          step: steps[0],
          error: { ...failure, message: `preparing ${name} failed: ${messageOf(error)}` },
        };
      }
    }),
  );
  return failures.find((f) => f !== undefined);
}

/**
 * Runs one wave: deactivates its units (stop, unlink), or activates them (link, start; their setup ran
 * in `prepare`) and then waits for their health checks, all at once. A failure is charged to the unit
 * the target names.
 */
async function runWave(wave: Wave, session: Session, context: Run): Promise<StepFailure | undefined> {
  const units = wave.steps.map((s) => s.unit);
  const replacing = new Set(wave.steps.filter((s) => s.replaces || s.restarts).map((s) => unitId(s.unit)));
  const script =
    wave.op === 'activate' ? activationScript(units, false, replacing) : deactivationScript(units);
  if (script) {
    try {
      await runScript(
        session.transport,
        script,
        `${wave.op} on ${wave.target}`,
        context.bounds,
        context.redactor,
      );
    } catch (error) {
      const step = namedIn(wave.steps, error);
      return step ? { step, error: failureOf(step, error) } : { error: waveFailure(wave, error) };
    }
  }
  if (wave.op === 'deactivate') return undefined;
  const failures = await Promise.all(
    wave.steps.map(async (step): Promise<StepFailure | undefined> => {
      if (!step.unit.healthCheck) return undefined;
      const problem = await waitHealthy(
        session.transport,
        step.unit.healthCheck,
        (ms) => context.sleep(ms),
        () => context.now().getTime(),
        context.redactor,
      );
      return problem === undefined ? undefined : { step, error: failureOf(step, new HealthError(problem)) };
    }),
  );
  return failures.find((f) => f !== undefined);
}

/** The step whose unit a failed script names (`drover: <unit>: why`). */
function namedIn(steps: readonly BoundStep[], error: unknown): BoundStep | undefined {
  const message = messageOf(error);
  return steps.find((s) => message.startsWith(`${unitId(s.unit)}: `));
}

/**
 * Runs one phase in waves: on each target, every step whose required steps are done goes into one wave;
 * targets run their waves in parallel, and a target's next wave starts when its last one has ended.
 * After a failure or an interrupt no new wave starts; the running ones finish. Every wave started is
 * appended to `done` in completion order, a failed one too (its units may have started). `before` runs
 * first for each wave (a state to restore); its failure is the wave's.
 */
async function runWaves(
  steps: BoundStep[],
  sessions: Map<string, Session>,
  done: Wave[],
  context: Run,
  before?: (wave: Wave) => Promise<StepFailure | undefined>,
): Promise<StepFailure | undefined> {
  const finished = new Set<number>();
  const waiting = new Set(steps);
  const busy = new Set<string>();
  const running = new Set<Promise<void>>();
  let failure: StepFailure | undefined;
  const interrupted = () => context.signal?.aborted === true;
  const abort = abortWaiter(context.signal);
  try {
    return await runAll();
  } finally {
    abort.dispose();
  }

  function start(wave: Wave): void {
    const replaced = wave.steps.flatMap((s) => (s.replaces ? [s.replaces] : []));
    for (const step of [...replaced, ...wave.steps]) {
      waiting.delete(step);
      const id = unitId(step.unit);
      context.log.info({ op: step.op, unit: id }, `${step.op} ${id}`);
    }
    busy.add(wave.target);
    const session = sessions.get(wave.target)!;
    const run: Promise<void> = (async () =>
      (await before?.(wave)) ?? (await runWave(wave, session, context)))()
      .then((failed) => {
        // Undone in reverse: the new versions stopped, then the former ones started again.
        if (replaced.length > 0) done.push({ target: wave.target, op: 'deactivate', steps: replaced });
        done.push(wave);
        if (failed) failure ??= failed;
        else for (const step of wave.steps) finished.add(step.index);
      })
      .finally(() => {
        busy.delete(wave.target);
        running.delete(run);
      });
    running.add(run);
  }

  async function runAll(): Promise<StepFailure | undefined> {
    for (;;) {
      if (!failure && !interrupted()) {
        const ready = [...waiting].filter(
          (s) => !busy.has(s.unit.target) && s.requires.every((r) => finished.has(r)),
        );
        for (const target of new Set(ready.map((s) => s.unit.target))) {
          const wave = ready.filter((s) => s.unit.target === target);
          start({ target, op: wave[0]!.op, steps: wave });
        }
      }
      if (running.size === 0) break;
      await Promise.race([...running, abort.aborted]);
      if (interrupted() && running.size > 0) await Promise.all(running);
    }
    if (failure) return failure;
    // An interrupt is charged to no step: what ran is in `done`, and what never started needs no undoing.
    if (interrupted()) return { error: { message: 'interrupted: rolling back' } };
    return undefined;
  }
}

/** The new generation of every target the plan changed. */
function manifestsOf(
  plan: Plan,
  request: DeployRequest,
  sessions: Map<string, Session>,
  context: Run,
): Map<string, Manifest> {
  // Units started again change no generation: the manifest already says they run.
  const changed = new Set(plan.steps.filter((s) => s.reason.kind !== 'not-running').map((s) => s.target));
  const time = context.now().toISOString();
  const manifests = new Map<string, Manifest>();
  for (const [name, session] of sessions) {
    if (!changed.has(name)) continue;
    const manifest: Manifest = {
      version: MANIFEST_VERSION,
      generation: session.generation + 1,
      deployment: context.owner.id,
      time,
      units: request.desired.filter((u) => u.target === name),
    };
    if (request.commit !== undefined) manifest.commit = request.commit;
    manifests.set(name, manifest);
  }
  return manifests;
}

/**
 * Writes the new generations on every target that changed, without making them current: a full disk or a
 * read-only state dir fails here, while every target can still be rolled back. Returns the first failure.
 */
async function recordGenerations(
  manifests: Map<string, Manifest>,
  sessions: Map<string, Session>,
  context: Run,
): Promise<StepFailure | undefined> {
  const failures = await Promise.all(
    [...manifests].map(async ([name, manifest]): Promise<StepFailure | undefined> => {
      const session = sessions.get(name)!;
      try {
        await recordGeneration(session.transport, session.target.stateDir, manifest, context.bounds);
        return undefined;
      } catch (error) {
        const failure: DeployFailure = {
          message: `recording generation ${manifest.generation} on ${name} failed: ${messageOf(error)}`,
          target: name,
        };
        if (error instanceof RemoteError && error.output.length > 0) failure.output = error.output;
        return { error: failure };
      }
    }),
  );
  return failures.find((f) => f !== undefined);
}

/**
 * Makes the recorded generations current (a rename on each target, which releases its lock) and unlocks
 * the targets that did not change. A target that fails now runs its new units but may still name its old
 * generation: it is reported unknown, to be settled by the next apply.
 */
async function commitGenerations(
  plan: Plan,
  manifests: Map<string, Manifest>,
  sessions: Map<string, Session>,
  context: Run,
): Promise<DeployResult> {
  const outcomes: Record<string, TargetOutcome> = {};
  const failures: DeployFailure[] = [];
  await Promise.all(
    [...sessions].map(async ([name, session]) => {
      const manifest = manifests.get(name);
      outcomes[name] = manifest
        ? { generation: manifest.generation, units: manifest.units }
        : { generation: session.generation, units: session.deployed };
      try {
        if (manifest) {
          await commitGeneration(
            session.transport,
            session.target.stateDir,
            manifest.generation,
            context.bounds,
          );
        } else if (session.locked) {
          await unlock(session.transport, session.target.stateDir, session.owner, context.bounds);
        }
        session.locked = false;
      } catch (error) {
        if (!manifest) {
          failures.push({
            target: name,
            message: `${name}: its lock could not be released (${messageOf(error)}); it runs what it ran before. Remove ${session.target.stateDir}/lock once that is fixed`,
          });
          return;
        }
        const message =
          `${name}: making generation ${manifest.generation} current failed (${messageOf(error)}); ` +
          `it runs that generation's units but may still name generation ${session.generation}: ` +
          'run drover apply again once it is reachable';
        outcomes[name] = { generation: session.generation, units: session.deployed, unknown: message };
        failures.push({ target: name, message });
      }
    }),
  );
  const result: DeployResult = {
    ok: failures.length === 0,
    plan,
    targets: sortedRecord(outcomes),
    rollbackFailures: failures,
    roundTrips: roundTripsOf(sessions),
  };
  const first = failures[0];
  if (first) {
    const names = [...new Set(failures.map((f) => f.target))].join(', ');
    result.error = { message: `finishing the deployment failed on ${names}`, target: first.target! };
  }
  return result;
}

/**
 * Rolls a failed deployment back and releases every lock. Each target stays at the generation it had;
 * one whose rollback failed too is marked unknown.
 */
async function rollBack(
  plan: Plan,
  failure: StepFailure,
  done: Wave[],
  moved: readonly MovedState[],
  sessions: Map<string, Session>,
  context: Run,
): Promise<DeployResult> {
  const rollbackFailures = await undoWaves(done, sessions, context);
  // Then the states moved: the old copies unlocked (they serve again, with everything written to them).
  for (const m of [...moved].reverse()) {
    const failures = await undoMove(m, moveContextOf(m, sessions, context));
    rollbackFailures.push(...failures);
    if (failures.length === 0)
      context.log.info(
        { service: m.service, target: m.from.target },
        `${m.service}: its move undone, the copy on ${m.from.target} unlocked`,
      );
  }
  const targets: Record<string, TargetOutcome> = Object.fromEntries(
    [...sessions].map(([name, s]) => [name, { generation: s.generation, units: s.deployed }]),
  );
  for (const f of rollbackFailures) {
    if (f.target && targets[f.target]) targets[f.target]!.unknown ??= f.message;
  }
  // A target given up with nothing of it to undo is still in an unknown state: it stopped answering.
  for (const [name, session] of sessions) {
    const lost = session.transport.lost;
    if (lost === undefined || targets[name]!.unknown !== undefined) continue;
    const message = `${name} stopped answering (${lost}); it stays at generation ${session.generation}: run drover apply again once it is reachable`;
    targets[name]!.unknown = message;
    rollbackFailures.push({ target: name, message });
  }
  for (const [name, reason] of await releaseAll(sessions, context.bounds)) {
    rollbackFailures.push({
      target: name,
      message: `${name}: its lock could not be released (${reason}); remove ${sessions.get(name)!.target.stateDir}/lock once that is fixed`,
    });
  }
  return {
    ok: false,
    plan,
    targets,
    error: failure.error,
    rollbackFailures,
    roundTrips: roundTripsOf(sessions),
  };
}

/**
 * Undoes what was done, the most recent wave first, each in one script: activated units are stopped,
 * deactivated ones started again. A wave that failed is undone whole, as any of its units may have
 * started.
 */
async function undoWaves(
  done: Wave[],
  sessions: Map<string, Session>,
  context: Run,
): Promise<DeployFailure[]> {
  const failures: DeployFailure[] = [];
  for (const wave of [...done].reverse()) {
    const session = sessions.get(wave.target)!;
    const units = wave.steps.map((s) => s.unit);
    const script = wave.op === 'activate' ? deactivationScript(units) : activationScript(units);
    if (!script) continue;
    const ids = units.map((u) => unitId(u));
    context.log.warn(
      { op: wave.op, units: ids },
      `rolling back: ${wave.op === 'activate' ? 'deactivate' : 'reactivate'} ${ids.join(', ')}`,
    );
    try {
      await runScript(
        session.transport,
        script,
        `rolling back ${ids.join(', ')}`,
        context.bounds,
        context.redactor,
      );
    } catch (error) {
      const step = namedIn(wave.steps, error);
      const named = step ? unitId(step.unit) : ids.join(', ');
      const [subject, is] = step || ids.length === 1 ? ['it', 'is'] : ['they', 'are'];
      const state =
        wave.op === 'deactivate' ? `${is} stopped but should run` : 'may still run but should not';
      failures.push({
        target: wave.target,
        unit: step ? unitId(step.unit) : ids[0]!,
        message:
          `${named}: rollback failed (${withoutName(messageOf(error), named)}); ${subject} ${state}. ` +
          `${wave.target} stays at generation ${session.generation}: run drover apply again once it is reachable, or drover rollback`,
        output: error instanceof RemoteError ? error.output : [],
      });
    }
  }
  return failures;
}

/** A unit started, but its health check did not pass in time. */
class HealthError extends Error {
  readonly code = 'E_HEALTH';
  constructor(message: string) {
    super(message);
    this.name = 'HealthError';
  }
}

/** A wave that failed without naming one of its units: it names them all. */
function waveFailure(wave: Wave, error: unknown): DeployFailure {
  return unitsFailure(
    wave.op,
    wave.target,
    wave.steps.map((s) => unitId(s.unit)),
    error,
  );
}

/** A step that failed. */
function failureOf(step: BoundStep, error: unknown): DeployFailure {
  return unitsFailure(step.op, step.unit.target, [unitId(step.unit)], error);
}

/** `activating a, b failed: why` (at most five named), with what the target printed; one unit is named as such. */
function unitsFailure(op: Wave['op'], target: string, ids: readonly string[], error: unknown): DeployFailure {
  const listed = ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
  const failure: DeployFailure = {
    message: `${op === 'activate' ? 'activating' : 'deactivating'} ${listed} failed: ${withoutName(messageOf(error), listed)}`,
    target,
  };
  if (ids.length === 1) failure.unit = ids[0]!;
  if (error instanceof RemoteError && error.output.length > 0) failure.output = error.output;
  return failure;
}

/** A result as it may be recorded: every message and output redacted and capped. */
function redactResult(result: DeployResult, redactor: Redactor): DeployResult {
  const clean = (failure: DeployFailure): DeployFailure => {
    const out: DeployFailure = { ...failure, message: redactor.text(failure.message) };
    if (failure.output) out.output = redactor.lines(failure.output);
    return out;
  };
  const targets = Object.fromEntries(
    Object.entries(result.targets).map(([name, t]) => [
      name,
      t.unknown === undefined ? t : { ...t, unknown: redactor.text(t.unknown) },
    ]),
  );
  const out: DeployResult = { ...result, targets, rollbackFailures: result.rollbackFailures.map(clean) };
  if (result.error) out.error = clean(result.error);
  return out;
}

/** A message without the `<name>: ` it starts with (a unit's or a target's), for a caller that names it. */
export function withoutName(message: string, id: string): string {
  return message.startsWith(`${id}: `) ? message.slice(id.length + 2) : message;
}

/** The message of a thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A promise that resolves when `signal` aborts, and a way to stop listening (the signal outlives a run). */
function abortWaiter(signal: AbortSignal | undefined): { aborted: Promise<void>; dispose(): void } {
  if (!signal) return { aborted: new Promise(() => undefined), dispose: () => undefined };
  let listener: (() => void) | undefined;
  const aborted = new Promise<void>((resolve) => {
    listener = () => resolve();
    signal.addEventListener('abort', listener, { once: true });
  });
  return { aborted, dispose: () => signal.removeEventListener('abort', listener!) };
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    return JSON.parse(text) as LockOwner;
  } catch {
    return undefined;
  }
}

function describeOwner(owner: LockOwner | undefined, raw: string): string {
  if (!owner) return raw === '' ? 'another run (no owner recorded yet)' : raw;
  const commit = owner.commit ? `, commit ${owner.commit}` : '';
  return `drover run ${owner.id} (pid ${owner.pid} on ${owner.host}${commit}, since ${owner.time})`;
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareStrings(a, b)));
}

/** Commands run per target so far. */
function roundTripsOf(sessions: Map<string, Session>): Record<string, number> {
  return Object.fromEntries([...sessions].map(([name, s]) => [name, s.transport.roundTrips]));
}
