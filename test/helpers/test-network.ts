/**
 * A network of test hosts for multi-machine deployment tests. Each host runs its own sshd, with its own
 * host key, that lets the plain user `drover-test` in with one client key.
 *
 * Namespace mode (as root, where `ip netns` works): every host is a network namespace with an eth0 on a
 * bridge in the root namespace, so hosts reach each other and the test process reaches them all, each
 * with its own loopback and ports. Loopback mode (anywhere else): every sshd listens on its own
 * 127.0.0.1 port; hosts share everything else.
 *
 * Everything a network creates is named after it (links and namespaces `drv<id>…`, the temp dir
 * `/tmp/drover-net-<pid>-…`) and tagged with the pid of the test process that owns it, so parallel runs
 * never collide and leftovers of crashed runs can be told apart and removed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  commandName,
  killUntilGone,
  pidsReferencing,
  processAlive,
  signal,
  withDescendants,
} from './processes.ts';

/** One machine of a test network, reached over SSH as `user`. */
export interface TestHost {
  /** h1, h2, ... */
  name: string;
  /** The address its sshd listens on: its own in namespace mode, 127.0.0.1 in loopback mode. */
  address: string;
  /** Its sshd's port: 22 in namespace mode, a free loopback port in loopback mode. */
  port: number;
  /** The plain login user: drover-test (the test's own user when not root). */
  user: string;
  /** Its public host key: `ssh-ed25519 AAAA...`. */
  hostKey: string;
  /** An empty folder owned by `user` for this host's drover state. */
  stateDir: string;
  /** Its namespace, in namespace mode. */
  netns?: string;
  /** Runs argv inside the host as the test's user (root in namespace mode), for assertions. */
  exec(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** Hosts that a test deploys to, and the keys to reach them. */
export interface TestNetwork {
  hosts: TestHost[];
  mode: NetworkMode;
  /** An ed25519 private key (OpenSSH format, no passphrase) that every host authorizes. */
  clientKeyPath: string;
  /** known_hosts text listing every host's key. */
  knownHosts: string;
  /**
   * Makes a host unreachable, the way a dead link does: new and open connections hang rather than being
   * refused, until linkUp. Namespace mode sets the bridge side of the host's veth down (the host cannot
   * reach the others either). Loopback mode SIGSTOPs the host's sshd processes, the listener and those
   * serving open connections, not what they started; the kernel still accepts TCP connections to the
   * port, but no SSH banner comes.
   */
  linkDown(name: string): Promise<void>;
  /** Undoes linkDown: sets the veth up, or SIGCONTs the sshd processes. */
  linkUp(name: string): Promise<void>;
  /**
   * "Reboots" a host: kills every process in it (namespace mode: the namespace's; loopback mode: those
   * of the host's dir), starts its sshd again, and runs the `@reboot` entries of the login user's crontab
   * that name the host's dir the way cron does (as that user, in cron's bare environment), waiting for
   * each. Returns the commands it ran.
   */
  reboot(name: string): Promise<string[]>;
  /**
   * Kills every process of the hosts (sshd and all it started), deletes namespaces, links and temp dirs,
   * and drops the crontab lines that name them (boot hooks). Idempotent; also run when the test process
   * exits without it.
   */
  teardown(): Promise<void>;
}

type NetworkMode = 'netns' | 'loopback';

const NAME_PREFIX = 'drv';
const TEMP_ROOT = '/tmp'; // not os.tmpdir(): the hosts' user must reach its state dir, and TMPDIR may be private
const TEMP_PREFIX = 'drover-net-';
const OWNER_ALIAS = 'drover-test-network owner=';
const TEST_USER = 'drover-test';
const SSHD = '/usr/sbin/sshd';
/**
 * Set, to the host's dir, in the environment of the sessions sshd opens (SetEnv) and of what exec runs,
 * to find what they leave running at teardown. (sshd's own per-connection processes are its descendants.)
 */
const HOST_MARKER = 'DROVER_TEST_HOST';
const SUBNET_PREFIX = '10.213';
const FIRST_HOST_OCTET = 11;
const SSHD_START_TIMEOUT_MS = 10_000;

/** Creates `count` hosts, each with a running sshd, in namespace mode when possible. */
export async function createTestNetwork(
  count: number,
  options: { mode?: NetworkMode } = {},
): Promise<TestNetwork> {
  cleanupStaleTestNetworks();
  const mode = options.mode ?? (namespacesWork() ? 'netns' : 'loopback');
  const network = new Network(mode, count);
  try {
    await network.start();
    return network;
  } catch (error) {
    network.teardownNow();
    throw error;
  }
}

/** Removes what test networks of processes that are gone left behind: processes, namespaces, links, temp dirs. */
export function cleanupStaleTestNetworks(): void {
  if (isRoot()) {
    for (const namespace of namespaceNames()) {
      const owner = new RegExp(`^${NAME_PREFIX}[0-9a-f]+-(\\d+)-`).exec(namespace)?.[1];
      if (owner === undefined || processAlive(Number(owner))) continue;
      killUntilGone(() => namespacePids(namespace));
      attempt('ip', ['netns', 'delete', namespace]);
    }
    for (const link of ownedLinks())
      if (!processAlive(link.owner)) attempt('ip', ['link', 'delete', link.name]);
  }
  const dead = new RegExp(`${TEMP_ROOT}/${TEMP_PREFIX}(\\d+)-`);
  dropCrontabLines(crontabUser(), (line) => {
    const owner = dead.exec(line)?.[1];
    return owner !== undefined && !processAlive(Number(owner));
  });
  for (const entry of readdirSync(TEMP_ROOT)) {
    const owner = new RegExp(`^${TEMP_PREFIX}(\\d+)-`).exec(entry)?.[1];
    if (owner === undefined || processAlive(Number(owner))) continue;
    const dir = join(TEMP_ROOT, entry);
    killUntilGone(() => pidsReferencing(dir, HOST_MARKER));
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // another user's, not ours to remove
    }
  }
}

class Network implements TestNetwork {
  hosts: Host[] = [];
  readonly clientKeyPath: string;
  knownHosts = '';
  private readonly id = randomBytes(3).toString('hex');
  private readonly dir: string;
  private readonly bridge = `${NAME_PREFIX}${this.id}br`;
  private bridgeCreated = false;
  private tornDown = false;
  private authorizedKeys = '';
  private readonly onExit = () => this.teardownNow();

