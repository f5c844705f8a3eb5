/**
 * `npm run bench:fleet`: how drover scales with the number of hosts. On 10, 30 and 100 test hosts
 * (network namespaces with their own sshd, as bench/apply.ts uses; `BENCH_SIZES` changes the sizes), 5
 * supervisord programs per host (`/bin/sh -c 'exec sleep 100000'` with VERSION and NAME in their
 * environment), drover with its defaults (its own supervisord per host): a first deployment, then one
 * program changed on every host, then a run with nothing to do, all with the built CLI. Prints, for each
 * run, the wall time, drover's round trips per host, the peak RSS of the drover process and the SSH
 * connections it opened per host (the "Accepted publickey" lines of each host's sshd log), drover's CPU
 * time and the machine's (the hosts share its CPUs), then how each figure grows from the smallest to the
 * largest size, next to the goals. After drover's runs at each size, the floor of bench/floor.ts runs the
 * same three scenarios on the same hosts, into drover's supervisord: how the machine itself grows, and
 * drover's time over it (its own growth) at each size. After each run it checks what the hosts run and that no lock was left
 * in a state dir. Before each size it checks the free memory (about 25 MB per host) and runs fewer hosts
 * if they do not fit, saying so. A failed run is reported, the rest of its size skipped, exit code 1.
 *
 * BENCH_PROFILE=1 then deploys once more, to a fresh network of the largest size, under `node --cpu-prof`
 * and prints the top self-time functions of that first deployment.
 *
 * A script that prints figures, not a test. Needs root for the namespaces (else loopback).
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createTestNetwork, infrastructureYaml } from '../test/helpers/test-network.ts';
import type { TestNetwork } from '../test/helpers/test-network.ts';
import { floorScript, sshRunner, type Scenario } from './floor.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10,30,100').split(',').map(Number);
const PROGRAMS = 5;
const CHANGED = 3; // svc3 changes in the second run, on every host
const MB_PER_HOST = 25; // sshd, drover's supervisord (python), its programs, one sshd session
const RESERVE_MB = 512; // drover itself (goal: under 300 MB) and some slack
const PROFILE = process.env.BENCH_PROFILE === '1';
const cli = fileURLToPath(new URL('../dist/controller/cli.js', import.meta.url));
const rssHook = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));
/** Preloaded next to report-rss.mjs: reports the process's CPU time (user + system) on exit. */
const cpuHook = `data:text/javascript,${encodeURIComponent(
  "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\nDROVER_BENCH_CPU_US=${u.userCPUTime + u.systemCPUTime}\\n`); });",
)}`;

const scenarios: Scenario[] = [
  { key: 'first', label: 'first deployment', changed: 0 },
  { key: 'change', label: 'one program changed', changed: CHANGED },
  { key: 'noop', label: 'nothing to do', changed: CHANGED },
];
/** What one drover run measured; per-host figures as the largest over the hosts. */
type Figures = {
  hosts: number;
  ms: number;
  trips: number;
  tripsMin: number;
  rssMb: number;
  conns: number;
  connsMin: number;
  /** drover's CPU time (user + system), and the machine's busy CPUs during the run (hosts included). */
  cpuMs: number;
  busyCpus: number;
  /** Locks left in the hosts' state dirs after the run (there should be none): host, kind, when made. */
  leftLocks: string[];
};

// Interrupted, exit: that runs the test networks' exit handlers, which tear them down.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const availableMb = () =>
  Number(/^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) / 1024;

/** Busy and total jiffies of all CPUs, from /proc/stat. */
const cpuJiffies = () => {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3]! - (fields[4] ?? 0), total }; // idle and iowait are not busy
};

const servicesYaml = (changed: number) => {
  let text = 'services:\n';
  for (let i = 1; i <= PROGRAMS; i++)
    text += `  svc${i}:\n    process:\n      command: /bin/sh\n      args: ["-c", "exec sleep 100000", "svc${i}"]\n      environment: { VERSION: "${i === changed ? 2 : 1}", NAME: svc${i} }\n`;
  return text;
};

/** "Accepted publickey" lines in each host's sshd log (sshd -E, in the host's dir), by host name. */
const acceptedConnections = (net: TestNetwork) =>
  new Map(
    net.hosts.map((host) => {
      const log = join(dirname(host.stateDir), 'sshd.log');
      const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
      return [host.name, text.split('\n').filter((line) => line.includes('Accepted publickey')).length];
    }),
  );

/**
 * The bench's programs running on each host: host name -> program name -> { pid, version }. A process
 * belongs to a host by its network namespace (namespace mode) or, failing that, by the DROVER_TEST_HOST
 * marker in its environment; undefined when neither tells (then the runs are not checked).
 */
const runningPrograms = (net: TestNetwork) => {
  const byNamespace = new Map<number, string>();
  const byDir = new Map<string, string>();
  for (const host of net.hosts) {
    if (host.netns !== undefined) byNamespace.set(statSync(`/run/netns/${host.netns}`).ino, host.name);
    byDir.set(dirname(host.stateDir), host.name);
  }
  const result = new Map(
    net.hosts.map((host) => [host.name, new Map<string, { pid: number; version: string }>()]),
  );
  let found = 0;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1') !== ['sleep', '100000', ''].join('\0')) continue;
      const environ = new Map(
        readFileSync(`/proc/${pid}/environ`, 'latin1')
          .split('\0')
          .map((v) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)] as const),
      );
      const namespace = Number(/net:\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/net`))?.[1]);
      const host = byNamespace.get(namespace) ?? byDir.get(environ.get('DROVER_TEST_HOST') ?? '');
      const name = environ.get('NAME');
      if (host === undefined || name === undefined) continue;
      result.get(host)!.set(name, { pid, version: environ.get('VERSION') ?? '?' });
      found++;
    } catch {
      // gone, or not ours to read
    }
  }
  return found === 0 ? undefined : result;
};

