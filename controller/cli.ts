#!/usr/bin/env node
/**
 * drover's command line: verbs only, each a thin shell around the pipeline. Bad input (models, ids.json,
 * status.json) exits 1 with FILE:LINE:COL lines; a usage mistake or any other failure exits 2 with one
 * line; never a stack trace.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDocument, IDS_FILE, PLACEMENTS_FILE, placementsText } from './core/documents.ts';
import { writeFileAtomic } from './folder/files.ts';
import { formatPlanMarkdown, formatPlanText } from './core/format-plan.ts';
import { formatProblem, ModelError } from './core/problems.ts';
import type { TargetOptions } from './apply/command.ts';
import type { ControllerOptions } from './gitops/controller-command.ts';
import { evaluateDirectory, planDirectory } from './folder/models-folder.ts';
import { parseDuration } from './core/duration.ts';

const program = new Command('drover')
  .description('GitOps for services on plain machines: validate models, assign IDs, plan and deploy.')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(text) });

program
  .command('validate')
  .description('check the models in DIR; print every problem as FILE:LINE:COL: message')
  .argument('[dir]', 'models repository', '.')
  .action((dir: string) => {
    const evaluation = evaluateDirectory(dir, undefined, 'checked');
    const { services, targets } = evaluation.models;
    process.stdout.write(
      `${dir}: valid (${services.size} service${services.size === 1 ? '' : 's'}, ` +
        `${targets.size} target${targets.size === 1 ? '' : 's'}, ${evaluation.units.length} unit${evaluation.units.length === 1 ? '' : 's'})\n`,
    );
    for (const warning of evaluation.warnings) process.stderr.write(`warning: ${warning}\n`);
  });

program
  .command('ids')
  .description('assign IDs from the pools, keeping earlier assignments; print them, or write DIR/ids.json')
  .argument('[dir]', 'models repository', '.')
  .option('--write', `write ${IDS_FILE} in DIR (atomically) instead of printing`)
  .action((dir: string, options: { write?: boolean }) => {
    const { ids } = evaluateDirectory(dir, undefined, 'ids');
    const text = formatDocument(ids);
    if (options.write) {
      writeFileAtomic(join(dir, IDS_FILE), text);
      process.stderr.write(`wrote ${join(dir, IDS_FILE)}\n`);
    } else {
      process.stdout.write(text);
    }
  });

program
  .command('place')
  .description(
    'place the services with replicas or placement.everywhere, keeping earlier placements that stay feasible; print them with the reason for each, or write DIR/placements.json',
  )
  .argument('[dir]', 'models repository', '.')
  .option('--write', `write ${PLACEMENTS_FILE} in DIR (atomically) instead of printing`)
  .action((dir: string, options: { write?: boolean }) => {
    const { placements, placementChanges } = evaluateDirectory(dir, undefined, 'ids');
    const path = join(dir, PLACEMENTS_FILE);
    const text = placementsText(placements, existsSync(path));
    if (options.write) {
      if (text !== undefined) writeFileAtomic(path, text);
      process.stderr.write(text === undefined ? 'nothing to place\n' : `wrote ${path}\n`);
      return;
    }
    for (const [service, byTarget] of Object.entries(placements.placements))
      for (const [target, reason] of Object.entries(byTarget))
        process.stdout.write(`${service} on ${target}: ${reason}\n`);
    for (const change of placementChanges.filter((c) => c.change === 'removed'))
      process.stdout.write(`${change.service} removed from ${change.target}: ${change.reason}\n`);
    if (text === undefined) process.stdout.write('nothing to place\n');
  });

program
  .command('plan')
  .description('plan the transition from what is deployed to what DIR describes')
  .argument('[dir]', 'models repository (desired state); with --base/--head, a git checkout', '.')
  .option('--from <old-dir>', 'the deployed state is what this models folder describes')
  .option('--deployed <status-file>', 'the deployed state is what this status.json says')
  .option(
    '--base <ref>',
    "with --head: the deployed state is the base commit's status.json (a pull request's target)",
  )
  .option('--head <ref>', 'with --base: the desired state is the models at this commit')
  .addOption(
    new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
  )
  .action(async (dir: string, options: PlanOptions) => {
    const sources = [options.from, options.deployed, options.base ?? options.head].filter(
      (o) => o !== undefined,
    );
    if (sources.length > 1) throw new UsageError('use one of --from, --deployed or --base/--head');
    if ((options.base === undefined) !== (options.head === undefined)) {
      throw new UsageError('--base and --head go together');
    }
    const between = options.base !== undefined && options.head !== undefined;
    const { plan, desired } = between
      ? await (await import('./gitops/review.ts')).planBetween(dir, options.base!, options.head!)
      : planDirectory(dir, { from: options.from, statusFile: options.deployed });
    const title = between ? `${options.head} (against ${options.base})` : dir;
    if (options.format === 'json') process.stdout.write(formatDocument(plan));
    else if (options.format === 'markdown')
      process.stdout.write(formatPlanMarkdown(plan, title, desired.units));
    else process.stdout.write(formatPlanText(plan, title));
  });

program
  .command('comment')
  .description(
    "post a plan (Markdown on stdin) as the pull request's one drover comment, updating it if there is one",
  )
  .requiredOption('--github <owner/repo>', 'the GitHub repository')
  .requiredOption('--pr <number>', 'the pull request', positiveInteger)
  .option('--api-url <url>', 'the GitHub API (GitHub Enterprise, or a test server)')
  .action(async (options: { github: string; pr: number; apiUrl?: string }) => {
    const token = process.env.GITHUB_TOKEN;
    if (!token) throw new UsageError('set GITHUB_TOKEN');
    const body = readFileSync(0, 'utf8');
    const { stickyComment } = await import('./gitops/review.ts');
    const result = await stickyComment({
      repository: options.github,
      pullRequest: options.pr,
      body,
      token,
      ...(options.apiUrl !== undefined ? { apiUrl: options.apiUrl } : {}),
    });
    process.stderr.write(`${result.created ? 'created' : 'updated'} ${result.url}\n`);
  });

/** Options of `drover plan`. */
interface PlanOptions {
  from?: string;
  deployed?: string;
  base?: string;
  head?: string;
  format: 'text' | 'json' | 'markdown';
}

