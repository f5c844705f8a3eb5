/**
 * supervisord: one `[program:x]` section per unit. supervisord's own parsing of `environment=` and
 * `command=` cannot carry arbitrary values (quotes are stripped, `#` and ` ;` start comments, `%` is
 * expanded, no newline fits in an ini value), so the program is started through a launcher script that
 * holds every value single-quoted. A self-daemonising program runs under the foreground proxy.
 */
import { accountSetup, ownDirsSetup } from './accounts.ts';
import { LAUNCH_ALL, launcherScript, programOf, proxyScript, generatedBy } from './shell.ts';
import {
  type OverrideProblem,
  type Renderer,
  type RenderedUnit,
  type TargetDirs,
  type UnitSpec,
} from './types.ts';
import { checkFlatOverrides, logFileOf, overrideLine, overridesFor, requireExpressible } from './values.ts';
import type { Argv } from './argv.ts';
import { shellQuote } from './sh-quote.ts';
import { supervisordClient, supervisordClientPath } from './supervisord-client.ts';

const MANAGER = 'supervisord';

/** Where drover's supervisord keeps its configuration on a target (container properties override it). */
export function supervisordPaths(unit: Pick<UnitSpec, 'dirs' | 'containerProperties'>): {
  config: string;
  includeDir: string;
} {
  const base = `${unit.dirs.state}/supervisord`;
  return {
    config: unit.containerProperties.config ?? `${base}/supervisord.conf`,
    includeDir: unit.containerProperties.includeDir ?? `${base}/conf.d`,
  };
}

const WRITE_IF_CHANGED =
  'printf %s "$2" | cmp -s - "$1" || { mkdir -p "${1%/*}" && printf %s "$2" >"$1.$$" && mv "$1.$$" "$1"; }';
/** `running`: true while the supervisord whose pid file is $pidfile runs (killed, it may linger as a zombie). */
const RUNNING_PID =
  'running() { pid=$(cat "$pidfile" 2>/dev/null) && [ -n "$pid" ] && ps -o stat=,args= -p "$pid" 2>/dev/null | grep -q \'^ *[^Z ].*supervisord\'; }';
/** Exits 0 while drover's own supervisord (pid file $1) runs. */
const ALIVE = ['pidfile=$1', RUNNING_PID, 'running'].join('\n');
/**
 * Starts supervisord ($1, its pid file $2) unless it runs. Its pid file is read, not supervisord asked:
 * asking starts a Python process. supervisord listens on its socket before it daemonises, so it answers
 * once its pid file names it; when two start it at once, the loser's supervisord exits (the socket is
 * taken) and it waits for the winner's.
 */
const START_SUPERVISORD = [
  'pidfile=$2',
  RUNNING_PID,
  'running && exit 0',
  'supervisord -c "$1" 2>/dev/null',
  'i=0; until running; do i=$((i + 1)); [ "$i" -le 200 ] || { echo "supervisord does not start" >&2; exit 1; }; sleep 0.05; done',
].join('\n');
/** Exit 0 when RUNNING, 4 when supervisord gave up (FATAL), 5 STARTING, 3 otherwise: $1 is the program, then the client. */
const RUNNING = 'name=$1; shift; code=$("$@" status "$name" 2>/dev/null) || exit 3; exit "${code:-3}"';

/** Settings supervisord reads as whole numbers, and as booleans (`autorestart` takes `unexpected` too). */
const INTEGER_SETTINGS = new Set([
  'startsecs',
  'startretries',
  'stopwaitsecs',
  'priority',
  'numprocs',
  'numprocs_start',
  'stdout_logfile_backups',
  'stderr_logfile_backups',
]);
const BOOLEAN_SETTINGS = new Set([
  'autostart',
  'autorestart',
  'redirect_stderr',
  'killasgroup',
  'stopasgroup',
]);

/**
 * `[program:x]` settings: lower-case ini keys; values on one line; whole numbers and booleans where
 * supervisord reads them so (one section it cannot read stops it from rereading any). A value that a
 * template makes is checked when it is rendered.
 */
function checkOverrides(overrides: Readonly<Record<string, unknown>>): OverrideProblem[] {
  const problems = checkFlatOverrides(overrides, {
    pattern: /^[a-z][a-z0-9_]*$/,
    problem: 'is not a supervisord program setting ([a-z][a-z0-9_]*)',
  });
  for (const [key, value] of Object.entries(overrides)) {
    if (typeof value === 'string' && value.includes('${{')) continue;
    const text = String(value);
    const integer = key === 'priority' ? /^-?\d+$/ : /^\d+$/;
    if (INTEGER_SETTINGS.has(key) && !integer.test(text))
      problems.push({ path: [key], key: false, reason: 'it is not a whole number' });
    const booleans = key === 'autorestart' ? /^(true|false|unexpected)$/ : /^(true|false)$/;
    if (BOOLEAN_SETTINGS.has(key) && !booleans.test(text))
      problems.push({
        path: [key],
        key: false,
        reason: `it is not true or false${key === 'autorestart' ? ' (or unexpected)' : ''}`,
      });
  }
  return problems;
}

