/**
 * `drover apply` on the command line: evaluate, deploy with SSH credentials from the options and the
 * environment, print the plan that ran and the outcome, write status.json (always) and ids.json (when
 * the targets run the new configuration). SIGINT and SIGTERM roll the deployment back.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { StatusFile } from '../../schema/generated/status.ts';
import { sshCredentials, targetConnector } from '../connect.ts';
import { formatDocument, writeFileAtomic } from '../documents.ts';
import { formatPlanText } from '../format-plan.ts';
import { emptyIds, idChanges } from '../ids.ts';
import { evaluateDirectory, IDS_FILE, readIds } from '../repository.ts';
import { DeployError, type DeployContext, type Log, type LockOwner } from './deploy.ts';
import { applyEvaluation, statusDocument } from './run.ts';

/** The name of the status file in a models repository. */
export const STATUS_FILE = 'status.json';

/** Exit codes of apply beyond the usual 0 (done), 1 (invalid models) and 2 (usage, or could not start). */
export const EXIT_ROLLED_BACK = 3;
export const EXIT_INCOMPLETE = 4;

/** Runs `drover apply DIR`; returns the exit code. */
export async function runApply(
  dir: string,
  options: { identity?: string; knownHosts?: string; commit?: string },
): Promise<number> {
  const priorIds = readIds(dir) ?? emptyIds();
  const evaluation = evaluateDirectory(dir, priorIds);
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`drover: ${signal}: stopping and rolling back\n`);
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const context: DeployContext = {
    connect: targetConnector(sshCredentials(options)),
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log: consoleLog,
    owner: lockOwner(options.commit),
    isDeadOwner: (owner) => owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid),
    signal: abort.signal,
    onPlan: (plan) => {
      const document = {
        ...plan,
        ids: evaluation.ids,
        idChanges: idChanges(priorIds, evaluation.ids),
        warnings: evaluation.warnings,
      };
      process.stdout.write(`${formatPlanText(document, dir)}\n`);
    },
  };
  try {
    const result = await applyEvaluation(evaluation, dir, context, options.commit);
    const time = context.now().toISOString();
    const status = statusDocument(result, time, options.commit, readStatus(dir));
    writeFileAtomic(join(dir, STATUS_FILE), formatDocument(status));
    const trips = Object.entries(result.roundTrips)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    if (result.ok) {
      writeFileAtomic(join(dir, IDS_FILE), formatDocument(evaluation.ids));
      process.stdout.write(
        `${status.outcome === 'unchanged' ? 'Nothing changed' : '\nDeployed'}: every target runs the new configuration (round trips: ${trips}).\n`,
      );
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

function lockOwner(commit: string | undefined): LockOwner {
  const owner: LockOwner = {
    id: randomUUID().slice(0, 8),
    host: hostname(),
    pid: process.pid,
    time: new Date().toISOString(),
  };
  if (commit !== undefined) owner.commit = commit;
  return owner;
}

function readStatus(dir: string): StatusFile | undefined {
  const path = join(dir, STATUS_FILE);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as StatusFile;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Progress for people: one line per step on stdout, warnings and errors on stderr. */
const consoleLog: Log = {
  info: (_fields, message) => process.stdout.write(`  ${message}\n`),
  warn: (_fields, message) => process.stderr.write(`drover: ${message}\n`),
  error: (_fields, message) => process.stderr.write(`drover: ${message}\n`),
};