/** Checks that every host runs the 5 programs, with the right VERSION, and that only the changed one restarted. */
const checkPrograms = (
  net: TestNetwork,
  scenario: Scenario,
  before: ReturnType<typeof runningPrograms>,
): ReturnType<typeof runningPrograms> => {
  const now = runningPrograms(net);
  if (now === undefined) return undefined;
  for (const host of net.hosts) {
    const programs = now.get(host.name)!;
    if (programs.size !== PROGRAMS)
      throw new Error(`${scenario.label}: ${programs.size} of ${PROGRAMS} programs run on ${host.name}`);
    for (const [name, { version }] of programs) {
      const want = name === `svc${scenario.changed}` ? '2' : '1';
      if (version !== want)
        throw new Error(`${scenario.label}: ${name} runs VERSION=${version} on ${host.name}`);
    }
    const previous = before?.get(host.name);
    if (previous) {
      const restarted = [...programs]
        .filter(([name, { pid }]) => previous.get(name)?.pid !== pid)
        .map(([n]) => n);
      const expected = scenario.key === 'change' ? [`svc${CHANGED}`] : [];
      if (restarted.join() !== expected.join())
        throw new Error(`${scenario.label}: restarted [${restarted.join()}] on ${host.name}`);
    }
  }
  return now;
};

/** Writes the models for a network: infrastructure (defaults), the 5 services on every target. */
const writeModels = (net: TestNetwork, models: string, knownHosts: string) => {
  mkdirSync(models, { recursive: true });
  writeFileSync(knownHosts, net.knownHosts);
  writeFileSync(join(models, 'infrastructure.yaml'), infrastructureYaml(net));
  const targets = net.hosts.map((_h, i) => `t${i + 1}`).join(', ');
  writeFileSync(
    join(models, 'distribution.yaml'),
    `distribution:\n${Array.from({ length: PROGRAMS }, (_, i) => `  svc${i + 1}: [${targets}]\n`).join('')}`,
  );
};

