/**
 * `drover controller` and `drover retry` on the command line: wires the reconciler to the models
 * repository, the targets, a JSON log (pino) on stdout and the HTTP endpoints. Secrets (the git token,
 * the API token, credentials in the repository URL, SSH keys) never reach the log.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { TargetOptions } from '../apply/command.ts';
import { deployContext } from '../apply/context.ts';
import { applyEvaluation, exclusiveCopies } from '../apply/run.ts';
import { boundsOf, connectTarget } from '../apply/deploy.ts';
import { probe, unitsDigest } from '../apply/remote.ts';
import type { Evaluation } from '../core/evaluate.ts';
import { DEFAULT_OBSERVE_POLICY, type ObservePolicy } from '../core/observed.ts';
import { silentLog, type Log } from '../log.ts';
import { Prober, type ObservedTarget } from './prober.ts';
import type { ObservedTargetStatus } from '../../schema/generated/status.ts';
import { Healer } from './healer.ts';
import { KeptConnections } from './kept-connections.ts';
import { LeaseBook } from './leases.ts';
import type { RepoReader } from '../core/models/repo-reader.ts';
import { parseDuration } from '../core/duration.ts';
import type { StatusFile } from '../../schema/generated/status.ts';
import { ControllerMetrics, Heartbeat, parseListen, runDaemon } from './daemon.ts';
import type { Transport } from '../transport/transport.ts';
import { GitRepository, type GitAuth } from './git-repository.ts';
import { Reconciler, type Deployer, type StatusStore } from './reconciler.ts';

/** Options of `drover controller`. */
export interface ControllerOptions extends TargetOptions {
  repo: string;
  branch: string;
  interval: string;
  listen: string;
  cacheDir?: string;
  gitTokenFile?: string;
  /** A file holding the bearer token that POST /retry needs (off without one). */
  apiTokenFile?: string;
  authorName: string;
  authorEmail: string;
  /** Let models name `transport: local` targets, which run commands on the controller's own host. */
  allowLocalTargets?: boolean;
  /** /healthz fails when a reconciliation makes no progress for this long. */
  watchdog: string;
  /** How long a rollback may take after SIGTERM (on top of 30 s) before the process exits anyway. */
  rollbackTimeout: string;
  /** How often every target is probed. */
  probeInterval: string;
  /** How long a target may not answer its probes before it is Unreachable. */
  unreachableAfter: string;
  /** Put drift right (--no-heal turns it off). */
  heal: boolean;
  /** Waits before each heal of a unit, comma-separated durations. */
  healBackoff: string;
  /** How long a target may be unreachable before the scheduler places its copies elsewhere. */
  failoverAfter: string;
  /** How long an exclusive service's lease lasts (renewed with each probe). */
  leaseTimeout: string;
  /** How far a target's clock may be from the controller's for a lease. */
  maxClockSkew: string;
}

/** How many targets are probed at a time. */
const PROBE_CONCURRENCY = 16;

