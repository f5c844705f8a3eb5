/**
 * One reconciliation of the models repository, as pure decisions over injected ports (Flux's reconciler
 * returning `Result{RequeueAfter}`): take the branch head; skip it when it is drover's own write-back of
 * what runs, or was handled already; otherwise read the commit from its git objects, evaluate it, deploy
 * it, and write status.json and ids.json back as one commit on top of it. An invalid commit deploys
 * nothing and records why (Stalled); a failed deployment is rolled back, recorded (Failed) and not
 * retried until a new commit or retry(); a commit that changes nothing deployable writes nothing. An
 * unexpected error is retried with exponential backoff. The loop around it holds no policy.
 */
import type { ObservedTargetStatus, StatusFile } from '../../schema/generated/status.ts';
import {
  formatDocument,
  IDS_FILE,
  idsIn,
  PLACEMENTS_FILE,
  placementsIn,
  placementsText,
  STATUS_FILE,
  statusIn,
} from '../core/documents.ts';
import type { PlacementsDocument } from '../core/schedule.ts';
import { evaluateModels, type Evaluation, type TargetLiveness } from '../core/evaluate.ts';
import { emptyIds, withTrustedIds, type IdsDocument } from '../core/ids.ts';
import { TreeTooLargeError, type RepoReader } from '../core/models/repo-reader.ts';
import { fileProblem, formatProblem, ModelError } from '../core/problems.ts';
import {
  markDeployment,
  markInvalid,
  markReconciling,
  sameTargets,
  setCondition,
  withObserved,
  type DeploymentRecord,
} from '../core/status.ts';
import type { Log } from '../log.ts';

/** Who the controller's commits are by. */
export interface BotIdentity {
  name: string;
  email: string;
}

/** A commit as the reconciler needs it. */
export interface CommitInfo {
  oid: string;
  message: string;
  parents: string[];
  author: BotIdentity;
}

/** The outcome of a write-back: written, or refused because the branch moved on. */
export type WriteBackResult = { written: true; oid: string } | { written: false; reason: 'moved' };

/** The models repository as the reconciler reads and writes it. */
export interface ModelsSource {
  /** Where the branch is now (fetched first, for a remote repository). */
  head(): Promise<string>;
  commit(oid: string): Promise<CommitInfo>;
  /** The files of a commit, read from its objects. */
  tree(oid: string): Promise<RepoReader>;
  /** Paths whose content differs between two commits. */
  changedPaths(from: string, to: string): Promise<string[]>;
  /** Commits `files` on top of `base` and moves the branch there, unless it moved on from `base`. */
  writeBack(
    base: string,
    files: Record<string, string>,
    message: string,
    author: BotIdentity,
  ): Promise<WriteBackResult>;
}

/** What a deployment did, with the evaluation it deployed (the one given, or its revision with the IDs the targets run). */
export interface DeploymentOutcome extends DeploymentRecord {
  evaluation: Evaluation;
}

/** Carries one evaluated commit out on the targets; aborting `signal` rolls it back. */
export interface Deployer {
  deploy(
    evaluation: Evaluation,
    repo: RepoReader,
    commit: string,
    signal: AbortSignal,
  ): Promise<DeploymentOutcome>;
}

/** The live status: what runs and how the last reconciliation went, also between write-backs. */
export interface StatusStore {
  get(): StatusFile | undefined;
  set(status: StatusFile): void;
}

/** The time, passed in. */
export interface Clock {
  now(): Date;
}

/** What one reconciliation did. */
export type ReconcileOutcome =
  | 'idle' // nothing new
  | 'own-commit' // the head is drover's write-back of what runs
  | 'deployed'
  | 'unchanged' // nothing deployable changed: nothing written
  | 'failed' // deployed and rolled back; recorded
  | 'invalid' // models invalid; recorded
  | 'moved' // the branch moved during the write-back: reconcile the new head
  | 'interrupted' // stopped by the signal and rolled back; nothing recorded
  | 'error'; // something unexpected (the repository unreachable, say): retried with backoff

/** What one reconciliation did, and when to reconcile again (ms). */
export interface ReconcileResult {
  outcome: ReconcileOutcome;
  requeueAfter: number;
  /** The unexpected error, for an `error` outcome. */
  error?: string;
}

