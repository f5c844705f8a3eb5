/**
 * The renderer interface: one pure function per process manager, from a resolved unit to the files it
 * puts on the target and the commands that drive it. The planner hashes what renderers produce.
 */
import type { Argv } from './argv.ts';

/** Well-known folders on the target, derived from its stateDir (as nix-processmgmt's stateDir/runtimeDir/...). */
export interface TargetDirs {
  state: string;
  runtime: string;
  log: string;
  tmp: string;
  cache: string;
}

/** A user or group to create, with its ID from the uids/gids pools when the service asks for them. */
export interface ResolvedAccount {
  name: string;
  id?: number;
  group?: string;
  description?: string;
  homeDir?: string;
  shell?: string;
}

/** The process block with every template resolved and every default filled in. */
export interface ResolvedProcess {
  /** Foreground executable, when the program can stay in the foreground. */
  command?: string;
  args: string[];
  /** Self-daemonising executable, when the program can daemonise itself. */
  daemon?: string;
  daemonArgs: string[];
  /** Where the daemon form writes its PID (default: <runtime dir>/<service>.pid). */
  pidFile: string;
  environment: Record<string, string>;
  directory?: string;
  user?: string;
  group?: string;
  umask?: string;
  nice?: number;
  credentials: { users: ResolvedAccount[]; groups: ResolvedAccount[] };
  overrides: Record<string, Record<string, unknown>>;
}

/** A configuration file rendered from its template, and where it lives on the target. */
export interface ResolvedFile {
  name: string;
  path: string;
  content: string;
  mode: string;
}

/** How drover checks the unit is healthy after activation. */
export interface ResolvedHealthCheck {
  tcp?: { host: string; port: number };
  http?: string;
  command?: string[];
  timeoutMs: number;
}

/** Everything about one service on one target, resolved: the input of every renderer. */
export interface UnitSpec {
  service: string;
  instanceName: string;
  target: string;
  container: string;
  /** Who runs it: a process manager, or 'package' (install only); validation refuses anything else. */
  manager: string;
  /** Properties of its container on the target (activation uses them, so they are part of the unit). */
  containerProperties: Record<string, string>;
  description?: string;
  dirs: TargetDirs;
  /**
   * The unit's stable folder on the target: a link to its rendered files in the store, switched at
   * activation. Rendered files refer to each other through it (their store path depends on their content).
   */
  unitDir: string;
  /**
   * The service's own folder for its PID file and sockets, `<runtime>/<service>`: its setup creates it,
   * owned by the process's user on a privileged target, so that a daemon running as that user can write there.
   */
  runDir: string;
  /** The service's own temporary folder, `<tmp>/<service>`: created and owned like runDir. */
  tmpDir: string;
  /** True when drover acts as root on the target: it may create accounts and switch users. */
  privileged: boolean;
  ids: Record<string, number>;
  process?: ResolvedProcess;
  files: ResolvedFile[];
  /** The shipped package: its path on the target, and for a repository folder its source and digest. */
  package?: { path: string; source?: string; digest?: string };
  healthCheck?: ResolvedHealthCheck;
  /** Services this one is activated after (dependsOn and activatesAfter) that run on the same target. */
  localDependencies: string[];
  /** 1 + the highest startOrder of its local dependencies (supervisord priority, sysvinit sequence). */
  startOrder: number;
}

/**
 * A file a renderer puts on the target; `path` is relative to the unit's folder in the target's store.
 * With `symlink`, it is a symbolic link to that absolute path instead (content empty).
 */
export interface RenderedFile {
  path: string;
  content: string;
  mode: number;
  symlink?: string;
}

/**
 * Commands that drive a unit through its manager, each a sequence of argvs run in order (stopping at the
 * first failure). `start` runs once the unit's files are installed; `stop` leaves the manager having
 * forgotten the unit, so that its files can be removed.
 */
export interface ManagerCommands {
  start: Argv[];
  stop: Argv[];
  reload?: Argv[];
  /**
   * Exits 0 when the unit runs, 4 when its manager gave up starting it, 5 while it is starting it (not
   * yet running: supervisord's startsecs), another code otherwise.
   */
  status: Argv[];
  /** Prints the unit's recent output, to explain a failure. */
  logs: Argv[];
  /** For a unit with state of its own (a database): writes that state to standard output. */
  snapshot?: Argv[];
  /** Replaces the unit's state with a snapshot read from standard input, leaving it as it was on failure. */
  restore?: Argv[];
  /**
   * Refuses writes to the unit's state until `unlock` (while a move snapshots it, so that nothing written
   * later is lost); idempotent, and harmless when the state does not exist.
   */
  lock?: Argv[];
  /** Accepts writes again after `lock`; idempotent. */
  unlock?: Argv[];
  /**
   * Deletes the unit's state for good (`drover gc --state`), once no generation on its target runs it;
   * idempotent: succeeds when the state is already gone.
   */
  collectGarbage?: Argv[];
  /** The manager reports a started unit running no sooner than this (supervisord's startsecs). */
  settleMs?: number;
  /** The batch form, when the manager has one: many units of a target in one command each. */
  batch?: BatchCommands;
  /** The manager of drover's own that runs the unit (its setup starts it), when it is one. */
  manager?: OwnManager;
}