/** Runs `drover apply` with the built CLI; nodeArgs go before the script (e.g. --cpu-prof). */
const apply = (
  net: TestNetwork,
  models: string,
  knownHosts: string,
  label: string,
  nodeArgs: string[] = [],
) => {
  const accepted = acceptedConnections(net);
  const cpuBefore = cpuJiffies();
  const startedAt = Date.now();
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      ...nodeArgs,
      '--import',
      rssHook,
      '--import',
      cpuHook,
      cli,
      'apply',
      models,
      '--identity',
      net.clientKeyPath,
      '--known-hosts',
      knownHosts,
    ],
    { encoding: 'utf8', maxBuffer: 256 << 20 },
  );
  const ms = performance.now() - started;
  const cpuAfter = cpuJiffies();
  if (run.status !== 0) {
    const reasons = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('drover:') || line.startsWith('  | '));
    throw new Error(`exit ${run.status}: ${reasons.join('\n    ') || run.stderr.trim()}`);
  }
  const trips = (/round trips: ([^)]*)\)/.exec(run.stdout)?.[1] ?? '')
    .split(', ')
    .map((entry) => Number(entry.split(' ')[1]));
  if (trips.length !== net.hosts.length || trips.some(Number.isNaN))
    throw new Error(`${label}: no round trips for every target in:\n${run.stdout.slice(-2000)}`);
  const after = acceptedConnections(net);
  const conns = net.hosts.map((host) => after.get(host.name)! - accepted.get(host.name)!);
  const rssKb = Number(/DROVER_BENCH_MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? 0);
  return {
    hosts: net.hosts.length,
    ms,
    trips: Math.max(...trips),
    tripsMin: Math.min(...trips),
    rssMb: rssKb / 1024,
    conns: Math.max(...conns),
    connsMin: Math.min(...conns),
    cpuMs: Number(/DROVER_BENCH_CPU_US=(\d+)/.exec(run.stderr)?.[1] ?? 0) / 1000,
    leftLocks: net.hosts.flatMap((host) => {
      try {
        const lock = lstatSync(join(host.stateDir, 'lock'));
        const kind = lock.isDirectory() ? 'folder' : lock.isFile() ? 'regular file' : 'other';
        return [
          `${host.name} (${kind}, modified ${((lock.mtimeMs - startedAt) / 1000).toFixed(1)} s into the run)`,
        ];
      } catch {
        return [];
      }
    }),
    busyCpus:
      ((cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total)) * availableParallelism(),
  } satisfies Figures;
};

/**
 * The machine's CPU time during a run, drover's excluded, per host: what the hosts did (sshd, the
 * scripts, supervisord and supervisorctl, both Python), as the hosts share this machine's CPUs.
 */
const otherCpuPerHost = (f: Figures) => (f.busyCpus * f.ms - f.cpuMs) / f.hosts;
/**
 * The floor on the same hosts, after drover's runs: one SSH command per host, into drover's supervisord
 * (programs floor_svcN beside drover's), each scenario in turn; wall time by scenario.
 */
const floorRuns = async (net: TestNetwork, knownHosts: string) => {
  const ssh = sshRunner(net, knownHosts);
  const times = new Map<Scenario['key'], number>();
  for (const scenario of scenarios) {
    const started = performance.now();
    const results = await Promise.all(
      net.hosts.map((host) => {
        const dir = join(host.stateDir, 'supervisord');
        const supervisor = { conf: join(dir, 'supervisord.conf'), include: join(dir, 'conf.d') };
        return ssh(host, floorScript(supervisor, scenario, PROGRAMS));
      }),
    );
    times.set(scenario.key, performance.now() - started);
    const failed = results.findIndex((r) => r.code !== 0);
    if (failed >= 0) throw new Error(`floor on ${net.hosts[failed]!.name}: ${results[failed]!.output}`);
  }
  return times;
};