export const supervisord: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: { config: 'absolutePath', includeDir: 'absolutePath' },
  // The program name, and its include file `<name>.conf`.
  systemNames: (service) => [service],
  reservedNames: [
    { name: 'all', reason: 'supervisorctl takes it for every program' },
    {
      name: 'supervisord',
      reason: "drover's own supervisord: its log file, PID file and control socket",
      inFolders: true,
    },
  ],
  checkOverrides,
  render(unit: UnitSpec): RenderedUnit {
    requireExpressible(unit, MANAGER);
    const process = unit.process!;
    const name = unit.service;
    const program = programOf(process, 'foreground');
    // supervisord switches the user itself; the launcher does the rest.
    const launch = { ...LAUNCH_ALL, switchUser: false };
    const script =
      program.form === 'foreground' ? launcherScript(unit, program.argv, launch) : proxyScript(unit, launch);
    const settings = new Map<string, unknown>([
      ['command', `/bin/sh ${shellQuote(`${unit.unitDir}/run`)}`],
      ['priority', unit.startOrder],
      ['autostart', true],
      ['autorestart', true],
      ['startsecs', 1],
      ['startretries', 3],
      ['stopsignal', 'TERM'],
      ['stopwaitsecs', 10],
      ['stopasgroup', true],
      ['killasgroup', true],
      ['redirect_stderr', true],
      ['stdout_logfile', logFileOf(unit)],
    ]);
    if (unit.privileged && process.user !== undefined) settings.set('user', process.user);
    for (const [key, value] of Object.entries(overridesFor(unit, MANAGER, checkOverrides))) {
      settings.set(key, value);
    }

    const lines = [`; ${generatedBy(unit, 'supervisord program')}`, `[program:${name}]`];
    for (const [key, value] of settings) {
      if (value !== null && value !== undefined)
        lines.push(`${key}=${overrideLine(unit, MANAGER, key, value)}`);
    }

    const { config, includeDir } = supervisordPaths(unit);
    const client = ['python3', '-I', '-S', supervisordClientPath(unit.dirs.state), config];
    return {
      files: [
        { path: 'supervisord.conf', content: `${lines.join('\n')}\n`, mode: 0o644 },
        { path: 'run', content: script, mode: 0o755 },
      ],
      install: [{ at: `${includeDir}/${name}.conf`, file: 'supervisord.conf' }],
      // supervisord starts the programs it finds linked at once: their accounts and run folders first.
      setup: [...accountSetup(unit), ...ownDirsSetup(unit), ...ownSupervisord(unit)],
      tools: [supervisordClient],
      commands: {
        // `update` reads the new section and starts it (autostart); status reports RUNNING after startsecs.
        start: [[...client, 'update', name]],
        stop: [[...client, 'stop', name]],
        reload: [['supervisorctl', '-c', config, 'signal', 'HUP', name]],
        settleMs: Number(settings.get('startsecs')) * 1000 || 0,
        // Only RUNNING counts: not STARTING, nor BACKOFF.
        status: [['sh', '-c', RUNNING, 'sh', name, ...client]],
        logs: [['tail', '-n', '20', logFileOf(unit)]],
        batch: {
          group: `supervisord ${config}`,
          name,
          start: [[...client, 'update']],
          stop: [[...client, 'stop']],
          status: [...client, 'status'],
          replace: [...client, 'replace'],
        },
        ...(unit.containerProperties.config === undefined && {
          manager: {
            name: `supervisord ${config}`,
            alive: ['sh', '-c', ALIVE, 'sh', supervisordPidFile(unit.dirs)],
            start: startSupervisord(unit),
          },
        }),
      },
    };
  },
};

/**
 * Commands that write drover's own supervisord configuration and start it unless it runs; none when the
 * container names a supervisord of the system's (`config`).
 */
function ownSupervisord(unit: UnitSpec): Argv[] {
  if (unit.containerProperties.config !== undefined) return [];
  const { config, includeDir } = supervisordPaths(unit);
  return [
    ['sh', '-c', WRITE_IF_CHANGED, 'sh', config, supervisordMainConfig(unit.dirs)],
    ['mkdir', '-p', includeDir],
    startSupervisord(unit),
  ];
}

/** The command that starts drover's own supervisord unless it runs. */
function startSupervisord(unit: UnitSpec): Argv {
  return ['sh', '-c', START_SUPERVISORD, 'sh', supervisordPaths(unit).config, supervisordPidFile(unit.dirs)];
}

/** Where drover's own supervisord writes its pid. */
function supervisordPidFile(dirs: TargetDirs): string {
  return `${dirs.runtime}/supervisord.pid`;
}

/**
 * The configuration of drover's own supervisord on a target (unprivileged mode, or any target without a
 * system-wide one): control socket and logs under the state dir, programs from the include folder.
 */
function supervisordMainConfig(dirs: TargetDirs): string {
  const { config, includeDir } = supervisordPaths({ dirs, containerProperties: {} });
  const socket = `${dirs.runtime}/supervisord.sock`;
  return [
    `; drover's supervisord (${config}), generated by drover (do not edit)`,
    '[unix_http_server]',
    `file=${socket}`,
    'chmod=0700',
    '',
    '[supervisord]',
    `logfile=${dirs.log}/supervisord.log`,
    `pidfile=${supervisordPidFile(dirs)}`,
    `childlogdir=${dirs.log}`,
    '',
    '[rpcinterface:supervisor]',
    'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
    '',
    '[supervisorctl]',
    `serverurl=unix://${socket}`,
    '',
    '[include]',
    `files = ${includeDir}/*.conf`,
    '',
  ].join('\n');
}
