/**
 * The scripted transport, for tests: it runs nothing. It records every command it is asked to run and
 * answers from rules, else as an emulated drover target (empty and healthy unless told otherwise) that
 * understands the fixed scripts of apply/remote.ts well enough for a whole deployment.
 */
import { Duplex, Readable } from 'node:stream';
import { TransportError, type ExecOptions, type ExecResult, type Transport } from './transport.ts';
import type { Argv } from '../../renderers/argv.ts';
import { SCRIPT_FROM_INPUT } from '../apply/remote.ts';

/** What a recorded command is, recognised from the script drover sent (`other` when not recognised). */
type CommandKind =
  | 'begin'
  | 'upload'
  | 'prepare'
  | 'activate'
  | 'deactivate'
  | 'record'
  | 'commit'
  | 'unlock'
  | 'refresh-lock'
  | 'read-generations'
  | 'collect-garbage'
  | 'connect'
  | 'other';

/** One command the transport was asked to run. A `connect` is recorded as argv `['connect', host, port]`. */
export interface ScriptedCommand {
  /** The transport's address, to tell targets apart in a merged log. */
  address: string;
  kind: CommandKind;
  argv: Argv;
  /** The script of `sh -c SCRIPT`, and the positional parameters after it ($1, $2, ...). */
  script?: string;
  args: string[];
  /** Bytes fed to its standard input. */
  inputBytes: number;
  /** The clock when it was asked, and when it was answered (unset while pending). */
  startedAt: number;
  endedAt?: number;
  result?: ExecResult;
}

/** An answer; what it leaves out is 0 or empty. */
type Reply = Partial<ExecResult>;

/** How to answer the commands `match` selects. Rules are tried in the order added; the first that replies wins. */
interface Rule {
  match: (command: ScriptedCommand) => boolean;
  /** The answer; without one the next matching rule, else the emulated target, answers (after any wait). */
  reply?: Reply | ((command: ScriptedCommand) => Reply | Promise<Reply>);
  /** Answers this much later. */
  delayMs?: number;
  /** Answers once this settles. */
  until?: Promise<unknown>;
}

/** What the emulated target holds; tests may read it after a deployment. */
export interface EmulatedTarget {
  generation: number;
  /** The current generation's manifest, as written. */
  manifest?: string;
  /** The lock owner's text while somebody holds the lock. */
  lock?: string;
  lockStale: boolean;
  store: Set<string>;
  /** A generation recorded but not yet current: its number, manifest and units' digest. */
  staged?: { generation: number; manifest: string; digest: string };
  /** The digest of the current generation's units, when it was recorded with one. */
  digest?: string;
}

/** How a scripted transport starts. */
export interface ScriptedTransportOptions {
  address?: string;
  rules?: Rule[];
  /** The manifest of the target's current generation (default none: generation 0); its units' entries are in the store. */
  current?: { generation: number; units?: readonly { entries: readonly string[] }[] };
  /** A lock somebody else holds. */
  lock?: { owner: string; stale?: boolean };
  /** The emulated target itself, shared with earlier transports: a host that keeps its state between runs. */
  state?: EmulatedTarget;
  /** Time stamps of the log (default: a counter of this transport). Share one to merge several logs. */
  clock?: () => number;
  /** How `delayMs` waits (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
  /** Aborting it releases the commands `hang` holds. */
  signal?: AbortSignal;
}

/** A clock that counts: each call returns the next integer, so time stamps are a total order. */
export function counter(): () => number {
  let n = 0;
  return () => n++;
}

/**
 * A Transport that records commands and answers from rules or an emulated target. `timeoutMs` is ignored:
 * a held command (`hang`) stays held, as on a target that stopped answering.
 */
export class ScriptedTransport implements Transport {
  readonly address: string;
  roundTrips = 0;
  /** Every command asked so far, in order. */
  readonly commands: ScriptedCommand[] = [];
  readonly state: EmulatedTarget;
  closed = false;
  private readonly rules: Rule[];
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly released: Promise<void>;
  private release: () => void = () => undefined;
  private readonly waiters: {
    match: (c: ScriptedCommand) => boolean;
    resolve: (c: ScriptedCommand) => void;
  }[] = [];
  /** Entries the last `begin` reported missing: an upload provides them. */
  private missing: string[] = [];