  constructor(
    readonly mode: NetworkMode,
    private readonly count: number,
  ) {
    process.on('exit', this.onExit);
    this.dir = mkdtempSync(join(TEMP_ROOT, `${TEMP_PREFIX}${process.pid}-`));
    chmodSync(this.dir, 0o755);
    this.clientKeyPath = join(this.dir, 'client_key');
  }

  async start(): Promise<void> {
    const user = loginUser();
    generateKey(this.clientKeyPath, 'drover-test-client');
    const authorizedKeys = join(this.dir, 'authorized_keys');
    this.authorizedKeys = authorizedKeys;
    writeFileSync(authorizedKeys, readFileSync(`${this.clientKeyPath}.pub`), { mode: 0o644 });
    const subnet = this.mode === 'netns' ? this.createBridge() : undefined;
    for (let index = 1; index <= this.count; index++) {
      const name = `h${index}`;
      const address = subnet ? `${subnet}.${FIRST_HOST_OCTET + index - 1}` : '127.0.0.1';
      const port = subnet ? 22 : await freeLoopbackPort();
      const host = new Host(name, address, port, user, join(this.dir, name));
      this.hosts.push(host);
      if (subnet) this.attachNamespace(host, index);
      host.startSshd(authorizedKeys);
    }
    this.knownHosts = this.hosts
      .map(
        (host) => `${host.port === 22 ? host.address : `[${host.address}]:${host.port}`} ${host.hostKey}\n`,
      )
      .join('');
    await Promise.all(this.hosts.map((host) => host.waitForSshd()));
  }

  /** Creates the bridge on a free 10.213.X.0/24 and returns the subnet's first three octets. */
  private createBridge(): string {
    const used = run('ip', ['-4', '-o', 'addr', 'show']);
    const free = [...Array(256).keys()].filter((octet) => !used.includes(` ${SUBNET_PREFIX}.${octet}.`));
    if (free.length === 0) throw new Error(`no free ${SUBNET_PREFIX}.X.0/24 subnet for a test network`);
    const subnet = `${SUBNET_PREFIX}.${free[randomInt(free.length)]}`; // random: parallel runs pick different ones
    // A bridge without an address of its own takes its ports' lowest, which changes as veths come and go,
    // and the hosts' neighbour entries for it go stale: a host's last packets (its FIN) would be lost.
    const mac = `02:${[...randomBytes(5)].map((byte) => byte.toString(16).padStart(2, '0')).join(':')}`;
    run('ip', ['link', 'add', this.bridge, 'address', mac, 'type', 'bridge']);
    this.bridgeCreated = true;
    run('ip', ['link', 'set', this.bridge, 'alias', `${OWNER_ALIAS}${process.pid}`]);
    run('ip', ['addr', 'add', `${subnet}.1/24`, 'dev', this.bridge]);
    run('ip', ['link', 'set', this.bridge, 'up']);
    return subnet;
  }