/** Runs the controller until SIGTERM; returns the exit code. */
export async function runController(options: ControllerOptions): Promise<number> {
  const intervalMs = durationOption('--interval', options.interval);
  const watchdogMs = durationOption('--watchdog', options.watchdog);
  const rollbackBoundMs = durationOption('--rollback-timeout', options.rollbackTimeout);
  const probeIntervalMs = durationOption('--probe-interval', options.probeInterval);
  const unreachableAfterMs = durationOption('--unreachable-after', options.unreachableAfter);
  const failoverAfterMs = durationOption('--failover-after', options.failoverAfter);
  const leases = new LeaseBook(
    {
      timeoutMs: durationOption('--lease-timeout', options.leaseTimeout),
      maxSkewMs: durationOption('--max-clock-skew', options.maxClockSkew),
    },
    Date.now(),
  );
  if (leases.terms.timeoutMs <= probeIntervalMs)
    throw new Error(
      `--lease-timeout ${options.leaseTimeout} must be longer than --probe-interval ${options.probeInterval}: the probes renew the leases`,
    );
  const policy: ObservePolicy = {
    ...DEFAULT_OBSERVE_POLICY,
    unreachableAfterMs,
    healBackoffMs: options.healBackoff
      .split(',')
      .map((text) => durationOption('--heal-backoff', text.trim())),
  };
  const apiToken = options.apiTokenFile !== undefined ? readApiToken(options.apiTokenFile) : undefined;
  const heartbeat = new Heartbeat();
  const log = beating(pino({ base: { app: 'drover' }, timestamp: pino.stdTimeFunctions.isoTime }), heartbeat);
  const cacheDir = options.cacheDir ?? join(homedir(), '.cache', 'drover');
  const auth = gitAuth(options);
  // What must never be recorded from a command's output: the git credentials and the API token.
  const secrets = [auth.token, auth.password, apiToken].filter((s): s is string => s !== undefined);
  const source = await GitRepository.open(options.repo, options.branch, cacheDir, auth);
  const abort = new AbortController();
  const metrics = new ControllerMetrics();
  const clock = { now: () => new Date() };
  const allowLocalTargets = options.allowLocalTargets === true;
  const probeContext = deployContext(options, undefined, undefined, silentLog, secrets);
  // A probe that has not answered within --unreachable-after has failed: the target is that long silent
  // whatever it says later (a dead link would hold it for the whole connect or command bound).
  const deployBounds = boundsOf(probeContext);
  probeContext.bounds = {
    ...deployBounds,
    connectMs: Math.min(deployBounds.connectMs, unreachableAfterMs),
    commandMs: Math.min(deployBounds.commandMs, unreachableAfterMs),
  };
  const probeConnections = new KeptConnections((target) => connectTarget(target, probeContext));
  /** The exclusive copies each target runs, as of the last evaluation the targets run: their leases. */
  let leased = new Map<string, string[]>();
  const prober: Prober = new Prober({
    probe: (target) =>
      probeConnections.use(target, (transport) =>
        probe(
          transport,
          target.stateDir,
          boundsOf(probeContext),
          leases.renewal(
            target.name,
            leased.get(target.name) ?? [],
            Date.now(),
            prober.answeredAt(target.name),
          ),
        ),
      ),
    now: () => Date.now(),
    log,
    metrics,
    concurrency: PROBE_CONCURRENCY,
    policy,
  });
  /** What each target should run (unitsDigest), as of the last deployment. */
  let desiredDigests = new Map<string, string>();
  /** The models the targets run: what healing deploys again. */
  let running: { evaluation: Evaluation; repo: RepoReader; commit: string } | undefined;
  const probed = (evaluation: Evaluation) => {
    const targets = [...evaluation.models.targets.values()].filter(
      (t) => allowLocalTargets || t.transport !== 'local',
    );
    probeConnections.keepOnly(new Set(targets.map((t) => t.name)));
    leased = exclusiveCopies(evaluation);
    prober.watch({ targets, desiredDigests });
  };
  const watchTargets = (evaluation: Evaluation, repo: RepoReader, commit: string) => {
    running = { evaluation, repo, commit };
    probed(evaluation);
  };
  // One deployment at a time: the reconciler's and the healer's take the same locks.
  const exclusive = serial();
  const deployOnce = async (
    evaluation: Evaluation,
    repo: RepoReader,
    commit: string,
    signal: AbortSignal,
    heal?: { targets: ReadonlySet<string>; leaveAlone: ReadonlySet<string> },
  ) => {
    const context = deployContext(options, commit, signal, log, secrets);
    const connect = context.connect.bind(context);
    context.connect = async (target) => beatingTransport(await connect(target), heartbeat);
    const result = await applyEvaluation(evaluation, repo, context, {
      commit,
      // An unreachable target that runs what it should is left out rather than failing the deployment,
      // and so is one whose copies the scheduler placed elsewhere.
      knownRunning: prober.unreachable(),
      failedOver: new Map(
        [...failedOver].map((t) => [t, `unreachable for ${options.failoverAfter} or more`]),
      ),
      leases: { terms: leases.terms, sent: (target, expiry) => leases.sent(target, expiry) },
      ...(heal !== undefined ? { leaveAlone: heal.leaveAlone, onlyTargets: heal.targets } : {}),
    });
    metrics.deployment(result, clock.now());
    // What the targets run now, deployed or rolled back to: what their probes should find
    // (a heal reaches some targets only: the others keep theirs).
    desiredDigests = new Map([
      ...desiredDigests,
      ...Object.entries(result.targets).map(([name, t]) => [name, unitsDigest(t.units)] as const),
    ]);
    healer.deployed(Object.values(result.targets).flatMap((t) => t.units));
    // A failed deployment was rolled back: the targets still run the models deployed before.
    if (result.ok) watchTargets(result.evaluation, repo, commit);
    else probed(running?.evaluation ?? result.evaluation);
    return result;
  };
  const healer = new Healer({
    redeploy: (targets, leaveAlone) =>
      exclusive(async () =>
        running
          ? deployOnce(running.evaluation, running.repo, running.commit, abort.signal, {
              targets,
              leaveAlone,
            })
          : undefined,
      ),
    now: () => Date.now(),
    log,
    metrics,
    policy,
  });
  const deployer: Deployer = {
    deploy: (evaluation, repo, commit, signal) =>
      exclusive(() => deployOnce(evaluation, repo, commit, signal)),
  };
  /** Targets unreachable past --failover-after, as of the last probes. */
  let failedOver = new Set<string>();
  /** Those of them whose exclusive copies' lease has ended. */
  let leasesEnded = new Set<string>();
  /**
   * After each round of probes: a target that has just been unreachable for --failover-after, and that
   * runs copies the scheduler placed, has them placed elsewhere: the head is deployed again (the
   * evaluation sees the liveness); its exclusive copies move once their lease there has ended, which may
   * be a later round. One that answers again is put right by healing (its stale copies are drift); its
   * copies do not move back.
   */
  const failover = () => {
    const now = Date.now();
    const past = new Set(
      [...prober.liveness()]
        .filter(([, l]) => !l.reachable && now - l.since >= failoverAfterMs)
        .map(([target]) => target),
    );
    const placed = new Set(
      Object.values(running?.evaluation.placements.placements ?? {}).flatMap((byTarget) =>
        Object.keys(byTarget),
      ),
    );
    const ended = new Set([...past].filter((t) => leased.has(t) && now >= leases.endOf(t)));
    const newly = [...past].filter((t) => placed.has(t) && !failedOver.has(t));
    const newlyEnded = [...ended].filter((t) => !leasesEnded.has(t));
    failedOver = past;
    leasesEnded = ended;
    if (newly.length > 0)
      log.warn({ targets: newly }, 'unreachable past --failover-after: placing their copies elsewhere');
    if (newlyEnded.length > 0)
      log.warn(
        { targets: newlyEnded, leaseEnded: newlyEnded.map((t) => new Date(leases.endOf(t)).toISOString()) },
        'the lease of their exclusive copies has ended: placing those elsewhere',
      );
    if (newly.length > 0 || newlyEnded.length > 0) reconciler.retry();
  };
  const status = liveStatus();
  const reconciler = new Reconciler({
    source,
    deployer,
    status,
    clock,
    author: { name: options.authorName, email: options.authorEmail },
    log,
    intervalMs,
    signal: abort.signal,
    allowLocalTargets,
    evaluated: watchTargets,
    observed: () => leases.withLeaseEnds(prober.liveness()),
    failoverAfterMs,
  });
  try {
    await runDaemon({
      reconciler: {
        reconcile: () => reconciler.reconcile(),
        retry: () => {
          reconciler.retry();
          healer.retry();
        },
      },
      status,
      metrics,
      log,
      listen: parseListen(options.listen),
      watchFiles: source.refFiles(),
      abort,
      heartbeat,
      watchdogMs,
      rollbackBoundMs,
      prober,
      probeIntervalMs,
      onProbed: async () => {
        failover();
        if (options.heal) await healer.heal(prober.drifts());
      },
      afterReconcile: () =>
        reconciler.recordObserved(observedStatus(prober.snapshot(), new Set(healer.degraded()))),
      ...(apiToken !== undefined ? { apiToken } : {}),
      // Only once the port is ours: a taken port is reported as the one line that ends the start.
      onListening: () =>
        log.info(
          {
            repo: redactUrl(options.repo),
            branch: options.branch,
            listen: options.listen,
            interval: options.interval,
            probeInterval: options.probeInterval,
            heal: options.heal,
            writeEndpoints: apiToken !== undefined ? 'on' : 'off',
          },
          'drover controller started',
        ),
    });
  } finally {
    await probeConnections.closeAll();
  }
  return 0;
}