  constructor(options: ScriptedTransportOptions = {}) {
    this.address = options.address ?? 'scripted';
    this.rules = [...(options.rules ?? [])];
    this.clock = options.clock ?? counter();
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.released = new Promise((resolve) => (this.release = resolve));
    options.signal?.addEventListener('abort', () => this.release(), { once: true });
    if (options.signal?.aborted) this.release();
    const current = options.current;
    if (options.state) {
      this.state = options.state;
      return;
    }
    this.state = {
      generation: current?.generation ?? 0,
      lockStale: options.lock?.stale ?? false,
      store: new Set(current?.units?.flatMap((u) => u.entries)),
    };
    if (current) this.state.manifest = JSON.stringify(current);
    if (options.lock) this.state.lock = options.lock.owner;
  }

  /** Answers the commands `match` selects with `reply` (by default a failure). */
  failWhen(match: Rule['match'], reply: Reply = { code: 1, stderr: 'drover: scripted failure\n' }): this {
    this.rules.push({ match, reply });
    return this;
  }

  /** Holds the commands `match` selects until the signal aborts (then they are answered) or close (they fail). */
  hang(match: Rule['match']): this {
    this.rules.push({ match, until: this.released });
    return this;
  }

  /** Adds a rule. */
  on(rule: Rule): this {
    this.rules.push(rule);
    return this;
  }