  /** Puts the host in its own namespace, with eth0 on the bridge. */
  private attachNamespace(host: Host, index: number): void {
    const namespace = `${NAME_PREFIX}${this.id}-${process.pid}-${host.name}`;
    const veth = `${NAME_PREFIX}${this.id}v${index}`;
    run('ip', ['netns', 'add', namespace]);
    host.netns = namespace;
    run('ip', ['link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', namespace]);
    host.veth = veth;
    run('ip', ['link', 'set', veth, 'alias', `${OWNER_ALIAS}${process.pid}`]);
    run('ip', ['link', 'set', veth, 'master', this.bridge]);
    run('ip', ['link', 'set', veth, 'up']);
    run('ip', ['-n', namespace, 'addr', 'add', `${host.address}/24`, 'dev', 'eth0']);
    run('ip', ['-n', namespace, 'link', 'set', 'eth0', 'up']);
    run('ip', ['-n', namespace, 'link', 'set', 'lo', 'up']);
  }

  linkDown(name: string): Promise<void> {
    this.host(name).setLink(false);
    return Promise.resolve();
  }

  linkUp(name: string): Promise<void> {
    this.host(name).setLink(true);
    return Promise.resolve();
  }

  async reboot(name: string): Promise<string[]> {
    const host = this.host(name);
    host.killAll();
    host.startSshd(this.authorizedKeys);
    await host.waitForSshd();
    const ran: string[] = [];
    for (const line of crontabLines(host.user)) {
      const command = /^@reboot\s+(.*)$/.exec(line)?.[1];
      if (command === undefined || !line.includes(host.dir)) continue;
      const result = await host.asCron(command.replaceAll('\\%', '%'));
      if (result.code !== 0) throw new Error(`@reboot ${command} failed (${result.code}): ${result.stderr}`);
      ran.push(command);
    }
    return ran;
  }

  teardown(): Promise<void> {
    this.teardownNow();
    return Promise.resolve();
  }

  /** The synchronous teardown, also run from the process's exit handler. */
  teardownNow(): void {
    if (this.tornDown) return;
    this.tornDown = true;
    process.off('exit', this.onExit);
    for (const host of this.hosts) host.remove();
    if (this.bridgeCreated) attempt('ip', ['link', 'delete', this.bridge]);
    killUntilGone(() => pidsReferencing(this.dir, HOST_MARKER));
    dropCrontabLines(crontabUser(), (line) => line.includes(this.dir));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private host(name: string): Host {
    const host = this.hosts.find((h) => h.name === name);
    if (!host) throw new Error(`no host ${name} in this test network`);
    return host;
  }
}

class Host implements TestHost {
  readonly hostKey: string;
  readonly stateDir: string;
  netns?: string;
  veth?: string;
  private sshdPid?: number;