/** The ports and settings of a reconciler. */
export interface ReconcilerDeps {
  source: ModelsSource;
  deployer: Deployer;
  status: StatusStore;
  clock: Clock;
  author: BotIdentity;
  log: Log;
  /** How often to look at the branch when nothing happens (ms). */
  intervalMs: number;
  /** Aborted when the controller stops: a deployment in progress rolls back. */
  signal: AbortSignal;
  /** Whether models may name `transport: local` targets, which run commands on the controller's host. */
  allowLocalTargets: boolean;
  /**
   * Told the evaluation of what runs when the controller starts on its own write-back (no deployment
   * then), so that it knows the targets to probe; deployments tell the deployer.
   */
  evaluated?: (evaluation: Evaluation, repo: RepoReader, commit: string) => void;
  /** The targets' liveness as the probes see it now: an input of each evaluation. */
  observed?: () => ReadonlyMap<string, TargetLiveness>;
  /** How long a target may be unreachable before the scheduler places its copies elsewhere. */
  failoverAfterMs?: number;
}

/** Trailer that marks the controller's own write-back commits, naming the commit they describe. */
export const WRITE_BACK_TRAILER = 'Drover-Write-Back';

/** The first wait after an unexpected error; it doubles with each error in a row. */
export const ERROR_BACKOFF_MIN_MS = 1_000;
/** The longest wait after unexpected errors. */
export const ERROR_BACKOFF_MAX_MS = 5 * 60_000;

/** The least time between two commits of what the probes see. */
export const OBSERVED_WRITE_MS = 60_000;

/** How far back the branch's history is searched for drover's latest write-back after a restart. */
const HISTORY_LIMIT = 100;

/** Reconciles the branch head with the targets, one commit at a time. */
export class Reconciler {
  /** The head last reconciled (deployed, failed, invalid or skipped). */
  private handled: string | undefined;
  /** Set by retry(): deploy the head again even when it is drover's record of a failure. */
  private retrying = false;
  private errorsInARow = 0;
  /**
   * status.json and ids.json as drover last wrote them to the branch (found in its history after a
   * restart): what it trusts, since anyone who can push can edit the branch's copies.
   */
  private record: DroverRecord | undefined;
  /** When drover last committed a change of what the probes see (ms), to write at most one a minute. */
  private observedWrittenAt = -Infinity;

  constructor(private readonly deps: ReconcilerDeps) {}

  /**
   * Records what the probes see in the live status, and commits it as status.json when it changed (a
   * target Unreachable or back, what drifted or is Degraded), at most once per OBSERVED_WRITE_MS: drift
   * must not flood the history. Only on top of the head it reconciled last; a branch that moved is
   * reconciled first, and that commit's status carries the observed state. Never throws.
   */
  async recordObserved(observed: Readonly<Record<string, ObservedTargetStatus>>): Promise<void> {
    const live = this.deps.status.get();
    if (!live || this.handled === undefined) return;
    const { status, changed } = withObserved(live, observed, this.now());
    if (!changed) return;
    const now = this.now().getTime();
    if (now - this.observedWrittenAt < OBSERVED_WRITE_MS) return;
    try {
      // On top of the head it reconciled last: the write-back is refused if the branch moved on.
      const outcome = await this.finish(
        this.handled,
        { [STATUS_FILE]: status },
        'drover: observed state changed',
        'unchanged',
      );
      if (outcome !== 'moved') this.observedWrittenAt = now;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.error({ error: message }, 'writing the observed state failed');
    }
  }

  /** Forgets the last handled commit, so that the next reconciliation deploys the head again. */
  retry(): void {
    this.handled = undefined;
    this.retrying = true;
  }

  /** Reconciles the current head once; never throws. */
  async reconcile(): Promise<ReconcileResult> {
    try {
      const outcome = await this.reconcileHead();
      this.errorsInARow = 0;
      // After a write-back (or a refused one), look again at once: the branch may have moved meanwhile.
      const wrote =
        outcome === 'deployed' || outcome === 'failed' || outcome === 'invalid' || outcome === 'moved';
      return { outcome, requeueAfter: wrote ? 0 : this.deps.intervalMs };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const backoff = Math.min(ERROR_BACKOFF_MIN_MS * 2 ** this.errorsInARow, ERROR_BACKOFF_MAX_MS);
      this.errorsInARow++;
      this.deps.log.error({ error: message, retryInMs: backoff }, 'reconciling failed');
      this.recordError(message);
      return { outcome: 'error', requeueAfter: backoff, error: message };
    }
  }