  /** The first command `match` selects, once it has been asked. */
  received(match: Rule['match']): Promise<ScriptedCommand> {
    const seen = this.commands.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  async exec(argv: Argv, options: ExecOptions = {}): Promise<ExecResult> {
    if (this.closed) throw new TransportError(this.address, 'connection closed');
    this.roundTrips++;
    // A stream is read whole first, and standard output given to the stream asked for: as a target would.
    const input =
      options.input instanceof Readable ? Buffer.concat(await options.input.toArray()) : options.input;
    const result = await this.respond(this.record(argv, input), input);
    if (options.stdout === undefined) return result;
    options.stdout.end(result.stdout);
    return { ...result, stdout: '' };
  }

  /** Answers like a socket to a healthy HTTP server (200 to anything), unless a rule replies non-zero. */
  async connect(host: string, port: number): Promise<Duplex> {
    if (this.closed) throw new TransportError(this.address, 'connection closed');
    const result = await this.respond(this.record(['connect', host, String(port)], undefined, 'connect'));
    if (result.code !== 0) throw new Error(result.stderr.trim() || `connect ECONNREFUSED ${host}:${port}`);
    return healthyPeer();
  }

  close(): Promise<void> {
    this.closed = true;
    this.release();
    return Promise.resolve();
  }

  private record(argv: Argv, input: Buffer | string | undefined, kind?: CommandKind): ScriptedCommand {
    const recognised = recognise(argv, input);
    const command: ScriptedCommand = {
      address: this.address,
      kind: kind ?? recognised.kind,
      argv: [...argv],
      args: recognised.args,
      inputBytes: input === undefined ? 0 : Buffer.byteLength(input),
      startedAt: this.clock(),
    };
    if (recognised.script !== undefined) command.script = recognised.script;
    this.commands.push(command);
    for (const waiter of this.waiters.filter((w) => w.match(command))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(command);
    }
    return command;
  }

  private async respond(command: ScriptedCommand, input?: Buffer | string): Promise<ExecResult> {
    try {
      const result = await this.answer(command, input, 0);
      command.result = result;
      return result;
    } finally {
      command.endedAt = this.clock();
    }
  }

  private async answer(
    command: ScriptedCommand,
    input: Buffer | string | undefined,
    from: number,
  ): Promise<ExecResult> {
    for (let i = from; i < this.rules.length; i++) {
      const rule = this.rules[i]!;
      if (!rule.match(command)) continue;
      if (rule.delayMs !== undefined) await this.sleep(rule.delayMs);
      if (rule.until) await rule.until;
      if (this.closed) throw new TransportError(this.address, 'connection closed');
      if (rule.reply === undefined) return this.answer(command, input, i + 1);
      const reply = typeof rule.reply === 'function' ? await rule.reply(command) : rule.reply;
      return { code: reply.code ?? 0, stdout: reply.stdout ?? '', stderr: reply.stderr ?? '' };
    }
    return this.emulate(command, input);
  }

  /** What a drover target would answer, given the state in `this.state`. */
  private emulate(command: ScriptedCommand, input: Buffer | string | undefined): ExecResult {
    const state = this.state;
    const ok = (stdout = ''): ExecResult => ({ code: 0, stdout, stderr: '' });
    const current = state.manifest === undefined ? '' : `${state.manifest}\n`;
    switch (command.kind) {
      case 'begin': {
        const [, owner = '', , digest = '', ...entries] = command.args;
        if (digest !== '' && state.lock === undefined && state.digest === digest)
          return ok(`GENERATION ${state.generation}\nUNCHANGED\n`);
        if (state.lock !== undefined) {
          const age = state.lockStale ? 'STALE' : 'FRESH';
          return { code: 3, stdout: `LOCKED\n${age}\n${state.lock}\n`, stderr: '' };
        }
        state.lock = owner;
        this.missing = entries.filter((e) => !state.store.has(e));
        const missing = this.missing.map((e) => `MISSING ${e}\n`).join('');
        return ok(`GENERATION ${state.generation}\n${missing}MANIFEST\n${current}`);
      }
      case 'upload':
        for (const entry of this.missing) state.store.add(entry);
        this.missing = [];
        return ok();
      case 'record':
        state.staged = {
          generation: Number(command.args[1]),
          // Its input: the manifest, then the generation's probe.
          manifest: String(input ?? '')
            .split('\n#drover-probe\n')[0]!
            .trim(),
          digest: command.args[2] ?? '',
        };
        return ok();
      case 'commit': {
        const generation = Number(command.args[1]);
        if (state.staged?.generation !== generation)
          return { code: 10, stdout: '', stderr: `drover: generation ${generation} was not staged\n` };
        state.generation = generation;
        state.manifest = state.staged.manifest;
        state.digest = state.staged.digest;
        delete state.staged;
        delete state.lock;
        return ok();
      }
      case 'unlock':
        // Breaking a lock that is not ours does nothing and says so; releasing one leaves it alone.
        if (state.lock === undefined || state.lock !== command.args[1])
          return { code: command.script?.includes('|| exit 0') ? 0 : 1, stdout: '', stderr: '' };
        delete state.lock;
        return ok();
      case 'read-generations': {
        const lock = state.lock === undefined ? '' : `LOCK ${state.lock}\n`;
        const manifest = current === '' ? '' : `MANIFEST ${state.generation}\n${current}`;
        return ok(`GENERATION ${state.generation}\n${lock}${manifest}`);
      }
      case 'collect-garbage':
        return ok('REMOVED 0\n');
      default:
        return ok();
    }
  }
}

/** Marks in the fixed scripts of apply/remote.ts (per-unit scripts start with their `fail` function). */
const FIXED_SCRIPTS: [CommandKind, string][] = [
  ['refresh-lock', 'touch -c "$1/lock"'],
  ['begin', 'mkdir "$dir/lock"'],
  ['upload', 'tar -xf -'],
  ['record', 'cat >"$file.in"'],
  ['commit', 'mv "$dir/current.new" "$dir/current"'],
  ['unlock', 'rm -rf "$1/lock"'],
  ['read-generations', 'echo "MANIFEST $n"'],
  ['collect-garbage', 'echo "REMOVED $removed"'],
];

function recognise(
  argv: Argv,
  input: Buffer | string | undefined,
): { kind: CommandKind; script?: string; args: string[] } {
  const [program, flag] = argv;
  const fromInput = JSON.stringify(argv) === JSON.stringify(SCRIPT_FROM_INPUT);
  const script = fromInput ? String(input ?? '') : argv[2];
  if (program !== 'sh' || flag !== '-c' || script === undefined)
    return { kind: 'other', args: argv.slice(1) };
  const args = fromInput ? [] : argv.slice(4);
  if (script.startsWith('fail() {')) {
    if (/ \|\| (unit_failed \d+|fail) 'start failed'$/m.test(script))
      return { kind: 'activate', script, args };
    if (/unit_failed \d+ 'stop failed'/m.test(script)) return { kind: 'deactivate', script, args };
    return { kind: 'prepare', script, args };
  }
  const kind = FIXED_SCRIPTS.find(([, mark]) => script.includes(mark))?.[0] ?? 'other';
  return { kind, script, args };
}

/** A connection whose far end answers any request with an empty 200 and then closes. */
function healthyPeer(): Duplex {
  let answered = false;
  return new Duplex({
    read() {},
    write(_chunk, _encoding, callback) {
      if (!answered) {
        answered = true;
        this.push('HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
        this.push(null);
      }
      callback();
    },
  });
}