/** Milliseconds of a duration flag from 1 ms to 24 h. */
function durationOption(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms === 0 || ms > 24 * 3_600_000) {
    throw new Error(`${flag} must be a duration from 1ms to 24h such as 500ms, 30s or 5m, got '${text}'`);
  }
  return ms;
}

/** A log whose every line beats the heartbeat: a reconciliation that logs is making progress. */
function beating(log: Log, heartbeat: Heartbeat): Log {
  return {
    info: (fields, message) => (heartbeat.beat(), log.info(fields, message)),
    warn: (fields, message) => (heartbeat.beat(), log.warn(fields, message)),
    error: (fields, message) => (heartbeat.beat(), log.error(fields, message)),
  };
}

/** A transport whose every answered command beats the heartbeat. */
function beatingTransport(transport: Transport, heartbeat: Heartbeat): Transport {
  const answered = <T>(result: T) => (heartbeat.beat(), result);
  return {
    get address() {
      return transport.address;
    },
    get roundTrips() {
      return transport.roundTrips;
    },
    exec: (argv, options) => transport.exec(argv, options).then(answered),
    connect: (host, port) => transport.connect(host, port).then(answered),
    close: () => transport.close(),
  };
}

/**
 * What the probes see, as status.json records it: liveness, drift and, of the units not running, those
 * given up on, by target.
 */
