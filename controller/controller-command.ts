/**
 * `drover controller` and `drover retry` on the command line: wires the reconciler to the models
 * repository, the targets, a JSON log (pino) on stdout and the HTTP endpoints. Secrets (the git token,
 * credentials in the repository URL, SSH keys) never reach the log.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { deployContext, type TargetOptions } from './apply/command.ts';
import { ControllerMetrics, parseListen, runDaemon } from './daemon.ts';
import { ModelsRepository, type GitAuth } from './git/models-repository.ts';
import { Reconciler, workDirIn } from './reconciler.ts';
import { parseDuration } from './units.ts';

/** Options of `drover controller`. */
export interface ControllerOptions extends TargetOptions {
  repo: string;
  branch: string;
  interval: string;
  listen: string;
  cacheDir?: string;
  gitTokenFile?: string;
  authorName: string;
  authorEmail: string;
}

/** Runs the controller until SIGTERM; returns the exit code. */
export async function runController(options: ControllerOptions): Promise<number> {
  if (!/^\d+(ms|s|m)$/.test(options.interval)) {
    throw new Error(`--interval must be a duration such as 500ms, 30s or 5m, got '${options.interval}'`);
  }
  const log = pino({ base: { app: 'drover' }, timestamp: pino.stdTimeFunctions.isoTime });
  const cacheDir = options.cacheDir ?? join(homedir(), '.cache', 'drover');
  const repository = await ModelsRepository.open(options.repo, options.branch, cacheDir, gitAuth(options));
  const abort = new AbortController();
  const metrics = new ControllerMetrics();
  const now = () => new Date();
  const reconciler = new Reconciler({
    repository,
    workDir: workDirIn(cacheDir),
    deployContext: (commit) => deployContext(options, commit, abort.signal, log),
    author: { name: options.authorName, email: options.authorEmail },
    log,
    now,
    onDeployment: (result) => metrics.deployment(result, now()),
  });
  log.info(
    {
      repo: redactUrl(options.repo),
      branch: options.branch,
      listen: options.listen,
      interval: options.interval,
    },
    'drover controller started',
  );
  await runDaemon({
    reconciler,
    metrics,
    log,
    intervalMs: parseDuration(options.interval),
    listen: parseListen(options.listen),
    watchFiles: repository.refFiles(),
    abort,
  });
  return 0;
}

/** Asks a running controller to try the head commit again. */
export async function runRetry(listen: string): Promise<number> {
  const { host, port } = parseListen(listen);
  const response = await fetch(`http://${host}:${port}/retry`, { method: 'POST' });
  process.stdout.write(await response.text());
  return response.ok ? 0 : 2;
}

/** Git credentials: a token from a file or DROVER_GIT_TOKEN, or DROVER_GIT_USERNAME/DROVER_GIT_PASSWORD. */
function gitAuth(options: ControllerOptions): GitAuth {
  const auth: GitAuth = {};
  const token =
    options.gitTokenFile !== undefined
      ? readFileSync(options.gitTokenFile, 'utf8').trim()
      : process.env.DROVER_GIT_TOKEN;
  if (token?.trim()) auth.token = token.trim();
  if (process.env.DROVER_GIT_USERNAME) auth.username = process.env.DROVER_GIT_USERNAME;
  if (process.env.DROVER_GIT_PASSWORD) auth.password = process.env.DROVER_GIT_PASSWORD;
  return auth;
}

/** A URL without the credentials it may carry. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//***@');
}
