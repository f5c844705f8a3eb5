/**
 * What the benchmarks measure drover against: the physical floor, one hand-written SSH command per host
 * (hosts in parallel) that writes the supervisord program sections that differ (it knows which), runs one
 * `supervisorctl update` and polls `supervisorctl status` every 0.2 s until every program is RUNNING;
 * with nothing to do, it compares the sections with what they should be and does nothing. Also the
 * OpenSSH client both benches use to run it.
 */
import { spawn } from 'node:child_process';
import type { TestHost, TestNetwork } from '../test/helpers/test-network.ts';

export type Scenario = { key: 'first' | 'change' | 'noop'; label: string; changed: number };

/** The VERSION of program i when program `changed` is the one changed. */
export const version = (i: number, changed: number) => (i === changed ? 2 : 1);

/** The section of program `<prefix>_svc<i>`: `/bin/sleep 100000` with VERSION and NAME in its environment. */
export const section = (prefix: string, i: number, changed: number) =>
  `[program:${prefix}_svc${i}]\ncommand=/bin/sleep 100000\nenvironment=VERSION="${version(i, changed)}",NAME="svc${i}"\n`;

/** A supervisord the floor writes into: its configuration and its include folder. */
export interface FloorSupervisor {
  conf: string;
  include: string;
}

/** The floor's one command for a host running `programs` programs named `<prefix>_svc<i>`. */
export function floorScript(
  supervisor: FloorSupervisor,
  scenario: Scenario,
  programs: number,
  prefix = 'floor',
): string {
  const { conf, include } = supervisor;
  const write = (i: number) =>
    `printf '%s' '${section(prefix, i, scenario.changed)}' > ${include}/${prefix}_svc${i}.conf`;
  const all = Array.from({ length: programs }, (_, i) => i + 1);
  const update = [
    `supervisorctl -c ${conf} update >/dev/null`,
    'n=0',
    `until [ "$(supervisorctl -c ${conf} status | grep -c '^${prefix}_svc[0-9]* *RUNNING ')" -eq ${programs} ]; do`,
    `  n=$((n + 1)); if [ $n -gt 300 ]; then supervisorctl -c ${conf} status >&2; exit 1; fi`,
    '  sleep 0.2',
    'done',
  ];
  switch (scenario.key) {
    case 'first':
      return [...all.map(write), ...update].join('\n');
    case 'change':
      return [write(scenario.changed), ...update].join('\n');
    case 'noop': {
      const expected = all.map((i) => section(prefix, i, scenario.changed)).join('');
      const files = all.map((i) => `${include}/${prefix}_svc${i}.conf`).join(' ');
      return `[ "$(cat ${files})" = '${expected.trimEnd()}' ] || { echo 'sections differ' >&2; exit 1; }`;
    }
  }
}

/** Runs a command line on a test host over SSH (the OpenSSH client, a fresh connection), as its login user. */
export function sshRunner(
  net: TestNetwork,
  knownHostsFile: string,
): (host: TestHost, command: string) => Promise<{ code: number; output: string }> {
  const sshArgs = (host: TestHost) => [
    ...['-F', '/dev/null', '-i', net.clientKeyPath, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes'],
    ...['-o', `UserKnownHostsFile=${knownHostsFile}`, '-o', 'StrictHostKeyChecking=yes'],
    ...['-p', String(host.port), `${host.user}@${host.address}`],
  ];
  return (host, command) =>
    new Promise((resolve, reject) => {
      const child = spawn('ssh', [...sshArgs(host), command], { stdio: ['ignore', 'pipe', 'pipe'] });
      const output: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 255, output: Buffer.concat(output).toString() }));
    });
}
