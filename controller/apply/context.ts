/**
 * The edges of a real deployment, made in one place for the command line and the controller: transports
 * from the SSH credentials, the clock, the log, the lock owner (this process on this host) and the
 * interrupt.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { consoleLog, type Log } from '../log.ts';
import { sshCredentials, type SshOptions } from '../transport/connect.ts';
import { targetConnector } from '../transport/index.ts';
import type { DeployContext, LockOwner } from './deploy.ts';
import type { Bounds } from './remote.ts';

/** How to reach targets, and how long their commands may take (ms; else DEFAULT_BOUNDS). */
export interface TargetOptions extends SshOptions {
  connectTimeout?: number;
  commandTimeout?: number;
  scriptTimeout?: number;
}

/**
 * The edges of a deployment: real transports and clock; the console unless another log is given.
 * `secrets` (the git token) are redacted from everything recorded of the deployment.
 */
export function deployContext(
  options: TargetOptions,
  commit?: string,
  signal?: AbortSignal,
  log: Log = consoleLog,
  secrets: readonly string[] = [],
): DeployContext {
  const owner: LockOwner = {
    id: randomUUID().slice(0, 8),
    host: hostname(),
    pid: process.pid,
    time: new Date().toISOString(),
  };
  if (commit !== undefined) owner.commit = commit;
  const context: DeployContext = {
    connect: targetConnector(sshCredentials(options)),
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log,
    owner,
    isDeadOwner: (holder) => holder.host === hostname() && holder.pid !== process.pid && !isAlive(holder.pid),
    secrets,
  };
  if (signal) context.signal = signal;
  const bounds: Partial<Bounds> = {};
  if (options.connectTimeout !== undefined) bounds.connectMs = options.connectTimeout;
  if (options.commandTimeout !== undefined) bounds.commandMs = options.commandTimeout;
  if (options.scriptTimeout !== undefined) bounds.scriptMs = options.scriptTimeout;
  context.bounds = bounds;
  return context;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