/** A manager drover starts itself on a target (in the unit's setup), such as its own supervisord. */
export interface OwnManager {
  /** How people know it, with what tells it from another of its kind: `supervisord /path/to/its.conf`. */
  name: string;
  /** Exits 0 while it runs (cheaply: it is asked at every probe). */
  alive: Argv;
  /**
   * Starts it unless it runs (idempotent; one of the unit's setup commands). Boot runs it too, after
   * every other setup command of the generation, so that the units it starts at once find their folders.
   * (Manifests written before boot hooks lack it.)
   */
  start?: Argv;
}

/**
 * How a manager starts, stops and reports many units at once. Units of one target whose `group` is equal
 * (one supervisord configuration, say) go into one command each, their `name`s appended to its argvs.
 */
export interface BatchCommands {
  group: string;
  /** The unit's name in those commands. */
  name: string;
  /** Starts the named units. */
  start: Argv[];
  /** Stops the named units (each argv is run, whatever the one before it did). */
  stop: Argv[];
  /**
   * Prints one line per named unit, in the order named: 0 when it runs, 4 when its manager gave up
   * starting it, 5 while it is starting it, anything else while it does not run.
   */
  status: Argv;
  /**
   * Replaces units in place, when the manager can: `[...replace, ...old, '--', ...names]` stops the
   * units named before `--` (still running from their former configuration) and starts those named
   * after it, in one command.
   */
  replace?: Argv;
}

/** A link the manager reads the unit through: `at` (absolute) points to `file` in the unit's folder. */
export interface InstallLink {
  at: string;
  file: string;
}

/** What a renderer produces for one unit. */
export interface RenderedUnit {
  files: RenderedFile[];
  /** Links from the manager's configuration folders into the unit's folder. */
  install: InstallLink[];
  /** Idempotent commands run before each start: folders the manager needs, accounts (privileged only). */
  setup: Argv[];
  commands: ManagerCommands;
  /**
   * Helpers its commands run, each shipped as a store entry of its own (named after its content): not
   * part of the unit's hash, so a newer helper restarts nothing.
   */
  tools?: RenderedTool[];
}

/** A helper a renderer's commands run on the target, such as drover's own supervisorctl. */
export interface RenderedTool {
  name: string;
  files: RenderedFile[];
}

/** The type of a container property a renderer reads: any string, or a string of a schema format. */
export type ContainerPropertyType = 'string' | 'absolutePath';

/** A name a manager keeps for itself on a target, and why. */
export interface ReservedName {
  name: string;
  reason: string;
  /**
   * The name is also taken in drover's folders on the target (`<log>/<name>.log`, `<runtime>/<name>`),
   * which every service there shares: no service of the target may be called so, whatever runs it.
   */
  inFolders?: boolean;
}

/**
 * Something a manager cannot use in `process.overrides.<manager>`: its path below that block, whether it
 * is the key at that path (rather than its value), and why.
 */
export interface OverrideProblem {
  path: (string | number)[];
  key: boolean;
  reason: string;
}

/** Translates resolved units for one process manager. Pure and deterministic. */
export interface Renderer<M extends string = string> {
  readonly manager: M;
  /**
   * Every property of its container it reads (`unit.containerProperties.<name>`), with its type:
   * validation reports a property of another type where the target declares it.
   */
  readonly containerProperties: Readonly<Record<string, ContainerPropertyType>>;
  /**
   * Every name the manager knows a unit of `service` by on a target, its companions' included (s6's log
   * companion). Validation refuses two units one manager runs on a target whose names meet: the manager
   * would take them for one.
   */
  systemNames(service: string): string[];
  /** Whether the manager's names ignore case (launchd's plists on macOS): `Web` and `web` then meet. */
  readonly namesIgnoreCase?: boolean;
  /** Names the manager keeps for itself on a target: no unit it runs there may be known by one. */
  readonly reservedNames: readonly ReservedName[];
  /**
   * What it cannot use in `process.overrides.<manager>`: keys its format cannot hold, and values with
   * characters it cannot hold. Validation reports each at its place; render refuses them too, as the
   * resolved templates may bring them. The shape of the values is render's to check.
   */
  checkOverrides(overrides: Readonly<Record<string, unknown>>): OverrideProblem[];
  /** Renders the unit; throws RenderError when a value cannot reach the process exactly. */
  render(unit: UnitSpec): RenderedUnit;
}

/** A value a manager cannot carry exactly: names the service, the field (a path into it) and the manager. */
export class RenderError extends Error {
  readonly code = 'E_RENDER';
  constructor(
    readonly service: string,
    readonly field: (string | number)[],
    readonly manager: string,
    reason: string,
  ) {
    super(`${service}: ${manager} cannot use ${fieldText(field)}: ${reason}`);
    this.name = 'RenderError';
  }
}

/** The longest part of a model's own text an error message quotes. */
const MAX_QUOTED = 60;

/**
 * A field path as an error message shows it: plain names as they are, any other key quoted with its
 * escapes (a key may hold a line break) and shortened.
 */
export function fieldText(field: readonly (string | number)[]): string {
  return field
    .map((part) => (/^[A-Za-z0-9_.-]+$/.test(String(part)) ? part : quoteKey(String(part))))
    .join('.');
}

/** A key of the models quoted for an error message: JSON escapes, at most MAX_QUOTED characters. */
export function quoteKey(key: string): string {
  const shown = key.length > MAX_QUOTED ? `${key.slice(0, MAX_QUOTED)}…` : key;
  return JSON.stringify(shown);
}
