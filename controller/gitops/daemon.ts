/**
 * `drover controller`'s loop: reconciles when the reconciler asks to (its requeueAfter) or at once when a
 * local repository's branch ref changes or a retry comes in; serves /healthz, /readyz, /metrics and the
 * live status (GET /status), accepts POST /retry (with the API token only), and on SIGTERM lets the
 * current deployment finish or roll back, releases the locks and exits. The policy (when, and what to
 * do) is the reconciler's.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { watch } from 'chokidar';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Drift, TargetObservation } from '../core/observed.ts';
import type { DeploymentRecord } from '../core/status.ts';
import type { Log } from '../log.ts';
import type { Prober } from './prober.ts';
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
  readonly probeSeconds = new Histogram({
    name: 'drover_probe_duration_seconds',
    help: 'Time to probe one target (connect, one round trip), whatever the outcome',
    labelNames: ['target'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 30],
    registers: [this.registry],
  });
  readonly targetUp = new Gauge({
    name: 'drover_target_up',
    help: 'Whether the target is Reachable (1) or Unreachable (0), as its probes say',
    labelNames: ['target'],
    registers: [this.registry],
  });
  readonly unitRunning = new Gauge({
    name: 'drover_unit_running',
    help: "Whether the unit's manager runs it (1) or not (0), at the target's last good probe",
    labelNames: ['target', 'unit'],
    registers: [this.registry],
  });
  readonly heals = new Counter({
    name: 'drover_heals_total',
    help: 'Units started again because they did not run (healing)',
    labelNames: ['unit'],
    registers: [this.registry],
  });
  readonly driftUnits = new Gauge({
    name: 'drover_drift_units',
    help: 'Units of the target that do not run as recorded, at its last good probe',
    labelNames: ['target'],
    registers: [this.registry],
  });

  /** The units drover_unit_running has a series for, by target (to drop those that went). */
  private readonly unitsOf = new Map<string, Set<string>>();

  constructor() {
    // The event loop lag is sampled every 250 ms, not prom-client's 10 ms: 100 wake-ups a second are
    // most of an idle controller's CPU.
    collectDefaultMetrics({ register: this.registry, prefix: 'drover_', eventLoopMonitoringPrecision: 250 });
  }

  /** Records what a target's probe found. */
  observed(target: string, observation: TargetObservation, drift: Drift | undefined): void {
    if (observation.reachable !== undefined) this.targetUp.set({ target }, observation.reachable ? 1 : 0);
    const observed = observation.report?.observed;
    if (!observed || observation.reachable !== true) return;
    const units = new Set([...observed.running, ...observed.notRunning.keys()]);
    for (const unit of this.unitsOf.get(target) ?? [])
      if (!units.has(unit)) this.unitRunning.remove({ target, unit });
    this.unitsOf.set(target, units);
    for (const unit of observed.running) this.unitRunning.set({ target, unit }, 1);
    for (const unit of observed.notRunning.keys()) this.unitRunning.set({ target, unit }, 0);
    this.driftUnits.set({ target }, Object.keys(drift?.notRunning ?? {}).length);
  }

  /** Drops the series of a target that is no longer in the models. */
  forgetTarget(target: string): void {
    for (const gauge of [this.targetUp, this.driftUnits, this.units]) gauge.remove({ target });
    for (const unit of this.unitsOf.get(target) ?? []) this.unitRunning.remove({ target, unit });
    this.unitsOf.delete(target);
    this.probeSeconds.remove({ target });
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
  reconciler: Pick<Reconciler, 'reconcile' | 'retry'>;
  /** The live status, served at GET /status. */
  status: StatusStore;
  metrics: ControllerMetrics;
  log: Log;
  listen: { host: string; port: number };
  /** Files whose change means the branch moved (a local repository's refs). */
  watchFiles: string[];
  /** Aborted on SIGTERM: the deployment in progress rolls back. */
  abort: AbortController;
  /**
   * The bearer token that requests which change something (POST /retry) must carry; without one they
   * are off (403).
   */
  apiToken?: string;
  /** Called once the port is bound, before the first reconciliation. */
  onListening?: () => void;
  /** Beaten by the loop, and by the reconciliation's log lines and commands (see Heartbeat). */
  heartbeat: Heartbeat;
  /** /healthz fails when a reconciliation has made no progress for this long. */
  watchdogMs: number;
  /** After SIGTERM: how long a rollback may take on top of 30 s before the process exits anyway. */
  rollbackBoundMs: number;
  /** Ends the process when it did not stop in time (default process.exit). */
  exit?: (code: number) => void;
  /** How long stopping may take when no deployment runs (default SHUTDOWN_GRACE_MS). */
  graceMs?: number;
  /** Probes the targets every `probeIntervalMs`, beside the reconciliation; its findings go to GET /status. */
  prober?: Pick<Prober, 'probeAll' | 'snapshot'>;
  probeIntervalMs?: number;
  /** Called after each round of probes (healing). */
  onProbed?: () => Promise<void>;
  /** Called after each reconciliation, in the same loop (committing what the probes see). */
  afterReconcile?: () => Promise<void>;
}

