/**
 * `npm run bench:controller`: a real git server (git http-backend), three test hosts over SSH and the
 * built `drover controller`. Prints the median of 5 of the time from `git push` to Ready in the
 * status.json drover writes back, for a one-service change, with a remote repository (polled every
 * second) and with a local repository (its ref watched); and the controller's CPU time per idle poll.
 * A script that prints figures, not a test. Needs root for the namespaces (else loopback).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startGitServer } from '../test/helpers/git-server.ts';
import { createTestNetwork, infrastructureYaml } from '../test/helpers/test-network.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../dist/controller/cli.js', import.meta.url));
const SERVICES = 6;
const ROUNDS = 5;

const network = await createTestNetwork(3);
const server = await startGitServer();
const work = mkdtempSync(join(tmpdir(), 'drover-bench-controller-'));
const children: ChildProcess[] = [];
/** How long the controller's idle CPU is measured with probing: two probe rounds at the default interval. */
const IDLE_MS = 60_000;
// Interrupted: stop the controllers it started, then exit, which runs the test network's exit handlers.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(130);
  });
try {
  const knownHosts = join(work, 'known_hosts');
  writeFileSync(knownHosts, network.knownHosts);
  const url = await server.createRepository('models');
  const clone = join(work, 'clone');
  await run('git', ['clone', '-q', url, clone]);
  const git = async (...args: string[]) =>
    (
      await run('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@x', ...args], { cwd: clone })
    ).stdout.trim();
  await git('checkout', '-q', '-b', 'main');
  writeFileSync(join(clone, 'infrastructure.yaml'), infrastructureYaml(network));
  const models = (version: number) => {
    let services = 'services:\n';
    let distribution = 'distribution:\n';
    for (let i = 1; i <= SERVICES; i++) {
      services += `  svc${i}:\n    process:\n      command: /bin/sh\n      args: ["-c", "exec sleep 100000", "svc${i}"]\n      environment: { VERSION: "${i === 1 ? version : 1}" }\n`;
      distribution += `  svc${i}: [t${((i - 1) % 3) + 1}]\n`;
    }
    writeFileSync(join(clone, 'services.yaml'), services);
    writeFileSync(join(clone, 'distribution.yaml'), distribution);
  };
  const push = async (message: string) => {
    await git('add', '-A');
    await git('commit', '-qm', message);
    if ((await git('ls-remote', '--heads', 'origin', 'main')) !== '')
      await git('pull', '-q', '--rebase', 'origin', 'main');
    await git('push', '-q', 'origin', 'main');
    return git('rev-parse', 'HEAD');
  };
  /** Resolves when the branch has drover's write-back of `commit` saying it is Ready. */
  const ready = async (commit: string, remote: string, controller: ChildProcess) => {
    for (;;) {
      if (controller.exitCode !== null) throw new Error(`the controller exited (${controller.exitCode})`);
      const { stdout } = await run('git', ['--git-dir', remote, 'log', '-1', '--format=%B', 'main']).catch(
        () => ({
          stdout: '',
        }),
      );
      if (stdout.includes(`Drover-Write-Back: ${commit}`)) {
        const status = JSON.parse(
          (await run('git', ['--git-dir', remote, 'show', 'main:status.json'])).stdout,
        ) as {
          conditions?: { type: string; status: string }[];
        };
        if (status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return;
        throw new Error(`not Ready: ${JSON.stringify(status)}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const startController = (repo: string, interval: string, port: number) => {
    const child = spawn(
      process.execPath,
      [
        cli,
        'controller',
        '--repo',
        repo,
        '--interval',
        interval,
        '--listen',
        `127.0.0.1:${port}`,
        '--cache-dir',
        join(work, `cache-${port}`),
        '--identity',
        network.clientKeyPath,
        '--known-hosts',
        knownHosts,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] }, // its errors, if it stops
    );
    children.push(child);
    return child;
  };
  const stop = async (child: ChildProcess) => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('close', resolve));
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

  const measure = async (
    label: string,
    repo: string,
    remoteGitDir: string,
    interval: string,
    port: number,
  ) => {
    models(0);
    const first = await push(`${label}: first`);
    const controller = startController(repo, interval, port);
    await ready(first, remoteGitDir, controller);
    await git('pull', '-q', '--rebase', 'origin', 'main');
    const times: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      models(round + (label === 'local' ? 100 : 0));
      await git('add', '-A');
      await git('commit', '-qm', `${label}: change ${round}`);
      const commit = await git('rev-parse', 'HEAD');
      const started = performance.now();
      await git('push', '-q', 'origin', 'main');
      await ready(commit, remoteGitDir, controller);
      times.push(performance.now() - started);
      await git('pull', '-q', '--rebase', 'origin', 'main');
    }
    console.log(
      `${label.padEnd(44)} median ${median(times).toFixed(0).padStart(5)} ms  (${times.map((t) => t.toFixed(0)).join(', ')})`,
    );
    return controller;
  };

  console.log(
    `${SERVICES} services on 3 hosts (${network.mode}), one service changed per push, supervisord (startsecs=1)`,
  );
  const remoteDir = join(server.root, 'models.git');
  const remote = await measure('push to Ready, remote repository (poll 1s)', url, remoteDir, '1s', 19201);

  // Idle: nothing new; count the fetches the git server answers and the controller's CPU time meanwhile.
  /** CPU time (user + system, in clock ticks of 10 ms) of a process. */
  const ticks = (child: ChildProcess) => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  const [cpu0, fetches0] = [ticks(remote), server.fetches];
  await new Promise((r) => setTimeout(r, 15_000));
  const [cpu1, fetches1] = [ticks(remote), server.fetches];
  const polls = fetches1 - fetches0;
  console.log(
    `idle poll (fetch, nothing new)                 ${(((cpu1 - cpu0) * 10) / Math.max(polls, 1)).toFixed(1)} ms CPU per poll  (${polls} polls in 15 s)`,
  );
  await stop(remote);

  // A local repository: the bare repository the git server serves, read in place, its ref watched.
  const local = await measure(
    'push to Ready, local repository (ref watched)',
    remoteDir,
    remoteDir,
    '30s',
    19202,
  );

  // Idle with a local repository: no polls, only the probes of the 3 targets (every 30 s by default).
  const idle0 = ticks(local);
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const idleMs = (ticks(local) - idle0) * 10;
  console.log(
    `idle, local repository (3 targets probed every 30 s) ${idleMs.toFixed(0)} ms CPU in ${IDLE_MS / 1000} s: ${((100 * idleMs) / IDLE_MS).toFixed(2)} % of one core`,
  );
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await server.close();
  await network.teardown();
  rmSync(work, { recursive: true, force: true });
}