program
  .command('render')
  .description('write the files every service puts on every target to OUT/<target>/<service>/')
  .argument('[dir]', 'models repository', '.')
  .requiredOption(
    '--out <folder>',
    'where to write them (replaced whole; must be empty or an earlier rendering)',
  )
  .action(async (dir: string, options: { out: string }) => {
    const { units } = evaluateDirectory(dir);
    const { writeRenderTree } = await import('./folder/render-tree.ts');
    writeRenderTree(units, options.out);
    process.stderr.write(`rendered ${units.length} unit${units.length === 1 ? '' : 's'} to ${options.out}\n`);
  });

const targetOptions = (command: Command) =>
  command
    .option(
      '--identity <file>',
      'SSH private key (default: $DROVER_SSH_KEY, the ssh-agent, ~/.ssh/id_ed25519)',
    )
    .option(
      '--known-hosts <file>',
      'known_hosts for targets without a pinned hostKey (default ~/.ssh/known_hosts)',
    )
    .option(
      '--connect-timeout <duration>',
      'how long connecting to a target may take (default 15s)',
      duration,
    )
    .option(
      '--command-timeout <duration>',
      "how long drover's own commands on a target may take: lock, record, unlock (default 30s)",
      duration,
    )
    .option(
      '--script-timeout <duration>',
      'how long one wave of activations or deactivations on a target may take, health checks aside (default 2m)',
      duration,
    );

targetOptions(
  program
    .command('apply')
    .description('deploy DIR to its targets, then write DIR/status.json and DIR/ids.json')
    .argument('[dir]', 'models repository', '.'),
)
  .option('--commit <id>', 'the commit being deployed, recorded in status.json and on the targets')
  .action(async (dir: string, options: TargetOptions & { commit?: string }) => {
    process.exitCode = await (await import('./apply/command.ts')).runApply(dir, options);
  });

targetOptions(
  program
    .command('rollback')
    .description('undo the last deployment: the targets it changed go back to their previous generation')
    .argument('[dir]', 'models repository (for its targets)', '.'),
).action(async (dir: string, options: TargetOptions) => {
  process.exitCode = await (await import('./apply/command.ts')).runRollback(dir, options);
});