  constructor(
    readonly name: string,
    readonly address: string,
    readonly port: number,
    readonly user: string,
    readonly dir: string,
  ) {
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    generateKey(this.hostKeyPath, name);
    this.hostKey = readFileSync(`${this.hostKeyPath}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    this.stateDir = join(dir, 'state');
    mkdirSync(this.stateDir);
    const { uid, gid } = userIds(user);
    chownSync(this.stateDir, uid, gid);
  }

  private get hostKeyPath(): string {
    return join(this.dir, 'host_key');
  }

  private get logPath(): string {
    return join(this.dir, 'sshd.log');
  }

  /** The argv that runs `argv` inside this host. */
  private inside(argv: string[]): string[] {
    return this.netns === undefined ? argv : ['ip', 'netns', 'exec', this.netns, ...argv];
  }

  /** Starts sshd, detached from the test process (it must not keep it alive) but tracked for teardown. */
  startSshd(authorizedKeys: string): void {
    const config = join(this.dir, 'sshd_config');
    writeFileSync(
      config,
      [
        `ListenAddress ${this.address}:${this.port}`,
        `HostKey ${this.hostKeyPath}`,
        `PidFile ${join(this.dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${authorizedKeys}`,
        `AllowUsers ${this.user}`,
        `SetEnv ${HOST_MARKER}=${this.dir}`,
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'PermitRootLogin no',
        'StrictModes no', // the keys live under /tmp, which is world-writable
        'PrintMotd no',
        'PrintLastLog no',
        'X11Forwarding no',
        'AllowTcpForwarding yes',
        'MaxSessions 100',
        'MaxStartups 100:30:200',
        '',
      ].join('\n'),
    );
    if (isRoot()) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege separation dir
    const [file, ...args] = this.inside([SSHD, '-D', '-f', config, '-E', this.logPath]);
    const child = spawn(file!, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => {}); // waitForSshd reports it, with sshd's log
    child.unref();
    this.sshdPid = child.pid;
  }

  /** Resolves once sshd accepts connections; rejects, with its log, if it died or never did. */
  async waitForSshd(): Promise<void> {
    const deadline = Date.now() + SSHD_START_TIMEOUT_MS;
    while (!(await accepts(this.address, this.port))) {
      if (this.sshdPid === undefined || !processAlive(this.sshdPid) || Date.now() > deadline) {
        let log = '';
        try {
          log = readFileSync(this.logPath, 'utf8');
        } catch {
          // no log: sshd did not even start
        }
        throw new Error(
          `sshd of test host ${this.name} did not start at ${this.address}:${this.port}\n${log}`,
        );
      }
      await sleep(20);
    }
  }

  /** Kills every process in the host: its sshd and all it started. */
  killAll(): void {
    killUntilGone(() =>
      this.netns !== undefined ? namespacePids(this.netns) : pidsReferencing(this.dir, HOST_MARKER),
    );
  }

  /** Runs a crontab command inside the host the way cron does: `/bin/sh -c` as the user, in a bare environment. */
  asCron(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const home = run('getent', ['passwd', this.user]).split(':')[5] ?? '/';
    const environment = [
      `HOME=${home}`,
      `LOGNAME=${this.user}`,
      'PATH=/usr/bin:/bin',
      'SHELL=/bin/sh',
      `${HOST_MARKER}=${this.dir}`,
    ];
    const asUser = isRoot() ? ['runuser', '-u', this.user, '--'] : [];
    return this.exec([...asUser, 'env', '-i', ...environment, '/bin/sh', '-c', command]);
  }

  exec(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const [file, ...args] = this.inside(argv);
    return new Promise((resolve, reject) => {
      const child = spawn(file!, args, {
        env: { ...process.env, [HOST_MARKER]: this.dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', reject);
      child.on('close', (code, signal) =>
        resolve({
          code: code ?? (signal ? 128 : 255),
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
        }),
      );
    });
  }

  /**
   * Namespace mode: sets the bridge side of the host's veth up or down. Loopback mode: stops or continues
   * its sshd processes (the listener and those serving open connections; not what they started).
   */
  setLink(up: boolean): void {
    if (this.veth !== undefined) run('ip', ['link', 'set', this.veth, up ? 'up' : 'down']);
    else if (this.sshdPid !== undefined) {
      const sshds = withDescendants([this.sshdPid]).filter((pid) => commandName(pid) === 'sshd');
      signal(sshds, up ? 'SIGCONT' : 'SIGSTOP');
    }
  }

  /** Kills everything running in or for the host, then deletes its links and namespace. */
  remove(): void {
    // sshd's listener names its config in its title; its per-connection processes are its descendants.
    killUntilGone(() => [
      ...(this.netns !== undefined ? namespacePids(this.netns) : []),
      ...pidsReferencing(this.dir, HOST_MARKER),
    ]);
    if (this.veth !== undefined) attempt('ip', ['link', 'delete', this.veth]); // takes eth0 with it at once
    if (this.netns !== undefined) attempt('ip', ['netns', 'delete', this.netns]);
  }
}

/** Whether this process may create namespaces (root, and `ip netns` works here). */
function namespacesWork(): boolean {
  if (!isRoot()) return false;
  const probe = `${NAME_PREFIX}${randomBytes(3).toString('hex')}-${process.pid}-probe`;
  try {
    run('ip', ['netns', 'add', probe]);
    return true;
  } catch {
    return false;
  } finally {
    attempt('ip', ['netns', 'delete', probe]);
  }
}

/** The hosts' login user: drover-test, created when missing; the test's own user when not root. */
function loginUser(): string {
  if (!isRoot()) return userInfo().username;
  if (!userExists(TEST_USER)) {
    try {
      run('useradd', [
        '--system',
        '--create-home',
        '--home-dir',
        `/home/${TEST_USER}`,
        '--shell',
        '/bin/sh',
        TEST_USER,
      ]);
    } catch (error) {
      if (!userExists(TEST_USER)) throw error; // else a parallel run created it first
    }
  }
  const [, , , , , , shell] = run('getent', ['passwd', TEST_USER]).trim().split(':');
  if (shell !== '/bin/sh') run('usermod', ['--shell', '/bin/sh', TEST_USER]);
  // Without PAM, sshd refuses accounts whose password is locked ('!'); '*' has no password but is not locked.
  const [, password] = run('getent', ['shadow', TEST_USER]).split(':');
  if (password !== '*') run('usermod', ['--password', '*', TEST_USER]);
  return TEST_USER;
}

/** Whose crontab the hosts' boot hooks go to: the login user's (without creating it). */
function crontabUser(): string | undefined {
  if (!isRoot()) return userInfo().username;
  return userExists(TEST_USER) ? TEST_USER : undefined;
}

/** A user's crontab lines: none without a crontab (or without cron). */
function crontabLines(user: string | undefined): string[] {
  if (user === undefined) return [];
  try {
    return run('crontab', isRoot() ? ['-u', user, '-l'] : ['-l'])
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * Removes the lines of a user's crontab that `drop` picks, under the lock drover's boot hooks take to edit
 * it (boot-hook.ts): a deployment of another test file running meanwhile may be adding its own line.
 */
function dropCrontabLines(user: string | undefined, drop: (line: string) => boolean): void {
  if (user === undefined || !crontabLines(user).some(drop)) return;
  const lock = `/tmp/drover-crontab-${userIds(user).uid}.lock`;
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || waited >= 10_000) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    const lines = crontabLines(user);
    execFileSync('crontab', [...(isRoot() ? ['-u', user] : []), '-'], {
      input: lines
        .filter((line) => !drop(line))
        .map((line) => `${line}\n`)
        .join(''),
      stdio: ['pipe', 'ignore', 'ignore'],
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function userExists(name: string): boolean {
  try {
    run('getent', ['passwd', name]);
    return true;
  } catch {
    return false;
  }
}

function userIds(name: string): { uid: number; gid: number } {
  const [, , uid, gid] = run('getent', ['passwd', name]).trim().split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function generateKey(path: string, comment: string): void {
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Whether a TCP connection to address:port is accepted within a short time. */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 500 });
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

function namespaceNames(): string[] {
  return run('ip', ['netns', 'list'])
    .split('\n')
    .map((line) => line.split(' ')[0]!)
    .filter((name) => name.startsWith(NAME_PREFIX));
}

function namespacePids(namespace: string): number[] {
  try {
    return run('ip', ['netns', 'pids', namespace]).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // the namespace is gone
  }
}

/** Links (bridges, veths) that test networks created, with the pid of the process that owns them. */
function ownedLinks(): { name: string; owner: number }[] {
  const links = JSON.parse(run('ip', ['-j', 'link', 'show'])) as { ifname: string; ifalias?: string }[];
  return links
    .filter((link) => link.ifname.startsWith(NAME_PREFIX) && link.ifalias?.startsWith(OWNER_ALIAS))
    .map((link) => ({ name: link.ifname, owner: Number(link.ifalias!.slice(OWNER_ALIAS.length)) }));
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Runs a command; its error carries the command and its stderr. */
function run(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${[file, ...args].join(' ')} failed: ${stderr.trim() || (error as Error).message}`, {
      cause: error,
    });
  }
}

/** Runs a command whose failure does not matter (it removes something that may be gone already). */
function attempt(file: string, args: string[]): void {
  try {
    run(file, args);
  } catch {
    // already gone
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * infrastructure.yaml with one target per host, t1, t2, ...: its address, port, user, state dir and
 * pinned host key; `extra` adds or replaces fields of a target.
 */
export function infrastructureYaml(
  network: TestNetwork,
  extra: (target: string, host: TestHost) => Record<string, string | number> = () => ({}),
): string {
  const targets = network.hosts.map((host, i) => {
    const name = `t${i + 1}`;
    const fields = {
      hostname: host.address,
      port: host.port,
      user: host.user,
      stateDir: host.stateDir,
      hostKey: host.hostKey,
      ...extra(name, host),
    };
    return `  ${name}:\n${Object.entries(fields)
      .map(([key, value]) => `    ${key}: ${value}\n`)
      .join('')}`;
  });
  return `targets:\n${targets.join('')}`;
}