  private async reconcileHead(): Promise<ReconcileOutcome> {
    const { source, log } = this.deps;
    const head = await source.head();
    if (head === this.handled && !this.retrying) return 'idle';
    const commit = await source.commit(head);
    const retrying = this.retrying;
    this.retrying = false;
    let tree: RepoReader;
    try {
      tree = await source.tree(head);
    } catch (error) {
      if (!(error instanceof TreeTooLargeError)) throw error;
      return this.refuseUnreadable(head, error.message);
    }
    const own = await this.isOwnWriteBack(commit);
    // The head is drover's latest record when it is a write-back (what lastRecord would find by walking).
    if (own) this.record ??= recordIn(tree);
    const recorded = own ? parseStatus(textOf(tree, STATUS_FILE)) : undefined;
    if (!retrying && own && this.describesWhatRuns(recorded)) {
      this.handled = head;
      this.record = recordIn(tree);
      if (this.deps.status.get() === undefined && recorded) {
        this.deps.status.set(recorded);
        this.tellEvaluated(tree, commit.parents[0]!);
      }
      return 'own-commit';
    }
    // Retrying drover's record of a failure deploys the commit it records: its models are the same.
    const attempted = retrying && own ? commit.parents[0]! : head;
    log.info({ commit: attempted }, 'reconciling');
    // The status to build on is drover's own (status.json in the branch is output only: a hand edit there
    // is overwritten, never believed).
    const record = await this.lastRecord(head);
    const prior = this.deps.status.get() ?? parseStatus(record?.status);

    let evaluation: Evaluation;
    try {
      evaluation = evaluate(tree, this.deps.allowLocalTargets, record?.ids, {
        ...(this.deps.observed ? { observed: this.deps.observed() } : {}),
        ...(this.deps.failoverAfterMs !== undefined ? { failoverAfterMs: this.deps.failoverAfterMs } : {}),
        now: this.now().getTime(),
      });
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      const errors = error.problems.map((p) => formatProblem(p));
      log.warn({ commit: attempted, errors }, 'invalid models: nothing deployed');
      const status = markInvalid(markReconciling(prior, attempted, this.now()), errors, this.now());
      return this.finish(
        head,
        { [STATUS_FILE]: status },
        `drover: ${attempted.slice(0, 12)} is invalid`,
        'invalid',
      );
    }

    const reconciling = markReconciling(prior, attempted, this.now());
    this.deps.status.set(reconciling);
    const result = await this.deps.deployer.deploy(evaluation, tree, attempted, this.deps.signal);
    if (this.deps.signal.aborted) {
      // Stopped, not failed: record nothing, so that the next run deploys this commit again.
      log.warn({ commit: attempted }, 'interrupted: rolled back; the next run deploys this commit again');
      if (prior) this.deps.status.set(prior);
      return 'interrupted';
    }
    const status = markDeployment(reconciling, result, this.now(), attempted);
    const idsText = formatDocument(result.evaluation.ids);
    const idsChanged = textOf(tree, IDS_FILE) !== idsText;
    const branchPlacements = textOf(tree, PLACEMENTS_FILE);
    const placements = placementsText(result.evaluation.placements, branchPlacements !== undefined);
    const placementsChanged = branchPlacements !== placements;
    // Nothing to record when the branch's status.json is drover's last record and it describes what runs
    // (a commit that only changes documentation).
    const upToDate =
      record?.status !== undefined &&
      textOf(tree, STATUS_FILE) === record.status &&
      (prior?.outcome === 'deployed' || prior?.outcome === 'unchanged') &&
      sameTargets(prior, status);
    if (result.ok && result.plan.steps.length === 0 && !idsChanged && !placementsChanged && upToDate) {
      log.info({ commit: head }, 'nothing deployable changed');
      this.deps.status.set(status);
      this.handled = head;
      return 'unchanged';
    }
    if (!result.ok) log.error({ commit: head, error: result.error }, 'deployment failed and was rolled back');
    return this.finish(
      head,
      result.ok
        ? {
            [STATUS_FILE]: status,
            [IDS_FILE]: idsText,
            ...(placements !== undefined ? { [PLACEMENTS_FILE]: placements } : {}),
          }
        : { [STATUS_FILE]: status },
      result.ok ? `drover: deployed ${head.slice(0, 12)}` : `drover: deploying ${head.slice(0, 12)} failed`,
      result.ok ? 'deployed' : 'failed',
    );
  }