/** How long after SIGTERM the controller may take when no deployment runs. */
export const SHUTDOWN_GRACE_MS = 30_000;

/**
 * When the controller last made progress. The loop beats it around each reconciliation, and the
 * reconciliation beats it with every log line and every command a target answers; /healthz fails when a
 * reconciliation has gone without a beat for the watchdog's bound (a hung read, a silent target).
 */
export class Heartbeat {
  private last = Date.now();
  private busy = false;

  /** Something happened. */
  beat(): void {
    this.last = Date.now();
  }

  /** A reconciliation starts (true) or ends (false); waiting between them is not being stuck. */
  working(busy: boolean): void {
    this.busy = busy;
    this.beat();
  }

  /** Whether a reconciliation runs. */
  get isWorking(): boolean {
    return this.busy;
  }

  /** Milliseconds a running reconciliation has gone without progress (0 while waiting). */
  stalledFor(): number {
    return this.busy ? Date.now() - this.last : 0;
  }
}

/** The controller cannot serve on its --listen address. */
export class ListenError extends Error {
  readonly code = 'E_LISTEN';
  constructor(listen: { host: string; port: number }, cause: NodeJS.ErrnoException) {
    const why =
      cause.code === 'EADDRINUSE'
        ? 'the port is already in use'
        : cause.code === 'EACCES'
          ? 'permission denied (ports below 1024 need privileges)'
          : cause.code === 'EADDRNOTAVAIL'
            ? "the address is not one of this machine's"
            : cause.message;
    super(`--listen ${listen.host}:${listen.port}: ${why} (listen ${cause.code ?? 'failed'})`, { cause });
    this.name = 'ListenError';
  }
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
    stalledFor: () => options.heartbeat.stalledFor(),
    retry: () => {
      reconciler.retry();
      pending = true;
      poke();
    },
  });
  options.onListening?.();
  const watcher =
    options.watchFiles.length > 0
      ? watch(options.watchFiles, { ignoreInitial: true, awaitWriteFinish: false }).on('all', () => {
          pending = true;
          poke();
        })
      : undefined;
  let deadline: NodeJS.Timeout | undefined;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const boundMs =
      (options.graceMs ?? SHUTDOWN_GRACE_MS) + (options.heartbeat.isWorking ? options.rollbackBoundMs : 0);
    log.info({ boundMs }, 'stopping: the deployment in progress finishes or rolls back');
    // Whatever hangs (a target, the git server), the process ends within its bound.
    deadline = setTimeout(() => {
      log.error(
        { boundMs },
        'did not stop in time: exiting; the locks a rollback left are stale in 10 minutes',
      );
      (options.exit ?? process.exit)(1);
    }, boundMs);
    deadline.unref();
    options.abort.abort();
    poke();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const probing = probeLoop(options, () => stopping);

  try {
    while (!stopping) {
      const started = performance.now();
      options.heartbeat.working(true);
      const { outcome, requeueAfter } = await reconciler
        .reconcile()
        .finally(() => options.heartbeat.working(false));
      if (outcome !== 'error') ready = true;
      if (!stopping) await options.afterReconcile?.();
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
    await probing.stop();
    clearTimeout(deadline);
    await watcher?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    log.info({}, 'stopped');
  }
}

