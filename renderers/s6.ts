/**
 * s6: a service directory for s6-svscan. `run` is a launcher script, `finish` reports how the process
 * ended, and a `log` companion runs s6-log into the target's log folder. s6-supervise's writable state
 * (`supervise`, `event`) is linked into the runtime folder, so the directory itself stays immutable in the
 * store (s6-supervise creates what the links point to; s6-svlink would not follow them, so it is not used). A self-daemonising program without a foreground form becomes a oneshot: `up` and `down` (s6-rc
 * syntax) call a control script that manages its PID file.
 */
import { accountSetup, ownDirsSetup } from './accounts.ts';
import {
  controlScript,
  controlScriptCommands,
  generatedBy,
  LAUNCH_ALL,
  launcherScript,
  programOf,
  script,
} from './shell.ts';
import type { OverrideProblem, RenderedFile, Renderer, RenderedUnit, UnitSpec } from './types.ts';
import { checkFlatOverrides, knownKeys, overridesFor, requireExpressible } from './values.ts';
import { shellQuote } from './sh-quote.ts';

const MANAGER = 's6';

/** The scan directory s6-svscan watches on a target (container property `scanDir` overrides it). */
export function s6ScanDir(unit: UnitSpec): string {
  return unit.containerProperties.scanDir ?? `${unit.dirs.state}/s6/scan`;
}

/**
 * Starts s6-svscan on the scan directory $1 unless one runs there, and waits until it listens. Without
 * s6-svscan, the supervisors it started may be gone too (a reboot, or all killed): the runtime folders
 * (in $2) of each one that is gone go first, or the supervisor s6-svscan starts for it would give up (see
 * START_SERVICE).
 */
const START_SVSCAN = [
  's6-svscanctl -a "$1" 2>/dev/null && exit 0',
  'for live in "$1"/*; do',
  '  [ -e "$live" ] || continue',
  '  name=${live##*/}',
  '  s6-svok "$live" 2>/dev/null || rm -rf -- "$2/s6-$name-supervise" "$2/s6-$name-event"',
  '  s6-svok "$live/log" 2>/dev/null || rm -rf -- "$2/s6-$name-log-supervise" "$2/s6-$name-log-event"',
  'done',
  'mkdir -p "$1" && (s6-svscan "$1" </dev/null >/dev/null 2>&1 &)',
  'i=0; until s6-svscanctl -a "$1" 2>/dev/null; do i=$((i + 1)); [ "$i" -le 50 ] || exit 1; sleep 0.1; done',
].join('\n');
/**
 * Links a service in: removes the runtime folders of a supervisor that no longer runs ($4 $5 for the
 * service, $6 $7 for its log companion), links $3 (the service directory) as $2 in the scan directory
 * $1, has s6-svscan rescan, and waits for the supervisor of $2. s6-supervise 2.11 creates the folders its
 * `supervise` and `event` links point to and gives up when they already exist, so a service stopped once
 * could never start again without the cleanup; linking only after it means that no supervisor can have
 * started on the link (and made fresh folders) before the cleanup looks.
 */
const START_SERVICE = [
  's6-svok "$2" 2>/dev/null || rm -rf -- "$4" "$5"',
  '[ -z "$6" ] || s6-svok "$2/log" 2>/dev/null || rm -rf -- "$6" "$7"',
  'mkdir -p "$1" && ln -sfn "$3" "$2" || exit 1',
  's6-svscanctl -a "$1" || exit 1',
  // s6-svscan keeps a service it is still taking down (its log supervisor not yet gone) and skips it on
  // that rescan: ask again until the supervisor is there.
  'i=0; until s6-svok "$2"; do i=$((i + 1)); [ "$i" -le 100 ] || { echo "s6-svscan did not pick up $2" >&2; exit 1; }; sleep 0.1; s6-svscanctl -a "$1"; done',
].join('\n');
/**
 * Waits (at most 5 s) until no supervisor runs the service directory $1: s6-svunlink waits for the
 * service's own supervisor, not for its log companion's.
 */
const WAIT_UNSUPERVISED =
  'i=0; while s6-svok "$1" 2>/dev/null; do i=$((i + 1)); [ "$i" -le 50 ] || exit 1; sleep 0.1; done';
/** Exits 0 when the supervisor of $1 reports its process up (`s6-svwait -t` counts milliseconds: not that). */
const IS_UP = '[ "$(s6-svstat -o up "$1" 2>/dev/null)" = true ]';