const COLUMNS = [
  'run',
  'wall time',
  'round trips/host',
  'peak RSS',
  'SSH connections/host',
  'drover CPU',
  'CPUs busy',
  'other CPU/host',
];
const WIDTHS = COLUMNS.map((c, i) => Math.max(c.length, i === 0 ? 20 : 9));
const range = (min: number, max: number) => (min === max ? `${max}` : `${min}-${max}`);
const msText = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;

const work = mkdtempSync(join(tmpdir(), 'drover-bench-fleet-'));
const results: {
  hosts: number;
  asked: number;
  figures: Map<Scenario['key'], Figures>;
  floor?: Map<Scenario['key'], number>;
}[] = [];
const failures: string[] = [];
let network: TestNetwork | undefined;
try {
  console.log(
    `${PROGRAMS} supervisord programs per host, drover defaults (its own supervisord per host); sizes ${SIZES.join(', ')}`,
  );
  for (const asked of SIZES) {
    const free = availableMb();
    const fit = Math.max(0, Math.floor((free - RESERVE_MB) / MB_PER_HOST));
    const hosts = Math.min(asked, fit);
    if (hosts < asked)
      console.log(
        `\n${asked} hosts do not fit: ${Math.round(free)} MB available, ~${MB_PER_HOST} MB per host + ${RESERVE_MB} MB: ${hosts === 0 ? 'skipped' : `reduced to ${hosts} hosts`}`,
      );
    if (hosts === 0) continue;
    const startedNet = performance.now();
    network = await createTestNetwork(hosts);
    const net = network;
    console.log(
      `\n${hosts} hosts (${net.mode}; ${Math.round(free).toLocaleString('en-US')} MB available before; network up in ${msText(performance.now() - startedNet)})`,
    );
    const dir = join(work, `size-${hosts}`);
    const models = join(dir, 'models');
    const knownHosts = join(dir, 'known_hosts');
    writeModels(net, models, knownHosts);
    const figures = new Map<Scenario['key'], Figures>();
    console.log(
      `  ${COLUMNS.map((c, i) => (i === 0 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join('  ')}`,
    );
    let programs: ReturnType<typeof runningPrograms> = undefined;
    for (const scenario of scenarios) {
      writeFileSync(join(models, 'services.yaml'), servicesYaml(scenario.changed));
      let f: Figures;
      try {
        f = apply(net, models, knownHosts, `${hosts} hosts, ${scenario.label}`);
        programs = checkPrograms(net, scenario, scenario.key === 'first' ? undefined : programs);
      } catch (error) {
        // A failed run is a finding: report it, skip the rest of this size (its state is unknown), go on.
        console.log(`  ${scenario.label.padEnd(20)} FAILED, ${(error as Error).message}`);
        failures.push(`${hosts} hosts, ${scenario.label}`);
        break;
      }
      figures.set(scenario.key, f);
      const cells = [
        scenario.label,
        msText(f.ms),
        range(f.tripsMin, f.trips),
        `${f.rssMb.toFixed(0)} MB`,
        range(f.connsMin, f.conns),
        msText(f.cpuMs),
        `${f.busyCpus.toFixed(1)} of ${availableParallelism()}`,
        msText(otherCpuPerHost(f)),
      ];
      console.log(
        `  ${cells.map((c, i) => (i === 0 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join('  ')}${programs ? '' : '  (programs not checked)'}`,
      );
      if (f.leftLocks.length > 0)
        console.log(`    LOCKS LEFT BEHIND on ${f.leftLocks.length} hosts: ${f.leftLocks.join(', ')}`);
    }
    let floor: Map<Scenario['key'], number> | undefined;
    if (figures.size === scenarios.length) {
      try {
        floor = await floorRuns(net, knownHosts);
        const times = scenarios.map((sc) => `${sc.label} ${msText(floor!.get(sc.key)!)}`);
        console.log(`  the floor (1 SSH command per host): ${times.join(', ')}`);
      } catch (error) {
        console.log(`  the floor FAILED, ${(error as Error).message}`);
        failures.push(`${hosts} hosts, the floor`);
      }
    }
    results.push({ hosts, asked, figures, floor });
    await net.teardown();
    network = undefined;
  }

  if (results.length >= 2) {
    const small = results[0]!;
    const large = results[results.length - 1]!;
    console.log(`\ngrowth from ${small.hosts} to ${large.hosts} hosts:`);
    const rows: string[][] = [
      ['', 'figure', `${small.hosts} hosts`, `${large.hosts} hosts`, 'growth', 'goal'],
    ];
    const atMost3 = (ratio: number) => `at most 3x: ${ratio <= 3 ? 'ok' : 'MISSED'}`;
    for (const scenario of scenarios) {
      const s = small.figures.get(scenario.key);
      const l = large.figures.get(scenario.key);
      if (!s || !l) {
        rows.push([scenario.label, '(all)', s ? '' : 'failed', l ? '' : 'failed', '', 'not measured']);
        continue;
      }
      const row = (
        figure: string,
        get: (f: Figures) => number,
        text: (f: Figures) => string,
        goal: string,
      ) => {
        const ratio = get(l) / get(s);
        rows.push([
          scenario.label,
          figure,
          text(s),
          text(l),
          `${ratio.toFixed(2)}x`,
          goal.replace('%', atMost3(ratio)),
        ]);
      };
      row(
        'wall time',
        (f) => f.ms,
        (f) => msText(f.ms),
        '%',
      );
      const [fs, fl] = [small.floor?.get(scenario.key), large.floor?.get(scenario.key)];
      if (fs !== undefined && fl !== undefined) {
        rows.push([
          scenario.label,
          'the floor',
          msText(fs),
          msText(fl),
          `${(fl / fs).toFixed(2)}x`,
          '(the machine)',
        ]);
        rows.push([
          scenario.label,
          'drover / the floor',
          `${(s.ms / fs).toFixed(2)}x`,
          `${(l.ms / fl).toFixed(2)}x`,
          `${(l.ms / fl / (s.ms / fs)).toFixed(2)}x`,
          "(drover's own growth)",
        ]);
      }
      row(
        'round trips/host',
        (f) => f.trips,
        (f) => range(f.tripsMin, f.trips),
        '%',
      );
      row(
        'peak RSS',
        (f) => f.rssMb,
        (f) => `${f.rssMb.toFixed(0)} MB`,
        `%; under 300 MB: ${l.rssMb < 300 ? 'ok' : 'MISSED'}`,
      );
      const one = [s, l].every((f) => f.conns === 1 && f.connsMin === 1);
      row(
        'SSH connections/host',
        (f) => f.conns,
        (f) => range(f.connsMin, f.conns),
        `%; 1 per host: ${one ? 'ok' : 'MISSED'}`,
      );
      row(
        'drover CPU time',
        (f) => f.cpuMs,
        (f) => msText(f.cpuMs),
        '(for reference)',
      );
      row('other CPU/host', otherCpuPerHost, (f) => msText(otherCpuPerHost(f)), '(for reference)');
      row(
        'machine CPUs busy',
        (f) => f.busyCpus,
        (f) => `${f.busyCpus.toFixed(1)} of ${availableParallelism()}`,
        '(for reference)',
      );
    }
    const widths = rows[0]!.map((_c, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows)
      console.log(
        `  ${r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`,
      );
    const reduced = results.filter((r) => r.hosts < r.asked);
    if (reduced.length > 0)
      console.log(
        `  (reduced for memory: ${reduced.map((r) => `${r.asked} -> ${r.hosts} hosts`).join(', ')})`,
      );
  }
  console.log('(every start includes supervisord startsecs=1: a program counts as started after 1 s up)');
  if (failures.length > 0) {
    console.log(`failed runs (the rest of their size was skipped): ${failures.join('; ')}`);
    process.exitCode = 1;
  }

  if (PROFILE) {
    const size = results[results.length - 1]?.hosts ?? 0;
    if (size === 0) throw new Error('BENCH_PROFILE=1: no size ran');
    network = await createTestNetwork(size);
    const dir = join(work, 'profile');
    const models = join(dir, 'models');
    const knownHosts = join(dir, 'known_hosts');
    writeModels(network, models, knownHosts);
    writeFileSync(join(models, 'services.yaml'), servicesYaml(0));
    const profileDir = mkdtempSync(join(tmpdir(), 'drover-fleet-profile-')); // kept, for DevTools
    const f = apply(network, models, knownHosts, `profiled first deployment`, [
      '--cpu-prof',
      `--cpu-prof-dir=${profileDir}`,
    ]);
    await network.teardown();
    network = undefined;
    const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (file === undefined) throw new Error(`no .cpuprofile in ${profileDir}`);
    console.log(`\nprofile of the first deployment to ${size} hosts (${msText(f.ms)} under --cpu-prof):`);
    printTopFunctions(join(profileDir, file));
  }
} finally {
  await network?.teardown();
  rmSync(work, { recursive: true, force: true });
}

/**
 * Prints the 10 functions with the most self time in a .cpuprofile (native and Node-internal ones with the
 * nearest caller in a file of the project or of node_modules), then the self time by package, the
 * native and Node-internal time counted to the package that called it.
 */
function printTopFunctions(path: string): void {
  type Node = {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    hitCount?: number;
    children?: number[];
  };
  const profile = JSON.parse(readFileSync(path, 'utf8')) as {
    nodes: Node[];
    samples: number[];
    timeDeltas: number[];
    startTime: number;
    endTime: number;
  };
  const root = `${dirname(dirname(dirname(cli)))}/`;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const selfUs = new Map<number, number>(); // node id -> microseconds: a sample lasts until the next one
  profile.samples.forEach((id, i) =>
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)),
  );
  const file = (node: Node) => node.callFrame.url.replace(/^file:\/\//, '').replace(root, '');
  const at = (node: Node) =>
    `${node.callFrame.functionName || '(anonymous)'} ${file(node)}:${node.callFrame.lineNumber + 1}`;
  const pkg = (node: Node) => {
    const f = file(node);
    return (
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1] ?? (f.startsWith('dist/') ? 'drover' : undefined)
    );
  };
  /** The nearest caller (or the node itself) in a file of the project or of node_modules. */
  const caller = (node: Node): Node | undefined => {
    for (let id: number | undefined = node.id; id !== undefined; id = parents.get(id)) {
      const n = nodes.get(id)!;
      if (n.callFrame.url.startsWith('file://')) return n;
    }
    return undefined;
  };
  const total = profile.endTime - profile.startTime;
  const byFunction = new Map<string, { us: number; via: Map<string, number> }>();
  const byPackage = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = nodes.get(id)!;
    const name = node.callFrame.functionName;
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    const key = node.callFrame.url ? at(node).replace(/ $/, '') : name;
    const entry = byFunction.get(key) ?? { us: 0, via: new Map<string, number>() };
    entry.us += us;
    const from = caller(node);
    if (from && from !== node) entry.via.set(at(from), (entry.via.get(at(from)) ?? 0) + us);
    byFunction.set(key, entry);
    const where = name.startsWith('(') ? name : ((from && pkg(from)) ?? 'node (startup, modules)');
    byPackage.set(where, (byPackage.get(where) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
  console.log(`  profiled ${ms(total)}, of which idle (waiting for I/O) ${ms(idle)} ${pct(idle)}`);
  console.log('  top 10 self time:');
  for (const [key, { us, via }] of [...byFunction].sort((a, b) => b[1].us - a[1].us).slice(0, 10)) {
    const top = [...via].sort((a, b) => b[1] - a[1])[0]?.[0];
    console.log(`    ${ms(us)} ${pct(us)}  ${key}${top ? `  (via ${top})` : ''}`);
  }
  console.log('  self time by package (native and Node-internal time counted to its caller):');
  for (const [where, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`    ${ms(us)} ${pct(us)}  ${where}`);
  console.log(`  (${path}: open it in Chrome DevTools, Performance)`);
}
