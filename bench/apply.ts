/**
 * `npm run bench:apply`: 50 services on 3 test hosts (network namespaces with their own sshd, as the
 * end-to-end tests use), deployed by the built CLI over SSH: the first deployment, then a change to one
 * service, then a run with nothing to do. Prints the wall time of each and the SSH round trips (commands)
 * per target. A script that prints figures, not a test. Needs root for the namespaces (else loopback).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createTestNetwork, infrastructureYaml } from '../test/helpers/test-network.ts';

// Interrupted, exit: that runs the test networks' exit handlers, which tear them down.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const SERVICES = Number(process.env.BENCH_SERVICES ?? 50);
const cli = fileURLToPath(new URL('../dist/controller/cli.js', import.meta.url));

const network = await createTestNetwork(3);
const work = mkdtempSync(join(tmpdir(), 'drover-bench-apply-'));
try {
  const models = join(work, 'models');
  mkdirSync(models);
  const knownHosts = join(work, 'known_hosts');
  writeFileSync(knownHosts, network.knownHosts);
  writeFileSync(join(models, 'infrastructure.yaml'), infrastructureYaml(network));
  const services = (changed: number) => {
    let text = 'services:\n';
    for (let i = 1; i <= SERVICES; i++) {
      const version = i === changed ? 2 : 1;
      text += `  svc${i}:\n    process:\n      command: /bin/sh\n      args: ["-c", "exec sleep 100000", "svc${i}"]\n      environment: { VERSION: "${version}" }\n`;
    }
    return text;
  };
  writeFileSync(join(models, 'services.yaml'), services(0));
  writeFileSync(
    join(models, 'distribution.yaml'),
    `distribution:\n${Array.from({ length: SERVICES }, (_, i) => `  svc${i + 1}: [t${(i % 3) + 1}]\n`).join('')}`,
  );

  const apply = (label: string) => {
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [cli, 'apply', models, '--identity', network.clientKeyPath, '--known-hosts', knownHosts],
      { encoding: 'utf8' },
    );
    const ms = performance.now() - started;
    if (run.status !== 0) throw new Error(`${label} failed (${run.status}):\n${run.stdout}${run.stderr}`);
    const trips = /round trips: ([^)]*)\)/.exec(run.stdout)?.[1] ?? '?';
    const steps = /(\d+) to activate, (\d+) to deactivate, (\d+) unchanged/.exec(run.stdout)?.slice(1) ?? [];
    console.log(
      `${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms   activate ${steps[0]}, deactivate ${steps[1]}, unchanged ${steps[2]}   round trips: ${trips}`,
    );
  };

  console.log(`${SERVICES} services on ${network.hosts.length} hosts (${network.mode}), supervisord`);
  apply('first deployment');
  writeFileSync(join(models, 'services.yaml'), services(7));
  apply('one service changed (svc7 on t1)');
  apply('nothing to do');
  const status = JSON.parse(readFileSync(join(models, 'status.json'), 'utf8')) as { outcome: string };
  console.log(`status.json outcome: ${status.outcome}`);
  console.log('(each activation includes supervisord startsecs=1: a program counts as started after 1 s up)');
} finally {
  await network.teardown();
  rmSync(work, { recursive: true, force: true });
}