/**
 * The batch forms: the scan directory is $1 and the runtime folder $2; each further argument is a unit as
 * `<name>=<service directory>`. Starting links them all and has s6-svscan rescan once (START_SERVICE
 * says why the runtime folders of a supervisor that no longer runs go first).
 */
const BATCH_PREAMBLE = 'scan=$1 rt=$2; shift 2';
const START_SERVICES = [
  BATCH_PREAMBLE,
  'mkdir -p "$scan" || exit 1',
  'for u; do',
  '  name=${u%%=*} live="$scan/${u%%=*}"',
  '  s6-svok "$live" 2>/dev/null || rm -rf -- "$rt/s6-$name-supervise" "$rt/s6-$name-event"',
  '  s6-svok "$live/log" 2>/dev/null || rm -rf -- "$rt/s6-$name-log-supervise" "$rt/s6-$name-log-event"',
  '  ln -sfn "${u#*=}" "$live" || exit 1',
  'done',
  's6-svscanctl -a "$scan" || exit 1',
  'i=0',
  'for u; do',
  '  until s6-svok "$scan/${u%%=*}"; do',
  '    i=$((i + 1)); [ "$i" -le 100 ] || { echo "s6-svscan did not pick up $scan/${u%%=*}" >&2; exit 1; }',
  '    sleep 0.1; s6-svscanctl -a "$scan"',
  '  done',
  'done',
].join('\n');
/** Unlinks them all without waiting, then waits (at most 10 s) until none of their supervisors runs. */
const STOP_SERVICES = [
  BATCH_PREAMBLE,
  'for u; do s6-svunlink -X "$scan" "${u%%=*}" || exit 1; done',
  'i=0',
  'for u; do',
  '  while s6-svok "${u#*=}" 2>/dev/null || s6-svok "${u#*=}/log" 2>/dev/null; do',
  '    i=$((i + 1)); [ "$i" -le 100 ] || exit 1; sleep 0.1',
  '  done',
  '  name=${u%%=*}',
  '  rm -rf -- "$rt/s6-$name-supervise" "$rt/s6-$name-event" "$rt/s6-$name-log-supervise" "$rt/s6-$name-log-event"',
  'done',
].join('\n');
/** One line per unit: 0 when its process is up, 3 otherwise. */
const STATUS_EACH = [
  BATCH_PREAMBLE,
  'for u; do if [ "$(s6-svstat -o up "$scan/${u%%=*}" 2>/dev/null)" = true ]; then echo 0; else echo 3; fi; done',
].join('\n');

/** The settings the renderer reads; values become file contents only when they are numbers. */
function checkOverrides(overrides: Readonly<Record<string, unknown>>): OverrideProblem[] {
  return checkFlatOverrides(overrides, knownKeys(MANAGER, ['log', 'timeout-kill']));
}