function observedStatus(
  snapshot: Record<string, ObservedTarget>,
  degraded: ReadonlySet<string>,
): Record<string, ObservedTargetStatus> {
  return Object.fromEntries(
    Object.entries(snapshot).map(([target, o]) => {
      const notRunning = Object.keys(o.drift?.notRunning ?? {});
      const entry: ObservedTargetStatus = {
        reachable: o.reachable,
        since: o.since,
        notRunning,
        managersDown: o.drift?.managersDown ?? [],
        degraded: notRunning.filter((unit) => degraded.has(unit)),
      };
      if (o.drift?.otherGeneration) entry.otherGeneration = true;
      return [target, entry];
    }),
  );
}

/** Runs the functions given to it one at a time, in the order given. */
function serial(): <T>(work: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (work) => {
    const next = last.then(work, work);
    last = next.catch(() => undefined);
    return next;
  };
}

/** The live status, held in memory. */
function liveStatus(): StatusStore {
  let current: StatusFile | undefined;
  return {
    get: () => current,
    set: (status) => {
      current = status;
    },
  };
}

/** Options of `drover retry`. */
export interface RetryOptions {
  listen: string;
  /** The file holding the controller's API token, sent as `Authorization: Bearer`. */
  apiTokenFile?: string;
}

/** Asks a running controller to try the head commit again. */
export async function runRetry(options: RetryOptions): Promise<number> {
  const { host, port } = parseListen(options.listen);
  const headers: Record<string, string> = {};
  if (options.apiTokenFile !== undefined)
    headers.authorization = `Bearer ${readApiToken(options.apiTokenFile)}`;
  const response = await fetch(`http://${host}:${port}/retry`, { method: 'POST', headers });
  process.stdout.write(await response.text());
  return response.ok ? 0 : 2;
}

/** The API token: the file's content without surrounding blanks, which must leave something. */
function readApiToken(file: string): string {
  const token = readFileSync(file, 'utf8').trim();
  if (token === '') throw new Error(`--api-token-file ${file} is empty`);
  return token;
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