targetOptions(
  program
    .command('status')
    .description(
      'ask every target of DIR what runs, which generation, and whether it is healthy; exit 0 when all is, 3 on drift (a unit or manager down, a unit unhealthy), 4 when a target is unreachable',
    )
    .argument('[dir]', 'models repository (for its targets)', '.')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text')),
).action(async (dir: string, options: TargetOptions & { format: string }) => {
  process.exitCode = await (await import('./apply/command.ts')).runStatus(dir, options);
});

targetOptions(
  program
    .command('snapshot')
    .description(
      'snapshot the state of a service whose activation module keeps one (a database), on each target it runs on, into <stateDir>/snapshots/<service>/ there, keeping the newest --keep; exit 4 when one could not be taken',
    )
    .argument('[dir]', 'models repository', '.'),
)
  .addOption(new Option('--service <name>', 'only this service (default: every service with state)'))
  .addOption(new Option('--target <name...>', 'only on these targets'))
  .addOption(new Option('--keep <n>', 'snapshots to keep per service').default(5).argParser(positiveInteger))
  .addOption(
    new Option(
      '--download <dir>',
      'copy each snapshot here too, checked, to <dir>/<service>/<target>/<name> with <name>.sha256 beside it',
    ),
  )
  .action(
    async (
      dir: string,
      options: TargetOptions & { service?: string; target?: string[]; keep: number; download?: string },
    ) => {
      process.exitCode = await (await import('./apply/snapshots.ts')).runSnapshot(dir, options);
    },
  );

targetOptions(
  program
    .command('snapshots')
    .description('list the snapshots of the services with state, newest first, on each target')
    .argument('[dir]', 'models repository', '.'),
)
  .addOption(new Option('--service <name>', 'only this service'))
  .addOption(new Option('--target <name...>', 'only on these targets'))
  .action(async (dir: string, options: TargetOptions & { service?: string; target?: string[] }) => {
    process.exitCode = await (await import('./apply/snapshots.ts')).runSnapshots(dir, options);
  });

targetOptions(
  program
    .command('restore')
    .description(
      "replace a service's state with a snapshot (the newest on its target unless --snapshot or --from says which): what was written after it is lost; a restore that fails leaves the state as it was",
    )
    .argument('[dir]', 'models repository', '.'),
)
  .addOption(new Option('--service <name>', 'the service whose state to replace').makeOptionMandatory())
  .addOption(new Option('--target <name...>', 'only on these targets'))
  .addOption(new Option('--snapshot <name>', 'which snapshot, as drover snapshots lists them'))
  .addOption(
    new Option(
      '--from <file>',
      'a snapshot kept here (drover snapshot --download), checked against <file>.sha256, sent to the target and restored',
    ).conflicts('snapshot'),
  )
  .action(
    async (
      dir: string,
      options: TargetOptions & { service: string; target?: string[]; snapshot?: string; from?: string },
    ) => {
      process.exitCode = await (await import('./apply/snapshots.ts')).runRestore(dir, options);
    },
  );

targetOptions(
  program
    .command('capture')
    .description(
      'find out what each target is (system, cores, memory, OS, process managers, whether systemd is process 1, the uids, gids and TCP ports in use), like disnix-capture-infra; print it, or merge it into DIR/captured.json; exit 4 when a target cannot be reached',
    )
    .argument('[dir]', 'models repository (for its targets)', '.'),
)
  .addOption(new Option('--target <name...>', 'capture only these targets'))
  .option('--write', 'write DIR/captured.json (the targets not captured keep what it held)')
  .action(async (dir: string, options: TargetOptions & { target?: string[]; write?: boolean }) => {
    process.exitCode = await (await import('./apply/capture.ts')).runCapture(dir, options);
  });

targetOptions(
  program
    .command('gc')
    .description('delete store entries and manifests that none of the last N generations of a target uses')
    .argument('[dir]', 'models repository (for its targets)', '.'),
)
  .addOption(new Option('--keep <n>', 'generations to keep per target').default(3).argParser(positiveInteger))
  .option(
    '--state',
    "also delete the state (databases) of services a target no longer runs: a moved service's old copy, a database taken away. For good",
  )
  .action(async (dir: string, options: TargetOptions & { keep: number; state?: boolean }) => {
    process.exitCode = await (await import('./apply/command.ts')).runGc(dir, options);
  });

