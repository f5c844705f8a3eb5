/**
 * One reconciliation of the models repository: take the branch head; skip it when it is drover's own
 * write-back or was handled already; otherwise check it out, evaluate, deploy, and write status.json and
 * ids.json back as one commit on top of it. An invalid commit deploys nothing and records why (Stalled);
 * a failed deployment is rolled back and recorded (Failed) and not retried until a new commit or retry();
 * a commit that changes nothing deployable writes nothing. The repository, the targets, the clock and
 * the log are passed in.
 */
import { join } from 'node:path';
import type { Condition, StatusFile } from '../schema/generated/status.ts';
import type { DeployContext, DeployResult, Log } from './apply/deploy.ts';
import { applyEvaluation, statusDocument } from './apply/run.ts';
import { formatDocument } from './documents.ts';
import { emptyIds } from './ids.ts';
import { formatProblem, ModelError } from './problems.ts';
import { evaluateDirectory, IDS_FILE, readIds, readStatus, STATUS_FILE } from './repository.ts';
import { WRITE_BACK_TRAILER, type BotIdentity, type ModelsRepository } from './git/models-repository.ts';

/** What one reconciliation did. */
export type ReconcileOutcome =
  | 'idle' // nothing new
  | 'own-commit' // the head is drover's write-back
  | 'deployed'
  | 'unchanged' // nothing deployable changed: nothing written
  | 'failed' // deployed and rolled back; recorded
  | 'invalid' // models invalid; recorded
  | 'moved' // the branch moved during the write-back: reconcile the new head
  | 'interrupted'; // stopped by a signal and rolled back; nothing recorded

/** The edges a reconciler works through. */
export interface ReconcilerDeps {
  repository: ModelsRepository;
  /** Where commits are checked out. */
  workDir: string;
  /** The deployment edges for a commit (transports, clock, lock owner, interrupt). */
  deployContext(commit: string): DeployContext;
  author: BotIdentity;
  log: Log;
  now(): Date;
  /** Told about every deployment that ran. */
  onDeployment?(result: DeployResult, seconds: number): void;
}

/** Reconciles the branch head with the targets, one commit at a time. */
export class Reconciler {
  /** The head last reconciled (deployed, failed, invalid or skipped). */
  private handled: string | undefined;

  constructor(private readonly deps: ReconcilerDeps) {}

  /** Set by retry(): deploy the head again even when it is drover's record of a failure. */
  private retrying = false;

  /** Forgets the last handled commit, so that the next reconciliation deploys the head again. */
  retry(): void {
    this.handled = undefined;
    this.retrying = true;
  }

