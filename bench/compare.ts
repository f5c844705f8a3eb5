/**
 * `npm run bench:compare`: the same workload deployed three ways to three test hosts (network namespaces
 * with their own sshd, as bench/apply.ts uses): 50 supervisord programs per host (`/bin/sleep 100000`
 * with VERSION and NAME in their environment, startsecs 1), as a first deployment, then with one program
 * changed on every host, then with nothing to do. Prints the wall time of each, by:
 *
 * - the floor: one hand-written SSH command per host (hosts in parallel) against a supervisord already
 *   running as the login user: it writes the program sections that differ (it knows which), runs one
 *   `supervisorctl update` and polls `supervisorctl status` every 0.2 s until all 50 are RUNNING; with
 *   nothing to do, it compares the 50 sections with what they should be and does nothing;
 * - drover: the built CLI with its defaults, and its own supervisord (started in its first deployment);
 * - Ansible (ansible-core): a `template` task looping over the 50 programs, with handlers that run
 *   `supervisorctl update` and wait until all are RUNNING, against the same pre-started supervisord;
 *   once with pipelining off (the default) and once on, each on its own programs and with cold SSH
 *   connections (its own ControlPath folder, masters closed after the run).
 *
 * The floor and both Ansible runs use different program names (floor_, aoff_, aon_) in one include dir of
 * the user's supervisord; drover runs its own. After every run the bench checks what runs: all programs
 * RUNNING, only the changed one restarted (with VERSION=2), nothing restarted with nothing to do.
 * A script that prints figures, not a test. Needs root for the namespaces (else loopback).
 */
import { spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createTestNetwork, infrastructureYaml } from '../test/helpers/test-network.ts';
import type { TestHost, TestNetwork } from '../test/helpers/test-network.ts';
import { floorScript, sshRunner, version, type Scenario } from './floor.ts';

// Interrupted, exit: that runs the test networks' exit handlers, which tear them down.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const PROGRAMS = Number(process.env.BENCH_PROGRAMS ?? 50);
const CHANGED = 7; // svc7 changes in the second scenario, on every host
const cli = fileURLToPath(new URL('../dist/controller/cli.js', import.meta.url));

const scenarios: Scenario[] = [
  { key: 'first', label: 'first deployment', changed: 0 },
  { key: 'change', label: 'one program changed', changed: CHANGED },
  { key: 'noop', label: 'nothing to do', changed: CHANGED },
];
const columns = ['floor', 'drover', 'ansible (pipelining off)', 'ansible (pipelining on)'] as const;
type Column = (typeof columns)[number];

if (spawnSync('ansible-playbook', ['--version']).status !== 0)
  throw new Error('ansible-playbook is missing: apt-get install ansible-core (npm run bench:compare does)');