/**
 * Probes every `probeIntervalMs` until stopped, on its own timer: a slow probe delays neither the
 * reconciliation nor the next probes of the other targets (the prober skips a target still in flight).
 */
function probeLoop(options: DaemonOptions, stopping: () => boolean): { stop(): Promise<void> } {
  const { prober, probeIntervalMs } = options;
  if (!prober || !probeIntervalMs) return { stop: () => Promise.resolve() };
  const running = new Set<Promise<void>>();
  const tick = () => {
    if (stopping()) return;
    const run = prober
      .probeAll()
      .then(() => (stopping() ? undefined : options.onProbed?.()))
      .catch((error: unknown) => options.log.error({ error: String(error) }, 'probing or healing failed'))
      .finally(() => running.delete(run));
    running.add(run);
  };
  const timer = setInterval(tick, probeIntervalMs);
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(running);
    },
  };
}

/**
 * The HTTP endpoints: probes, metrics, the live status, retry. Reading is open; any other method (every
 * request that could change something, present or future) needs the API token first.
 */
function serve(
  options: DaemonOptions,
  state: { ready(): boolean; stalledFor(): number; retry(): void },
): Promise<Server> {
  const server = createServer((req, res) => {
    const reply = (code: number, body: string, type = 'text/plain', headers: Record<string, string> = {}) => {
      res.writeHead(code, { 'content-type': type, ...headers });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const refused = refusal(req.headers.authorization, options.apiToken);
      if (refused) return reply(refused.code, refused.body, 'text/plain', refused.headers);
    }
    if (req.url === '/healthz') {
      const stalled = state.stalledFor();
      return stalled > options.watchdogMs
        ? reply(503, `no progress for ${Math.round(stalled / 1000)} s\n`)
        : reply(200, 'ok\n');
    }
    if (req.url === '/readyz') return state.ready() ? reply(200, 'ready\n') : reply(503, 'not ready\n');
    if (req.url === '/metrics') {
      void options.metrics.registry
        .metrics()
        .then((text) => reply(200, text, options.metrics.registry.contentType));
      return;
    }
    if (req.url === '/status' && req.method === 'GET') {
      const status = options.status.get();
      // The live status adds what the probes see now; status.json in the branch records only changes.
      const live = status && options.prober ? { ...status, observed: options.prober.snapshot() } : status;
      return live
        ? reply(200, JSON.stringify(live, null, 2) + '\n', 'application/json')
        : reply(503, 'no status yet\n');
    }
    if (req.url === '/retry' && req.method === 'POST') {
      state.retry();
      return reply(202, 'retrying the head commit\n');
    }
    reply(404, 'not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new ListenError(options.listen, error)));
    server.listen(options.listen.port, options.listen.host, () => resolve(server));
  });
}

/**
 * Why a request that could change something is refused: they are off without an API token (403), and
 * need `Authorization: Bearer <token>` with it (401). Undefined when it may go ahead.
 */
function refusal(
  authorization: string | undefined,
  token: string | undefined,
): { code: 401 | 403; body: string; headers?: Record<string, string> } | undefined {
  if (token === undefined) {
    return {
      code: 403,
      body: 'requests that change something (POST /retry) are off: start the controller with --api-token-file FILE to turn them on\n',
    };
  }
  const presented = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1];
  if (presented !== undefined && sameSecret(presented, token)) return undefined;
  return {
    code: 401,
    body: 'a missing or wrong API token: send Authorization: Bearer <the token in --api-token-file>\n',
    headers: { 'www-authenticate': 'Bearer realm="drover"' },
  };
}

/** Compares two secrets in constant time (their digests, so that not even the length leaks). */
function sameSecret(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Parses HOST:PORT. */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(.*):(\d+)$/.exec(text);
  if (!match || Number(match[2]) > 65535) throw new Error(`--listen must be HOST:PORT, got '${text}'`);
  return { host: match[1] || '127.0.0.1', port: Number(match[2]) };
}