  /** Reconciles the current head once. */
  async reconcile(): Promise<ReconcileOutcome> {
    const { repository, log } = this.deps;
    const head = await repository.head();
    if (head === this.handled) return 'idle';
    const commit = await repository.commit(head);
    const retrying = this.retrying;
    this.retrying = false;
    if (!retrying && (await this.isOwnWriteBack(commit.message, commit.parents, head))) {
      this.handled = head;
      return 'own-commit';
    }
    log.info({ commit: head }, `reconciling ${head.slice(0, 12)}`);
    const dir = this.deps.workDir;
    await repository.checkout(head, dir);
    const prior = readStatus(dir);

    let evaluation;
    try {
      evaluation = evaluateDirectory(dir);
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      const errors = error.problems.map((p) => formatProblem({ ...p, file: p.file.replace(`${dir}/`, '') }));
      log.warn({ commit: head, errors }, 'invalid models: nothing deployed');
      const status: StatusFile = {
        ...(prior ?? { targets: {} }),
        outcome: 'invalid',
        time: this.deps.now().toISOString(),
        lastAttemptedCommit: head,
        errors,
        conditions: conditions(
          this.deps.now(),
          'Stalled',
          'InvalidModels',
          `${errors.length} problem(s) in ${head.slice(0, 12)}`,
        ),
      };
      delete status.error;
      delete status.rollbackFailures;
      return this.finish(
        head,
        { [STATUS_FILE]: formatDocument(status) },
        `drover: ${head.slice(0, 12)} is invalid`,
        'invalid',
      );
    }

    const started = this.deps.now().getTime();
    const context = this.deps.deployContext(head);
    const result = await applyEvaluation(evaluation, dir, context, head);
    if (context.signal?.aborted) {
      // Stopped, not failed: record nothing, so that the next run deploys this commit again.
      log.warn({ commit: head }, 'interrupted: rolled back; the next run deploys this commit again');
      return 'interrupted';
    }
    const seconds = (this.deps.now().getTime() - started) / 1000;
    this.deps.onDeployment?.(result, seconds);
    const idsText = formatDocument(evaluation.ids);
    // Valid models have a readable ids.json (evaluating read it), or none.
    const idsChanged = formatDocument(readIds(dir) ?? emptyIds()) !== idsText;
    const time = this.deps.now();
    const status = statusDocument(result, time.toISOString(), head, prior);
    // Nothing to record when the branch's status.json already describes what runs (a docs-only commit).
    const recorded =
      (prior?.outcome === 'deployed' || prior?.outcome === 'unchanged') &&
      JSON.stringify(prior.targets) === JSON.stringify(status.targets);
    if (result.ok && result.plan.steps.length === 0 && !idsChanged && recorded) {
      log.info({ commit: head }, 'nothing deployable changed');
      this.handled = head;
      return 'unchanged';
    }
    status.conditions = result.ok
      ? conditions(time, 'Ready', 'Deployed', `${head.slice(0, 12)} runs on every target`)
      : conditions(
          time,
          'Failed',
          status.outcome === 'incomplete' ? 'RollbackIncomplete' : 'DeploymentFailed',
          result.error?.message ?? 'failed',
        );
    const files: Record<string, string> = { [STATUS_FILE]: formatDocument(status) };
    if (result.ok) files[IDS_FILE] = idsText;
    if (!result.ok) log.error({ commit: head, error: result.error }, 'deployment failed and was rolled back');
    return this.finish(
      head,
      files,
      result.ok ? `drover: deployed ${head.slice(0, 12)}` : `drover: deploying ${head.slice(0, 12)} failed`,
      result.ok ? 'deployed' : 'failed',
    );
  }

  /** Writes the files back on top of `head`; a moved branch is reconciled again. */
  private async finish(
    head: string,
    files: Record<string, string>,
    subject: string,
    outcome: ReconcileOutcome,
  ): Promise<ReconcileOutcome> {
    const message = `${subject}\n\n${WRITE_BACK_TRAILER}: ${head}\n`;
    const written = await this.deps.repository.writeBack(head, files, message, this.deps.author);
    if (!written.written) {
      this.deps.log.info({ commit: head }, 'the branch moved meanwhile: reconciling its new head');
      return 'moved';
    }
    this.deps.log.info({ commit: head, writeBack: written.oid }, `wrote ${Object.keys(files).join(' and ')}`);
    this.handled = written.oid;
    return outcome;
  }

  /** A commit of drover's: its trailer names its parent, and it changes nothing but status.json and ids.json. */
  private async isOwnWriteBack(message: string, parents: string[], oid: string): Promise<boolean> {
    const parent = parents[0];
    if (parents.length !== 1 || !parent || !message.includes(`${WRITE_BACK_TRAILER}: ${parent}`))
      return false;
    const changed = await this.deps.repository.changedPaths(parent, oid);
    return changed.every((path) => path === STATUS_FILE || path === IDS_FILE);
  }
}

/** The four conditions, with `active` True and the others False. */
function conditions(time: Date, active: Condition['type'], reason: string, message: string): Condition[] {
  const at = time.toISOString();
  return (['Ready', 'Reconciling', 'Stalled', 'Failed'] as const).map((type) =>
    type === active
      ? { type, status: 'True', reason, message, lastTransitionTime: at }
      : {
          type,
          status: 'False',
          reason: type === 'Ready' ? 'NotDeployed' : 'None',
          message: '',
          lastTransitionTime: at,
        },
  );
}

/** Where the reconciler checks commits out, inside the controller's cache. */
export function workDirIn(cacheDir: string): string {
  return join(cacheDir, 'worktree');
}