export const s6: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: { scanDir: 'absolutePath' },
  // The service directory in the scan directory and the runtime folders `s6-<name>-…`, and those of its log
  // companion, `s6-<name>-log-…`: services `x` and `x-log` would share folders.
  systemNames: (service) => [service, `${service}-log`],
  // s6-svscan's own entry in the scan directory, `.s6-svscan`, is no plain identifier: no service can take it.
  reservedNames: [],
  checkOverrides,
  render(unit: UnitSpec): RenderedUnit {
    requireExpressible(unit, MANAGER);
    const name = unit.service;
    const dir = `s6/${name}`;
    const serviceDir = `${unit.unitDir}/${dir}`;
    const program = programOf(unit.process!, 'foreground');
    const dependencies: RenderedFile[] = unit.localDependencies.map((dep) => ({
      path: `${dir}/dependencies.d/${dep}`,
      content: '',
      mode: 0o644,
    }));

    if (program.form === 'daemon') {
      const ctl = `${serviceDir}/ctl`;
      return {
        files: [
          { path: `${dir}/type`, content: 'oneshot\n', mode: 0o644 },
          { path: `${dir}/up`, content: `/bin/sh ${shellQuote(ctl)} start\n`, mode: 0o644 },
          { path: `${dir}/down`, content: `/bin/sh ${shellQuote(ctl)} stop\n`, mode: 0o644 },
          {
            path: `${dir}/ctl`,
            content: controlScript(unit, [`# ${generatedBy(unit, 's6 oneshot control')}`]),
            mode: 0o755,
          },
          ...dependencies,
        ],
        install: [],
        setup: [...accountSetup(unit), ...ownDirsSetup(unit)],
        commands: controlScriptCommands(unit, ctl),
      };
    }

    const overrides = overridesFor(unit, MANAGER, checkOverrides);
    const logging = overrides.log !== false;
    const logDir = `${unit.dirs.log}/${name}`;
    const runtime = (what: string) => `${unit.dirs.runtime}/s6-${name}-${what}`;
    const scanDir = s6ScanDir(unit);
    const live = `${scanDir}/${name}`;
    const files: RenderedFile[] = [
      { path: `${dir}/type`, content: 'longrun\n', mode: 0o644 },
      {
        path: `${dir}/run`,
        content: launcherScript(unit, program.argv, LAUNCH_ALL, logging ? ['exec 2>&1'] : []),
        mode: 0o755,
      },
      {
        path: `${dir}/finish`,
        content: script([
          `# ${generatedBy(unit, 's6 finish')}`,
          `echo ${shellQuote(name)} "exited with status $1 (signal $2)" >&2`,
        ]),
        mode: 0o755,
      },
      { path: `${dir}/supervise`, content: '', mode: 0o777, symlink: runtime('supervise') },
      { path: `${dir}/event`, content: '', mode: 0o777, symlink: runtime('event') },
      ...dependencies,
    ];
    if (typeof overrides['timeout-kill'] === 'number') {
      files.push({ path: `${dir}/timeout-kill`, content: `${overrides['timeout-kill']}\n`, mode: 0o644 });
    }
    if (logging) {
      files.push(
        {
          path: `${dir}/log/run`,
          content: script([
            `# ${generatedBy(unit, 's6 log companion')}`,
            `mkdir -p ${shellQuote(logDir)}`,
            `exec s6-log -b -- n10 s1000000 T ${shellQuote(logDir)}`,
          ]),
          mode: 0o755,
        },
        { path: `${dir}/log/supervise`, content: '', mode: 0o777, symlink: runtime('log-supervise') },
        { path: `${dir}/log/event`, content: '', mode: 0o777, symlink: runtime('log-event') },
      );
    }
    const runtimeDirs = [runtime('supervise'), runtime('event')];
    const logRuntimeDirs = logging ? [runtime('log-supervise'), runtime('log-event')] : [];
    const startSvscan = ['sh', '-c', START_SVSCAN, 'sh', scanDir, unit.dirs.runtime];
    return {
      files,
      // Linked into the scan directory by `start` (see START_SERVICE), unlinked by `stop`.
      install: [],
      setup: [...accountSetup(unit), ...ownDirsSetup(unit), startSvscan],
      commands: {
        // The activation polls `status` until the process is up; `start` only hands the service to s6.
        start: [
          ['sh', '-c', START_SERVICE, 'sh', scanDir, live, serviceDir, ...runtimeDirs, ...logRuntimeDirs],
        ],
        // s6-svunlink waits for the supervisor to exit; its runtime folders go with it (see START_SERVICE).
        stop: [
          ['s6-svunlink', scanDir, name],
          ...(logging ? [['sh', '-c', WAIT_UNSUPERVISED, 'sh', `${serviceDir}/log`]] : []),
          ['rm', '-rf', '--', ...runtimeDirs, ...logRuntimeDirs],
        ],
        reload: [['s6-svc', '-h', live]],
        status: [['sh', '-c', IS_UP, 'sh', live]],
        logs: logging ? [['tail', '-n', '20', `${logDir}/current`]] : [],
        batch: {
          group: `s6 ${scanDir}`,
          name: `${name}=${serviceDir}`,
          start: [['sh', '-c', START_SERVICES, 'sh', scanDir, unit.dirs.runtime]],
          stop: [['sh', '-c', STOP_SERVICES, 'sh', scanDir, unit.dirs.runtime]],
          status: ['sh', '-c', STATUS_EACH, 'sh', scanDir, unit.dirs.runtime],
        },
        // s6-svscanctl fails unless an s6-svscan reads the scan directory's control pipe.
        manager: { name: `s6-svscan ${scanDir}`, alive: ['s6-svscanctl', '-a', scanDir], start: startSvscan },
      },
    };
  },
};