targetOptions(
  program
    .command('controller')
    .description(
      'watch a models repository and deploy every new commit, writing status.json and ids.json back',
    ),
)
  .requiredOption('--repo <url|path>', 'the models repository: an http(s) URL or a local path')
  .option('--branch <name>', 'the branch to deploy', 'main')
  .option(
    '--interval <duration>',
    'how often to look for new commits (the watcher of a local repository is faster)',
    '30s',
  )
  .option('--listen <host:port>', 'where /healthz, /readyz, /metrics and /retry are served', '127.0.0.1:9090')
  .option(
    '--api-token-file <file>',
    'a file holding the token that POST /retry needs as Authorization: Bearer (without it, /retry is off)',
  )
  .option('--cache-dir <dir>', 'clone and checkout folder (default ~/.cache/drover)')
  .option('--git-token-file <file>', 'a file holding the git token (else $DROVER_GIT_TOKEN)')
  .option('--author-name <name>', 'who write-back commits are by', 'drover')
  .option('--author-email <email>', 'their email', 'drover@localhost')
  .option(
    '--watchdog <duration>',
    '/healthz fails when a reconciliation makes no progress for this long',
    '10m',
  )
  .option(
    '--rollback-timeout <duration>',
    'after SIGTERM, how long a rollback may take (on top of 30 s) before the process exits anyway',
    '10m',
  )
  .option(
    '--probe-interval <duration>',
    'how often every target is asked what runs (one round trip each; drift and liveness in /status and /metrics)',
    '30s',
  )
  .option(
    '--unreachable-after <duration>',
    'a target that has not answered its probes for this long is Unreachable (Reachable again after 2 good probes)',
    '60s',
  )
  .option('--no-heal', 'only report drift: do not start what does not run, nor put a changed generation back')
  .option(
    '--failover-after <duration>',
    'a target unreachable for this long has the copies the scheduler placed there placed elsewhere',
    '60s',
  )
  .option(
    '--lease-timeout <duration>',
    "how long an exclusive service's lease lasts: renewed with each probe, it stops the copy on a target cut off for this long",
    '60s',
  )
  .option(
    '--max-clock-skew <duration>',
    "how far a target's clock may be from the controller's: a target further off gets no lease",
    '2s',
  )
  .option(
    '--heal-backoff <durations>',
    'waits before each heal of a unit, comma-separated, the last repeating; 5 heals within 10 min make it Degraded',
    '10s,30s,1m,2m,5m,10m',
  )
  .option(
    '--allow-local-targets',
    "deploy targets with transport: local, which run commands on the controller's own host (refused otherwise)",
  )
  .action(async (options: ControllerOptions) => {
    process.exitCode = await (await import('./gitops/controller-command.ts')).runController(options);
  });

program
  .command('retry')
  .description('ask a running controller to deploy the head commit again (after a failed deployment)')
  .option('--listen <host:port>', "the controller's address", '127.0.0.1:9090')
  .option('--api-token-file <file>', "a file holding the controller's API token (its --api-token-file)")
  .action(async (options: { listen: string; apiTokenFile?: string }) => {
    process.exitCode = await (await import('./gitops/controller-command.ts')).runRetry(options);
  });

/** A duration option (`500ms`, `30s`, `5m`, at most 24h), in milliseconds. */
function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms === 0 || ms > 24 * 3_600_000)
    throw new InvalidArgumentError('must be a duration from 1ms to 24h, such as 500ms, 30s or 5m');
  return ms;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** A mistake in how drover was called. */
class UsageError extends Error {
  readonly code = 'E_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

try {
  await program.parseAsync();
} catch (error) {
  process.exitCode = report(error);
}

/** Prints an error the way a user can act on it, and returns the exit code. */
function report(error: unknown): number {
  // commander has already printed its message (and the help) for a usage mistake.
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof ModelError) {
    for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    process.stderr.write(`drover: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`drover: ${message}\n`);
  if (process.env.DROVER_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 2;
}
