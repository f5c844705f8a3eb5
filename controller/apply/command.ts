/**
 * The deploying verbs on the command line: `apply`, `rollback`, `status` and `gc`. They evaluate the
 * models, reach the targets with SSH credentials from the options and the environment, print what runs
 * and what happened, and write status.json (always) and ids.json (when the targets run the new
 * configuration). SIGINT and SIGTERM roll a deployment back.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatDocument, IDS_FILE, PLACEMENTS_FILE, placementsText, STATUS_FILE } from '../core/documents.ts';
import type { Evaluation } from '../core/evaluate.ts';
import { formatPlanText } from '../core/format-plan.ts';
import { emptyIds, idChanges, reservationChanges } from '../core/ids.ts';
import type { Plan } from '../core/plan.ts';
import { markDeployment } from '../core/status.ts';
import { writeFileAtomic } from '../folder/files.ts';
import { evaluateDirectory, readIds, readStatus } from '../folder/models-folder.ts';
import { folderReader } from '../folder/folder-reader.ts';
import { deployContext, type TargetOptions } from './context.ts';
import { DeployError, type DeployContext, type DeployResult } from './deploy.ts';
import { collectTargets, rollbackTargets, targetStatus, type TargetReport } from './maintain.ts';
import type { NotRunning } from '../core/observed.ts';
import { applyEvaluation } from './run.ts';

/** Exit codes beyond 0 (done), 1 (invalid models) and 2 (usage, or could not start: nothing changed). */
export const EXIT_ROLLED_BACK = 3;
export const EXIT_INCOMPLETE = 4;

/** Options every verb that reaches targets takes. */
export type { TargetOptions };

/** Runs `drover apply DIR`; returns the exit code. */
export async function runApply(dir: string, options: TargetOptions & { commit?: string }): Promise<number> {
  const evaluation = evaluateDirectory(dir, readIds(dir) ?? emptyIds());
  return deploying(dir, options, options.commit, (context, showPlan) =>
    applyEvaluation(evaluation, folderReader(dir), context, {
      onPlan: showPlan,
      ...(options.commit !== undefined ? { commit: options.commit } : {}),
    }),
  );
}

/** Runs `drover rollback DIR`: every target back to its previous generation. */
export async function runRollback(dir: string, options: TargetOptions): Promise<number> {
  const evaluation = evaluateDirectory(dir, undefined, 'ids');
  return deploying(
    dir,
    options,
    undefined,
    (context) => rollbackTargets([...evaluation.models.targets.values()], context),
    'rollback',
  );
}

/** Runs `drover status DIR`: what every target runs; exit 0 when all of it runs and is healthy. */
export async function runStatus(dir: string, options: TargetOptions & { format?: string }): Promise<number> {
  const evaluation = evaluateDirectory(dir, undefined, 'ids');
  const reports = await targetStatus([...evaluation.models.targets.values()], deployContext(options));
  const unreachable = reports.some((r) => r.error !== undefined);
  const drifted = reports.some(
    (r) =>
      r.managersDown.length > 0 || r.units.some((u) => (!u.running && !u.starting) || u.healthy === false),
  );
  if (options.format === 'json') process.stdout.write(`${JSON.stringify({ targets: reports }, null, 2)}\n`);
  else for (const report of reports) process.stdout.write(statusText(report));
  return unreachable ? EXIT_INCOMPLETE : drifted ? EXIT_ROLLED_BACK : 0;
}

/** One target's status for people: its generation, then a line per manager down and per unit. */
function statusText(report: TargetReport): string {
  if (report.error !== undefined) return `${report.target}: unreachable: ${report.error}\n`;
  const since = report.time !== undefined ? ` since ${report.time}` : '';
  const commit = report.commit !== undefined ? `, commit ${report.commit}` : '';
  const lines = [`${report.target}: generation ${report.generation}${commit}${since}`];
  if (report.lock !== undefined) lines.push(`  locked by ${report.lock}`);
  for (const manager of report.managersDown) lines.push(`  ${manager}: DOWN`);
  for (const unit of report.units) {
    const health =
      unit.healthy === undefined ? '' : unit.healthy ? ', healthy' : `, unhealthy: ${unit.problem}`;
    const state = unit.running
      ? 'running'
      : unit.starting
        ? 'starting'
        : `NOT RUNNING (${NOT_RUNNING_TEXT[unit.notRunning!]})`;
    lines.push(`  ${unit.unit}: ${state}${health}`);
  }
  return `${lines.join('\n')}\n`;
}

const NOT_RUNNING_TEXT: Record<NotRunning, string> = {
  stopped: 'stopped',
  failed: 'its manager gave up on it',
  'other-entry': 'another version runs',
};