  /** Tells `evaluated` what the head's models are, when they are valid (at a start: what runs). */
  private tellEvaluated(tree: RepoReader, commit: string): void {
    if (!this.deps.evaluated) return;
    try {
      this.deps.evaluated(evaluate(tree, this.deps.allowLocalTargets, this.record?.ids), tree, commit);
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
    }
  }

  /** A commit drover will not read (its files are too large): recorded as invalid, like other bad input. */
  private async refuseUnreadable(head: string, message: string): Promise<ReconcileOutcome> {
    this.deps.log.warn({ commit: head, error: message }, 'unreadable commit: nothing deployed');
    const record = await this.lastRecord(head);
    const prior = this.deps.status.get() ?? parseStatus(record?.status);
    const status = markInvalid(markReconciling(prior, head, this.now()), [message], this.now());
    return this.finish(head, { [STATUS_FILE]: status }, `drover: ${head.slice(0, 12)} is invalid`, 'invalid');
  }

  /** Writes the files back on top of `head`; a moved branch is reconciled again. */
  private async finish(
    head: string,
    files: { [STATUS_FILE]: StatusFile; [IDS_FILE]?: string; [PLACEMENTS_FILE]?: string },
    subject: string,
    outcome: ReconcileOutcome,
  ): Promise<ReconcileOutcome> {
    const status = files[STATUS_FILE];
    this.deps.status.set(status);
    const texts: Record<string, string> = { [STATUS_FILE]: formatDocument(status) };
    if (files[IDS_FILE] !== undefined) texts[IDS_FILE] = files[IDS_FILE];
    if (files[PLACEMENTS_FILE] !== undefined) texts[PLACEMENTS_FILE] = files[PLACEMENTS_FILE];
    const message = `${subject}\n\n${WRITE_BACK_TRAILER}: ${head}\n`;
    const written = await this.deps.source.writeBack(head, texts, message, this.deps.author);
    if (!written.written) {
      this.deps.log.info({ commit: head }, 'the branch moved meanwhile: reconciling its new head');
      return 'moved';
    }
    this.deps.log.info({ commit: head, writeBack: written.oid, files: Object.keys(texts) }, 'wrote back');
    this.handled = written.oid;
    this.record = { status: texts[STATUS_FILE], ids: texts[IDS_FILE] ?? this.record?.ids };
    return outcome;
  }

  /**
   * A commit of drover's: by drover's identity, its trailer names its only parent, and it changes
   * nothing but status.json, ids.json and placements.json.
   */
  private async isOwnWriteBack(commit: CommitInfo): Promise<boolean> {
    const parent = commit.parents[0];
    const { name, email } = this.deps.author;
    if (commit.parents.length !== 1 || parent === undefined) return false;
    if (commit.author.name !== name || commit.author.email !== email) return false;
    if (!commit.message.includes(`${WRITE_BACK_TRAILER}: ${parent}`)) return false;
    const changed = await this.deps.source.changedPaths(parent, commit.oid);
    return changed.every((path) => path === STATUS_FILE || path === IDS_FILE || path === PLACEMENTS_FILE);
  }

  /**
   * drover's record from its latest write-back: remembered, or after a restart found by walking the
   * branch's first parents back from `head` (at most HISTORY_LIMIT commits).
   */
  private async lastRecord(head: string): Promise<DroverRecord | undefined> {
    if (this.record !== undefined) return this.record;
    let oid: string | undefined = head;
    for (let i = 0; oid !== undefined && i < HISTORY_LIMIT; i++) {
      const commit = await this.deps.source.commit(oid);
      if (await this.isOwnWriteBack(commit)) {
        this.record = recordIn(await this.deps.source.tree(oid));
        return this.record;
      }
      oid = commit.parents[0];
    }
    return undefined;
  }