const work = mkdtempSync(join(tmpdir(), 'drover-bench-compare-'));
let network: TestNetwork | undefined;
try {
  network = await createTestNetwork(3);
  const net = network;
  const knownHosts = join(work, 'known_hosts');
  writeFileSync(knownHosts, net.knownHosts);

  /** The user supervisord of a host: a folder next to its drover state dir, owned by the login user. */
  const userSupervisor = (host: TestHost) => {
    const dir = join(dirname(host.stateDir), 'user-supervisord');
    return { dir, conf: join(dir, 'supervisord.conf'), include: join(dir, 'conf.d') };
  };
  const droverConf = (host: TestHost) => join(host.stateDir, 'supervisord', 'supervisord.conf');

  /** Runs a command line on the host over SSH, as its login user. */
  const ssh = sshRunner(net, knownHosts);

  // Start the user supervisord on every host, as the login user, over SSH.
  const ids = spawnSync('id', ['-u', net.hosts[0]!.user], { encoding: 'utf8' }).stdout.trim();
  const gid = spawnSync('id', ['-g', net.hosts[0]!.user], { encoding: 'utf8' }).stdout.trim();
  await Promise.all(
    net.hosts.map(async (host) => {
      const { dir, conf, include } = userSupervisor(host);
      for (const folder of [dir, include, join(dir, 'log')]) {
        mkdirSync(folder, { recursive: true });
        if (process.getuid?.() === 0) chownSync(folder, Number(ids), Number(gid));
      }
      writeFileSync(
        conf,
        [
          '[unix_http_server]',
          `file=${dir}/supervisor.sock`,
          'chmod=0700',
          '[supervisord]',
          `logfile=${dir}/supervisord.log`,
          `pidfile=${dir}/supervisord.pid`,
          `childlogdir=${dir}/log`,
          '[rpcinterface:supervisor]',
          'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
          '[supervisorctl]',
          `serverurl=unix://${dir}/supervisor.sock`,
          '[include]',
          `files = ${include}/*.conf`,
          '',
        ].join('\n'),
      );
      const started = await ssh(
        host,
        `supervisord -c ${conf} && until supervisorctl -c ${conf} pid >/dev/null 2>&1; do sleep 0.1; done`,
      );
      if (started.code !== 0) throw new Error(`user supervisord on ${host.name}: ${started.output}`);
    }),
  );

  /** name -> pid of the RUNNING programs named prefix_svcN on a host's supervisord (conf). */
  const running = async (host: TestHost, conf: string, prefix: string) => {
    const status = await host.exec(['supervisorctl', '-c', conf, 'status']);
    const pids = new Map<string, number>();
    for (const line of status.stdout.split('\n')) {
      const match = /^(\S+)\s+RUNNING\s+pid (\d+),/.exec(line);
      if (match && match[1]!.startsWith(`${prefix}svc`)) pids.set(match[1]!, Number(match[2]));
    }
    return pids;
  };
  /** After a run: all programs RUNNING, and exactly the expected ones restarted, with their VERSION. */
  const previous = new Map<string, Map<string, number>>();
  const check = async (column: Column, scenario: Scenario, conf: (h: TestHost) => string, prefix: string) => {
    for (const host of net.hosts) {
      const now = await running(host, conf(host), prefix);
      if (now.size !== PROGRAMS)
        throw new Error(`${column}, ${scenario.label}: ${now.size} of ${PROGRAMS} RUNNING on ${host.name}`);
      const before = previous.get(`${column}/${host.name}`);
      if (before) {
        const restarted = [...now].filter(([name, pid]) => before.get(name) !== pid).map(([name]) => name);
        const expected = scenario.key === 'change' ? [`${prefix}svc${CHANGED}`] : [];
        if (restarted.join() !== expected.join())
          throw new Error(`${column}, ${scenario.label}: restarted [${restarted.join()}] on ${host.name}`);
      }
      const pid = now.get(`${prefix}svc${CHANGED}`)!;
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      const want = `VERSION=${version(CHANGED, scenario.changed)}`;
      if (!environ.includes(want))
        throw new Error(`${column}, ${scenario.label}: ${prefix}svc${CHANGED} lacks ${want} on ${host.name}`);
      previous.set(`${column}/${host.name}`, now);
    }
  };

  // The floor: one SSH command per host, hosts in parallel.
  const floor = async (scenario: Scenario) => {
    const started = performance.now();
    const results = await Promise.all(
      net.hosts.map((host) => ssh(host, floorScript(userSupervisor(host), scenario, PROGRAMS))),
    );
    const ms = performance.now() - started;
    results.forEach((result, i) => {
      if (result.code !== 0) throw new Error(`floor on ${net.hosts[i]!.name} failed: ${result.output}`);
    });
    await check('floor', scenario, (h) => userSupervisor(h).conf, 'floor_');
    return { ms, note: '1 ssh command per host' };
  };

  // drover: the built CLI, 50 services on every target.
  const models = join(work, 'models');
  mkdirSync(models);
  writeFileSync(join(models, 'infrastructure.yaml'), infrastructureYaml(net));
  writeFileSync(
    join(models, 'distribution.yaml'),
    `distribution:\n${Array.from({ length: PROGRAMS }, (_, i) => `  svc${i + 1}: [${net.hosts.map((_h, t) => `t${t + 1}`).join(', ')}]\n`).join('')}`,
  );
  const drover = async (scenario: Scenario) => {
    let text = 'services:\n';
    for (let i = 1; i <= PROGRAMS; i++)
      text += `  svc${i}:\n    process:\n      command: /bin/sleep\n      args: ["100000"]\n      environment: { VERSION: "${version(i, scenario.changed)}", NAME: svc${i} }\n`;
    writeFileSync(join(models, 'services.yaml'), text);
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [cli, 'apply', models, '--identity', net.clientKeyPath, '--known-hosts', knownHosts],
      { encoding: 'utf8' },
    );
    const ms = performance.now() - started;
    if (run.status !== 0)
      throw new Error(`drover, ${scenario.label}, failed (${run.status}):\n${run.stdout}${run.stderr}`);
    await check('drover', scenario, droverConf, '');
    return { ms, note: `round trips ${/round trips: ([^)]*)\)/.exec(run.stdout)?.[1] ?? '?'}` };
  };

  // Ansible: inventory, config, template and playbook.
  const ansibleDir = join(work, 'ansible');
  mkdirSync(ansibleDir);
  const inventory = {
    all: {
      hosts: Object.fromEntries(
        net.hosts.map((host) => [
          host.name,
          {
            ansible_host: host.address,
            ansible_port: host.port,
            ansible_user: host.user,
            ansible_ssh_private_key_file: net.clientKeyPath,
            ansible_ssh_common_args: `-o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes`,
            supervisor_conf: userSupervisor(host).conf,
            include_dir: userSupervisor(host).include,
          },
        ]),
      ),
    },
  };
  writeFileSync(join(ansibleDir, 'inventory.yml'), JSON.stringify(inventory, null, 2)); // JSON is YAML
  writeFileSync(
    join(ansibleDir, 'ansible.cfg'),
    [
      '[defaults]',
      `inventory = ${join(ansibleDir, 'inventory.yml')}`,
      'forks = 5',
      'interpreter_python = auto_silent',
      'retry_files_enabled = False',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(ansibleDir, 'program.conf.j2'),
    '[program:{{ prefix }}_{{ item.name }}]\ncommand=/bin/sleep 100000\nenvironment=VERSION="{{ item.version }}",NAME="{{ item.name }}"\n',
  );
  const playbook = [
    {
      name: 'supervisord programs',
      hosts: 'all',
      gather_facts: false,
      tasks: [
        {
          name: 'program sections',
          template: {
            src: join(ansibleDir, 'program.conf.j2'),
            dest: '{{ include_dir }}/{{ prefix }}_{{ item.name }}.conf',
            mode: '0644',
          },
          loop: '{{ programs }}',
          loop_control: { label: '{{ item.name }}' },
          notify: ['supervisorctl update', 'wait until running'],
        },
      ],
      handlers: [
        { name: 'supervisorctl update', command: 'supervisorctl -c {{ supervisor_conf }} update' },
        {
          name: 'wait until running',
          command: 'supervisorctl -c {{ supervisor_conf }} status',
          register: 'status',
          until:
            "status.stdout_lines | select('match', prefix ~ '_svc[0-9]+ +RUNNING ') | list | length == programs | length",
          retries: 60,
          delay: 1,
          changed_when: false,
          failed_when: false,
        },
      ],
    },
  ];
  writeFileSync(join(ansibleDir, 'playbook.yml'), JSON.stringify(playbook, null, 2));
  const ansible = (pipelining: boolean) => async (scenario: Scenario) => {
    const prefix = pipelining ? 'aon' : 'aoff';
    const column: Column = pipelining ? 'ansible (pipelining on)' : 'ansible (pipelining off)';
    const vars = join(ansibleDir, `vars-${prefix}-${scenario.key}.json`);
    writeFileSync(
      vars,
      JSON.stringify({
        prefix,
        programs: Array.from({ length: PROGRAMS }, (_, i) => ({
          name: `svc${i + 1}`,
          version: version(i + 1, scenario.changed),
        })),
      }),
    );
    const controlDir = join(ansibleDir, `cp-${prefix}-${scenario.key}`); // cold connections every run
    mkdirSync(controlDir);
    const started = performance.now();
    const run = spawnSync('ansible-playbook', ['-e', `@${vars}`, join(ansibleDir, 'playbook.yml')], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      env: {
        ...process.env,
        ANSIBLE_CONFIG: join(ansibleDir, 'ansible.cfg'),
        ANSIBLE_PIPELINING: pipelining ? 'True' : 'False',
        ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir,
        ANSIBLE_LOCAL_TEMP: join(ansibleDir, 'tmp'),
        ANSIBLE_NOCOLOR: '1',
      },
    });
    const ms = performance.now() - started;
    for (const socket of readdirSync(controlDir))
      // close the ControlPersist masters of this run
      spawnSync('ssh', [
        '-F',
        '/dev/null',
        '-o',
        `ControlPath=${join(controlDir, socket)}`,
        '-O',
        'exit',
        'h',
      ]);
    if (run.status !== 0)
      throw new Error(`${column}, ${scenario.label}, failed (${run.status}):\n${run.stdout}${run.stderr}`);
    await check(column, scenario, (h) => userSupervisor(h).conf, `${prefix}_`);
    const changed = [...run.stdout.matchAll(/changed=(\d+)/g)].map((m) => m[1]).join(', ');
    return { ms, note: `recap changed ${changed}` };
  };

  const runners: Record<Column, (s: Scenario) => Promise<{ ms: number; note: string }>> = {
    floor,
    drover,
    'ansible (pipelining off)': ansible(false),
    'ansible (pipelining on)': ansible(true),
  };
  console.log(`${PROGRAMS} supervisord programs on each of ${net.hosts.length} hosts (${net.mode})`);
  const times = new Map<string, number>();
  const trips: string[] = [];
  for (const scenario of scenarios) {
    for (const column of columns) {
      const { ms, note } = await runners[column](scenario);
      times.set(`${scenario.key}/${column}`, ms);
      if (column === 'drover') trips.push(`${scenario.label}: ${note.replace('round trips ', '')}`);
      console.log(
        `  ${scenario.label.padEnd(20)} ${column.padEnd(25)} ${ms.toFixed(0).padStart(7)} ms   ${note}`,
      );
    }
  }

  const header = [
    '',
    'floor',
    'drover',
    'ansible (pl off)',
    'ansible (pl on)',
    'drover/floor',
    'ansible/drover (off, on)',
  ];
  const rows = scenarios.map((scenario) => {
    const t = (column: Column) => times.get(`${scenario.key}/${column}`)!;
    const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
    const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
    return [
      scenario.label,
      ms(t('floor')),
      ms(t('drover')),
      ms(t('ansible (pipelining off)')),
      ms(t('ansible (pipelining on)')),
      ratio(t('drover'), t('floor')),
      `${ratio(t('ansible (pipelining off)'), t('drover'))}, ${ratio(t('ansible (pipelining on)'), t('drover'))}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  console.log();
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const row of rows) console.log(line(row));
  console.log();
  console.log(`drover round trips per host: ${trips.join('; ')}`);
  console.log(
    '(every start includes supervisord startsecs=1; the floor and Ansible use a supervisord started beforehand, drover starts its own in the first deployment)',
  );
} finally {
  await network?.teardown();
  rmSync(work, { recursive: true, force: true });
}