/** Runs `drover gc DIR --keep N [--state]`. */
export async function runGc(
  dir: string,
  options: TargetOptions & { keep: number; state?: boolean },
): Promise<number> {
  const evaluation = evaluateDirectory(dir, undefined, 'ids');
  try {
    const reports = await collectTargets(
      [...evaluation.models.targets.values()],
      options.keep,
      deployContext(options),
      options.state === true,
    );
    for (const r of reports) {
      const state = r.state && [
        ...(r.state.deleted.length > 0 ? [`deleted the state of ${r.state.deleted.join(', ')}`] : []),
        ...(r.state.failed.length > 0 ? [`could not delete the state of ${r.state.failed.join(', ')}`] : []),
      ];
      process.stdout.write(
        `${r.target}: kept generations ${r.kept.join(', ') || 'none'}; removed ${r.removed} store entries${r.removedBootHook ? ' and the boot hook' : ''}${state && state.length > 0 ? `; ${state.join('; ')}` : ''}\n`,
      );
    }
    return reports.some((r) => (r.state?.failed.length ?? 0) > 0) ? EXIT_INCOMPLETE : 0;
  } catch (error) {
    if (!(error instanceof DeployError)) throw error;
    process.stderr.write(`drover: ${error.message}\n`);
    return 2;
  }
}

/** Prints a plan, with the IDs of the evaluation it deploys (none for a rollback). */
type ShowPlan = (plan: Plan, evaluation?: Evaluation) => void;

/**
 * Runs a deployment with interrupts wired to rollback, then reports it and writes status.json, and
 * ids.json when it deployed an evaluation.
 */
async function deploying(
  dir: string,
  options: TargetOptions,
  commit: string | undefined,
  run: (context: DeployContext, showPlan: ShowPlan) => Promise<DeployResult & { evaluation?: Evaluation }>,
  verb: 'deploy' | 'rollback' = 'deploy',
): Promise<number> {
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`drover: ${signal}: stopping and rolling back\n`);
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const context = deployContext(options, commit, abort.signal);
  const showPlan: ShowPlan = (plan, evaluation) => {
    const ids = evaluation?.ids ?? emptyIds();
    const priorIds = evaluation?.input.priorIds;
    const reservations = priorIds ? reservationChanges(priorIds, ids) : [];
    const document = {
      ...plan,
      ids,
      idChanges: priorIds ? idChanges(priorIds, ids) : [],
      ...(reservations.length > 0 ? { reservationChanges: reservations } : {}),
      ...(evaluation && evaluation.placementChanges.length > 0
        ? { placementChanges: evaluation.placementChanges }
        : {}),
      warnings: evaluation?.warnings ?? [],
    };
    process.stdout.write(`${formatPlanText(document, dir)}\n`);
  };
  context.onPlan = (plan) => showPlan(plan);
  try {
    const result = await run(context, showPlan);
    const evaluation = result.evaluation;
    const status = markDeployment(readStatus(dir), result, context.now(), result.commit ?? commit);
    writeFileAtomic(join(dir, STATUS_FILE), formatDocument(status));
    const trips = Object.entries(result.roundTrips)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    if (result.ok) {
      if (evaluation) {
        writeFileAtomic(join(dir, IDS_FILE), formatDocument(evaluation.ids));
        const placements = placementsText(evaluation.placements, existsSync(join(dir, PLACEMENTS_FILE)));
        if (placements !== undefined) writeFileAtomic(join(dir, PLACEMENTS_FILE), placements);
      }
      const done =
        status.outcome === 'unchanged'
          ? 'Nothing changed'
          : verb === 'rollback'
            ? '\nRolled back'
            : '\nDeployed';
      const runs =
        verb === 'rollback'
          ? `the targets it changed run their previous generation${result.commit !== undefined ? ` (commit ${result.commit})` : ''}`
          : 'every target runs the new configuration';
      process.stdout.write(`${done}: ${runs} (round trips: ${trips}).\n`);
      return 0;
    }
    const error = result.error!;
    process.stderr.write(`\ndrover: ${error.message}\n`);
    for (const line of error.output ?? []) process.stderr.write(`  | ${line}\n`);
    if (result.rollbackFailures.length === 0) {
      process.stderr.write('drover: rolled back: every target runs what it ran before\n');
      return EXIT_ROLLED_BACK;
    }
    for (const failure of result.rollbackFailures) process.stderr.write(`drover: ${failure.message}\n`);
    return EXIT_INCOMPLETE;
  } catch (error) {
    if (error instanceof DeployError) {
      process.stderr.write(`drover: ${error.message}; nothing was changed\n`);
      return 2;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
