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
  /** Exits 0 when the unit runs, 4 when its manager gave up starting it, another code otherwise. */
  status: Argv[];
  /** Prints the unit's recent output, to explain a failure. */
  logs: Argv[];
  /** The manager reports a started unit running no sooner than this (supervisord's startsecs). */
  settleMs?: number;
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
}

/** The type of a container property a renderer reads: any string, or a string of a schema format. */
export type ContainerPropertyType = 'string' | 'absolutePath';

/** Translates resolved units for one process manager. Pure and deterministic. */
export interface Renderer<M extends string = string> {
  readonly manager: M;
  /**
   * Every property of its container it reads (`unit.containerProperties.<name>`), with its type:
   * validation reports a property of another type where the target declares it.
   */
  readonly containerProperties: Readonly<Record<string, ContainerPropertyType>>;
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
    super(`${service}: ${manager} cannot use ${field.join('.')}: ${reason}`);
    this.name = 'RenderError';
  }
}
