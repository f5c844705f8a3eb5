/**
 * `drover controller`'s loop: reconciles when the reconciler asks to (its requeueAfter) or at once when a
 * local repository's branch ref changes or a retry comes in; serves /healthz, /readyz, /metrics and the
 * live status (GET /status), accepts POST /retry, and on SIGTERM lets the current deployment finish or
 * roll back, releases the locks and exits. The policy (when, and what to do) is the reconciler's.
 */
import { createServer, type Server } from 'node:http';
import { watch } from 'chokidar';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DeploymentRecord } from '../core/status.ts';
import type { Log } from '../log.ts';
import type { Reconciler, StatusStore } from './reconciler.ts';

/** The controller's metrics. */
export class ControllerMetrics {
  readonly registry = new Registry();
  readonly reconcileSeconds = new Histogram({
    name: 'drover_reconcile_duration_seconds',
    help: 'Time to reconcile one commit, by outcome',
    labelNames: ['outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly deployments = new Counter({
    name: 'drover_deployments_total',
    help: 'Deployments run',
    registers: [this.registry],
  });
  readonly failures = new Counter({
    name: 'drover_deployment_failures_total',
    help: 'Deployments that failed and were rolled back',
    registers: [this.registry],
  });
  readonly lastApplied = new Gauge({
    name: 'drover_last_applied_timestamp_seconds',
    help: 'When a commit was last deployed successfully (Unix time)',
    registers: [this.registry],
  });
  readonly units = new Gauge({
    name: 'drover_units',
    help: 'Units deployed per target',
    labelNames: ['target'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'drover_' });
  }

  /** Records a deployment's outcome. */
  deployment(result: DeploymentRecord, now: Date): void {
    this.deployments.inc();
    if (!result.ok) {
      this.failures.inc();
      return;
    }
    this.lastApplied.set(now.getTime() / 1000);
    for (const [target, outcome] of Object.entries(result.targets))
      this.units.set({ target }, outcome.units.length);
  }
}

/** How the controller runs. */
export interface DaemonOptions {
  reconciler: Reconciler;
  /** The live status, served at GET /status. */
  status: StatusStore;
  metrics: ControllerMetrics;
  log: Log;
  listen: { host: string; port: number };
  /** Files whose change means the branch moved (a local repository's refs). */
  watchFiles: string[];
  /** Aborted on SIGTERM: the deployment in progress rolls back. */
  abort: AbortController;
}

/** Runs until stopped; resolves when it has shut down. */
export async function runDaemon(options: DaemonOptions): Promise<void> {
  const { reconciler, metrics, log } = options;
  let ready = false;
  let stopping = false;
  let wake: (() => void) | undefined;
  const poke = () => wake?.();
  // Set when something asked for a reconciliation while one was running.
  let pending = false;

  const server = await serve(options, {
    ready: () => ready,
    retry: () => {
      reconciler.retry();
      pending = true;
      poke();
    },
  });
  const watcher =
    options.watchFiles.length > 0
      ? watch(options.watchFiles, { ignoreInitial: true, awaitWriteFinish: false }).on('all', () => {
          pending = true;
          poke();
        })
      : undefined;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    log.info({}, 'stopping: the deployment in progress finishes or rolls back');
    options.abort.abort();
    poke();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  try {
    while (!stopping) {
      const started = performance.now();
      const { outcome, requeueAfter } = await reconciler.reconcile();
      if (outcome !== 'error') ready = true;
      if (outcome !== 'idle' && outcome !== 'own-commit' && outcome !== 'error') {
        metrics.reconcileSeconds.observe({ outcome }, (performance.now() - started) / 1000);
      }
      if (pending || stopping) {
        pending = false;
        continue;
      }
      if (requeueAfter <= 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, requeueAfter);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    await watcher?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    log.info({}, 'stopped');
  }
}

/** The HTTP endpoints: probes, metrics, the live status, retry. */
function serve(options: DaemonOptions, state: { ready(): boolean; retry(): void }): Promise<Server> {
  const server = createServer((req, res) => {
    const reply = (code: number, body: string, type = 'text/plain') => {
      res.writeHead(code, { 'content-type': type });
      res.end(body);
    };
    if (req.url === '/healthz') return reply(200, 'ok\n');
    if (req.url === '/readyz') return state.ready() ? reply(200, 'ready\n') : reply(503, 'not ready\n');
    if (req.url === '/metrics') {
      void options.metrics.registry
        .metrics()
        .then((text) => reply(200, text, options.metrics.registry.contentType));
      return;
    }
    if (req.url === '/status' && req.method === 'GET') {
      const status = options.status.get();
      return status
        ? reply(200, JSON.stringify(status, null, 2) + '\n', 'application/json')
        : reply(503, 'no status yet\n');
    }
    if (req.url === '/retry' && req.method === 'POST') {
      state.retry();
      return reply(202, 'retrying the head commit\n');
    }
    reply(404, 'not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen.port, options.listen.host, () => resolve(server));
  });
}

/** Parses HOST:PORT. */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(.*):(\d+)$/.exec(text);
  if (!match || Number(match[2]) > 65535) throw new Error(`--listen must be HOST:PORT, got '${text}'`);
  return { host: match[1] || '127.0.0.1', port: Number(match[2]) };
}
