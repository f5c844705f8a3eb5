/**
 * s6: a service directory for s6-svscan. `run` is a launcher script, `finish` reports how the process
 * ended, and a `log` companion runs s6-log into the target's log folder. s6-supervise's writable state
 * (`supervise`, `event`) is linked into the runtime folder, so the directory itself stays immutable in the
 * store (s6-supervise creates what the links point to; s6-svlink would not follow them, so it is not used). A self-daemonising program without a foreground form becomes a oneshot: `up` and `down` (s6-rc
 * syntax) call a control script that manages its PID file.
 */
import { accountSetup } from './accounts.ts';
import {
  controlScript,
  controlScriptCommands,
  generatedBy,
  LAUNCH_ALL,
  launcherScript,
  programOf,
  script,
  shellQuote,
} from './shell.ts';
import type { RenderedFile, Renderer, RenderedUnit, UnitSpec } from './types.ts';
import { overridesFor, requireExpressible } from './values.ts';

const MANAGER = 's6';

/** The scan directory s6-svscan watches on a target (container property `scanDir` overrides it). */
export function s6ScanDir(unit: UnitSpec): string {
  return unit.containerProperties.scanDir ?? `${unit.dirs.state}/s6/scan`;
}

/** Starts s6-svscan on the scan directory unless one runs there, and waits until it listens. */
const START_SVSCAN = [
  's6-svscanctl -a "$1" 2>/dev/null && exit 0',
  'mkdir -p "$1" && (s6-svscan "$1" </dev/null >/dev/null 2>&1 &)',
  'i=0; until s6-svscanctl -a "$1" 2>/dev/null; do i=$((i + 1)); [ "$i" -le 50 ] || exit 1; sleep 0.1; done',
].join('\n');
const WAIT_FOR_SUPERVISOR =
  'i=0; until s6-svok "$1"; do i=$((i + 1)); [ "$i" -le 100 ] || { echo "s6-svscan did not pick up $1" >&2; exit 1; }; sleep 0.1; done';

export const s6: Renderer = {
  manager: MANAGER,
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
        setup: accountSetup(unit),
        commands: controlScriptCommands(unit, ctl),
      };
    }

    const overrides = overridesFor(unit, MANAGER);
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
    return {
      files,
      install: [{ at: live, file: dir }],
      setup: [['sh', '-c', START_SVSCAN, 'sh', scanDir], ...accountSetup(unit)],
      commands: {
        // s6-svscan picks up the linked directory on a rescan; then wait for its supervisor, and for the service.
        start: [
          ['s6-svscanctl', '-a', scanDir],
          ['sh', '-c', WAIT_FOR_SUPERVISOR, 'sh', live],
          ['s6-svwait', '-u', '-t', '10000', live],
        ],
        stop: [['s6-svunlink', scanDir, name]],
        reload: [['s6-svc', '-h', live]],
        status: [['s6-svwait', '-u', '-t', '1', live]],
        logs: logging ? [['tail', '-n', '20', `${logDir}/current`]] : [],
      },
    };
  },
};
