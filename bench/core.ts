/**
 * `npm run bench`: generates a synthetic models repository (10,000 services on 1,000 targets, with
 * dependencies and three pools), then runs validate, ids and plan as a user would (the built CLI, one
 * process each) and reports their wall time and peak memory. A script that prints figures, not a test.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { formatDocument } from '../controller/core/documents.ts';
import { planDocument } from '../controller/core/plan.ts';
import { evaluateDirectory, readDeployedSide } from '../controller/folder/models-folder.ts';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 10_000);
const TARGETS = Number(process.env.BENCH_TARGETS ?? 1_000);
const FRAGMENTS = 100;

/** Whether the scheduler places service i (with `scheduled`): a third of them, none that a template names. */
const isReplicated = (i: number) => i % 3 === 1 && i % 10 !== 0;

/**
 * Writes the synthetic repository: web services depending on a database and a cache, spread over the
 * targets. With `scheduled`, a third of them have 3 replicas, spread over the zones, and every service
 * and target has resources: the scheduler places those, within the targets' capacities.
 */
function generate(dir: string, scheduled = false): void {
  mkdirSync(join(dir, 'services'), { recursive: true });
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(
    join(dir, 'templates', 'app.conf'),
    'listen ${{ ids.ports }}\nuser ${{ ids.uids }}\nzone ${{ target.properties.zone }}\n',
  );
  const perFile = Math.ceil(SERVICES / FRAGMENTS);
  for (let f = 0; f < FRAGMENTS; f++) {
    let text = 'services:\n';
    for (let i = f * perFile; i < Math.min(SERVICES, (f + 1) * perFile); i++) {
      const deps = i % 10 === 0 ? [] : [`svc${i - (i % 10)}`];
      if (i % 10 > 1) deps.push(`svc${i - 1}`);
      text += `  svc${i}:
    process:
      command: /opt/app/bin/server
      args: ["--port", "\${{ ids.ports }}", "--config", "\${{ files.app.conf }}"]
      environment:
        ZONE: \${{ target.properties.zone }}
        UPSTREAM: "${deps.length > 0 ? `\${{ deps.${deps[0]}.target.hostname }}:\${{ deps.${deps[0]}.ids.ports }}` : 'none'}"
      user: svc${i}
    files:
      app.conf:
        template: templates/app.conf
    requiresUniqueIdsFor: [ports, uids, gids]
${deps.length > 0 ? `    dependsOn: [${deps.join(', ')}]\n` : ''}${scheduled ? '    resources: { cpu: 0.1, memory: 128Mi }\n' : ''}${scheduled && isReplicated(i) ? '    replicas: 3\n    placement: { spread: zone }\n' : ''}    healthCheck:
      tcp: 127.0.0.1:\${{ ids.ports }}
`;
    }
    writeFileSync(join(dir, 'services', `part${String(f).padStart(3, '0')}.yaml`), text);
  }
  let infra = 'targets:\n';
  for (let t = 0; t < TARGETS; t++) {
    infra += `  host${t}:\n    hostname: 10.0.${Math.floor(t / 250)}.${(t % 250) + 1}\n    numOfCores: 2\n    properties:\n      zone: zone${t % 3}\n`;
    if (scheduled) infra += '    capacity: { cpu: 16, memory: 64Gi }\n';
  }
  writeFileSync(join(dir, 'infrastructure.yaml'), infra);
  let dist = 'distribution:\n';
  for (let i = 0; i < SERVICES; i++)
    if (!(scheduled && isReplicated(i))) dist += `  svc${i}: [host${i % TARGETS}]\n`;
  writeFileSync(join(dir, 'distribution.yaml'), dist);
  writeFileSync(
    join(dir, 'idresources.yaml'),
    'pools:\n  ports:\n    min: 10000\n    max: 60000\n    scope: machine\n  uids:\n    min: 100000\n    max: 200000\n  gids:\n    follows: uids\n',
  );
}

const cli = fileURLToPath(new URL('../dist/controller/cli.js', import.meta.url));
const rssHook = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));

/** Runs one drover verb as a user would (the built CLI, a fresh process); returns wall time and peak RSS. */
function run(label: string, args: string[]): { ms: number; rssMb: number; stdout: string } {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', rssHook, cli, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - start;
  if (result.status !== 0)
    throw new Error(`drover ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  const rssKb = Number(/DROVER_BENCH_MAXRSS_KB=(\d+)/.exec(result.stderr)?.[1] ?? 0);
  const rssMb = rssKb / 1024;
  console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms ${rssMb.toFixed(0).padStart(6)} MB peak`);
  return { ms, rssMb, stdout: result.stdout };
}

/** The same three operations in one warm process, as the controller runs them for each commit. */
function inProcess(dir: string, heading = 'in one process (as the controller evaluates a commit):'): void {
  console.log(heading);
  const time = (label: string, work: () => void) => {
    const start = performance.now();
    work();
    const ms = performance.now() - start;
    console.log(`  ${label.padEnd(32)} ${ms.toFixed(0).padStart(6)} ms`);
    return ms;
  };
  evaluateDirectory(dir); // warm-up: JIT, paid once by a long-running controller
  const total =
    time('validate', () => evaluateDirectory(dir)) +
    time('ids', () => evaluateDirectory(dir, undefined, 'ids')) +
    time('plan', () => {
      const deployed = readDeployedSide(dir, {});
      formatDocument(planDocument(deployed.units, evaluateDirectory(dir, deployed.ids), deployed.ids));
    });
  console.log(
    `  ${'validate + ids + plan'.padEnd(32)} ${total.toFixed(0).padStart(6)} ms, heap ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB RSS`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'drover-bench-'));
try {
  generate(dir);
  console.log(`synthetic repository: ${SERVICES} services on ${TARGETS} targets, 3 pools`);
  const validate = run('drover validate', ['validate', dir]);
  const ids = run('drover ids --write', ['ids', dir, '--write']);
  const plan = run('drover plan --format json', ['plan', dir, '--format', 'json']);
  const total = validate.ms + ids.ms + plan.ms;
  const peak = Math.max(validate.rssMb, ids.rssMb, plan.rssMb);
  const steps = (JSON.parse(plan.stdout) as { steps: unknown[] }).steps.length;
  console.log(
    `${'validate + ids + plan'.padEnd(34)} ${total.toFixed(0).padStart(6)} ms ${peak.toFixed(0).padStart(6)} MB peak`,
  );
  console.log(`plan steps: ${steps}; goal: under 2000 ms and 500 MB together`);
  inProcess(dir);
} finally {
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
}

const scheduledDir = mkdtempSync(join(tmpdir(), 'drover-bench-scheduled-'));
try {
  generate(scheduledDir, true);
  const replicated = Array.from({ length: SERVICES }, (_, i) => i).filter(isReplicated).length;
  console.log(
    `\nwith the scheduler: ${replicated} of the ${SERVICES} services with 3 replicas spread over 3 zones, every service and target with resources`,
  );
  const placed = run('drover place --write', ['place', scheduledDir, '--write']);
  const plan = run('drover plan --format json', ['plan', scheduledDir, '--format', 'json']);
  const steps = (JSON.parse(plan.stdout) as { steps: unknown[] }).steps.length;
  console.log(`plan steps: ${steps} (place ${placed.ms.toFixed(0)} ms)`);
  inProcess(scheduledDir, 'in one process, placing from placements.json (as the controller does):');
} finally {
  if (!process.env.BENCH_KEEP) rmSync(scheduledDir, { recursive: true, force: true });
}