  /**
   * Whether a write-back's status.json describes what this controller last had running. Without a live
   * status (a fresh start), the branch's record is trusted; a branch moved back to an older write-back
   * is not, and is deployed.
   */
  private describesWhatRuns(recorded: StatusFile | undefined): boolean {
    const live = this.deps.status.get();
    if (live === undefined) return true;
    return recorded !== undefined && sameTargets(live, recorded);
  }

  /** An unexpected error, in the live status: Stalled and not Ready, with its message, until it clears. */
  private recordError(message: string): void {
    const live = this.deps.status.get();
    if (!live) return;
    const now = this.now();
    const generation = live.observedGeneration ?? 0;
    let conditions = setCondition(
      live.conditions,
      { type: 'Reconciling', status: 'False', reason: 'ReconcileError', message: '' },
      now,
      generation,
    );
    conditions = setCondition(
      conditions,
      { type: 'Stalled', status: 'True', reason: 'ReconcileError', message },
      now,
      generation,
    );
    conditions = setCondition(
      conditions,
      { type: 'Ready', status: 'False', reason: 'ReconcileError', message },
      now,
      generation,
    );
    this.deps.status.set({ ...live, conditions });
  }

  private now(): Date {
    return this.deps.clock.now();
  }
}

/** status.json and ids.json as drover wrote them (texts). */
interface DroverRecord {
  status?: string;
  ids?: string;
}

/** drover's record in one of its write-backs. */
function recordIn(tree: RepoReader): DroverRecord {
  return { status: textOf(tree, STATUS_FILE), ids: textOf(tree, IDS_FILE) };
}

/** A file's text, or undefined when there is none or it cannot be read (a link, invalid UTF-8). */
function textOf(tree: RepoReader, path: string): string | undefined {
  try {
    return tree.readText(path);
  } catch {
    return undefined;
  }
}

/**
 * Evaluates a commit's models, refusing local targets unless allowed. The prior IDs are the commit's
 * ids.json under drover's own record of them (`trustedIds`): an edited ids.json moves no service's ID.
 * Throws ModelError when the models are invalid.
 */
function evaluate(
  tree: RepoReader,
  allowLocalTargets: boolean,
  trustedIds: string | undefined,
  now?: { observed?: ReadonlyMap<string, TargetLiveness>; failoverAfterMs?: number; now: number },
): Evaluation {
  const trusted = parseIds(trustedIds);
  let branchIds: IdsDocument;
  try {
    branchIds = idsIn(tree.readText(IDS_FILE), IDS_FILE) ?? emptyIds();
  } catch (error) {
    // ids.json is drover's output: a damaged copy is replaced from drover's record, when there is one.
    if (!trusted) {
      if (error instanceof ModelError) throw error;
      throw new ModelError([fileProblem(IDS_FILE, `cannot be read: ${(error as Error).message}`)]);
    }
    branchIds = emptyIds();
  }
  const priorIds = trusted ? withTrustedIds(trusted, branchIds) : branchIds;
  // placements.json is the scheduler's, and editable: a copy placed by hand stays while it is feasible.
  // A damaged one is placed afresh.
  let priorPlacements: PlacementsDocument | undefined;
  try {
    priorPlacements = placementsIn(textOf(tree, PLACEMENTS_FILE), PLACEMENTS_FILE);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
  }
  const result = evaluateModels(tree, {
    priorIds,
    allowLocalTargets,
    ...(priorPlacements ? { priorPlacements } : {}),
    ...now,
  });
  if (!result.ok) throw new ModelError(result.problems);
  return result.value;
}

/** An ids.json text drover wrote, or undefined when there is none or it is damaged. */
function parseIds(text: string | undefined): IdsDocument | undefined {
  try {
    return idsIn(text, IDS_FILE);
  } catch {
    return undefined;
  }
}

/** A status.json text, or undefined when there is none or it is damaged. */
function parseStatus(text: string | undefined): StatusFile | undefined {
  try {
    return statusIn(text, STATUS_FILE);
  } catch {
    return undefined;
  }
}
