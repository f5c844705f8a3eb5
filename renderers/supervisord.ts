/**
 * supervisord: one `[program:x]` section per unit. supervisord's own parsing of `environment=` and
 * `command=` cannot carry arbitrary values (quotes are stripped, `#` and ` ;` start comments, `%` is
 * expanded, no newline fits in an ini value), so the program is started through a launcher script that
 * holds every value single-quoted. A self-daemonising program runs under the foreground proxy.
 */
import { accountSetup } from './accounts.ts';
import { LAUNCH_ALL, launcherScript, programOf, proxyScript, shellQuote, generatedBy } from './shell.ts';
import { RenderError, type Renderer, type RenderedUnit, type UnitSpec } from './types.ts';
import { logFileOf, overridesFor, requireExpressible } from './values.ts';

const MANAGER = 'supervisord';

/** Where drover's supervisord keeps its configuration on a target (container properties override it). */
export function supervisordPaths(unit: UnitSpec): { config: string; includeDir: string } {
  const base = `${unit.dirs.state}/supervisord`;
  return {
    config: unit.containerProperties.config ?? `${base}/supervisord.conf`,
    includeDir: unit.containerProperties.includeDir ?? `${base}/conf.d`,
  };
}

export const supervisord: Renderer = {
  manager: MANAGER,
  render(unit: UnitSpec): RenderedUnit {
    requireExpressible(unit, MANAGER);
    const process = unit.process!;
    const name = unit.service;
    const program = programOf(process, 'foreground');
    // supervisord switches the user itself; the launcher does the rest.
    const launch = { ...LAUNCH_ALL, switchUser: false };
    const script =
      program.form === 'foreground' ? launcherScript(unit, program.argv, launch) : proxyScript(unit, launch);
    const settings: Record<string, unknown> = {
      command: `/bin/sh ${shellQuote(`${unit.unitDir}/run`)}`,
      priority: unit.startOrder,
      autostart: true,
      autorestart: true,
      startsecs: 1,
      startretries: 3,
      stopsignal: 'TERM',
      stopwaitsecs: 10,
      stopasgroup: true,
      killasgroup: true,
      redirect_stderr: true,
      stdout_logfile: logFileOf(unit),
    };
    if (unit.privileged && process.user !== undefined) settings.user = process.user;
    Object.assign(settings, overridesFor(unit, MANAGER));

    const lines = [`; ${generatedBy(unit, 'supervisord program')}`, `[program:${name}]`];
    for (const [key, value] of Object.entries(settings)) {
      if (value === null || value === undefined) continue;
      const text = String(value);
      if (/[\n\r]/.test(text) || typeof value === 'object') {
        throw new RenderError(
          name,
          ['process', 'overrides', MANAGER, key],
          MANAGER,
          'it is not a single-line value',
        );
      }
      lines.push(`${key}=${text}`);
    }

    const { config, includeDir } = supervisordPaths(unit);
    const ctl = ['supervisorctl', '-c', config];
    return {
      files: [
        { path: 'supervisord.conf', content: `${lines.join('\n')}\n`, mode: 0o644 },
        { path: 'run', content: script, mode: 0o755 },
      ],
      install: [{ at: `${includeDir}/${name}.conf`, file: 'supervisord.conf' }],
      setup: accountSetup(unit),
      commands: {
        // `update` reads the new section and starts it (autostart); status reports RUNNING after startsecs.
        start: [[...ctl, 'update', name]],
        stop: [
          [...ctl, 'stop', name],
          [...ctl, 'remove', name],
        ],
        reload: [[...ctl, 'signal', 'HUP', name]],
        status: [[...ctl, 'status', name]],
      },
    };
  },
};
