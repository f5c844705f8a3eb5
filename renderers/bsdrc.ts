/**
 * BSD rc.d: a script for rc.subr with PROVIDE/REQUIRE from local dependencies. A foreground-only program
 * is daemonised by daemon(8), which writes its PID file; a self-daemonising one runs directly. Either way
 * rc.subr starts `/bin/sh run`, a launcher holding every value single-quoted (rc.subr evaluates
 * `command_args` with the shell, so no model value is put there).
 */
import { accountSetup, ownDirsSetup } from './accounts.ts';
import { generatedBy, LAUNCH_ALL, launcherScript, programOf, script } from './shell.ts';
import type { OverrideProblem, Renderer, RenderedUnit, UnitSpec } from './types.ts';
import { checkFlatOverrides, logFileOf, overrideLine, overridesFor, requireExpressible } from './values.ts';
import { shellQuote } from './sh-quote.ts';

const MANAGER = 'bsdrc';

/**
 * The rc.d name of a service: a shell variable name (rc.subr builds `<name>_enable` from it), prefixed so
 * as never to replace a script of the system's.
 */
function rcName(service: string): string {
  return `drover_${service.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** rc.subr variables: shell variable names, each set to a value on one line. */
function checkOverrides(overrides: Readonly<Record<string, unknown>>): OverrideProblem[] {
  return checkFlatOverrides(overrides, {
    pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
    problem: 'is not an rc.subr variable name ([A-Za-z_][A-Za-z0-9_]*)',
  });
}

export const bsdrc: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: { rcDir: 'absolutePath' },
  // `a-b`, `a.b` and `a_b` are all drover_a_b: one script, one set of rc.subr variables.
  systemNames: (service) => [rcName(service)],
  reservedNames: [],
  checkOverrides,
  render(unit: UnitSpec): RenderedUnit {
    requireExpressible(unit, MANAGER);
    const process = unit.process!;
    const name = unit.service;
    const variable = rcName(name);
    const program = programOf(process, 'daemon');
    const run = `${unit.unitDir}/run`;
    // rc.subr switches the user itself (`<name>_user`).
    const daemonise = program.form === 'foreground';
    const commandArgs = daemonise
      ? `-f -p ${shellQuote(process.pidFile)} -o ${shellQuote(logFileOf(unit))} /bin/sh ${shellQuote(run)}`
      : shellQuote(run);
    const settings = new Map<string, string>([
      ['pidfile', process.pidFile],
      ['procname', program.argv[0]!],
      ['command', daemonise ? '/usr/sbin/daemon' : '/bin/sh'],
      ['command_args', commandArgs],
    ]);
    for (const [key, value] of Object.entries(overridesFor(unit, MANAGER, checkOverrides))) {
      if (value !== null && value !== undefined) settings.set(key, overrideLine(unit, MANAGER, key, value));
    }
    const require = ['LOGIN', ...unit.localDependencies.map(rcName)];
    const lines = [
      '#',
      `# PROVIDE: ${variable}`,
      `# REQUIRE: ${require.join(' ')}`,
      '# KEYWORD: shutdown',
      '#',
      `# ${generatedBy(unit, 'rc.d script')}`,
      '',
      '. /etc/rc.subr',
      '',
      `name=${variable}`,
      `rcvar=${variable}_enable`,
      '',
      'load_rc_config "$name"',
      `: "\${${variable}_enable:=YES}"`,
    ];
    if (unit.privileged && process.user !== undefined)
      lines.push(`: "\${${variable}_user:=${process.user}}"`);
    lines.push('');
    for (const [key, value] of settings) lines.push(`${key}=${shellQuote(value)}`);
    lines.push('', 'run_rc_command "$1"');

    const launcher = launcherScript(unit, program.argv, { ...LAUNCH_ALL, switchUser: false });
    const rcDir = unit.containerProperties.rcDir ?? '/usr/local/etc/rc.d';
    const rc = (verb: string) => [[`${rcDir}/${variable}`, verb]];
    return {
      files: [
        { path: `rc.d/${variable}`, content: script(lines), mode: 0o755 },
        { path: 'run', content: launcher, mode: 0o755 },
      ],
      install: [{ at: `${rcDir}/${variable}`, file: `rc.d/${variable}` }],
      setup: [...accountSetup(unit, 'pw'), ...ownDirsSetup(unit)],
      commands: {
        start: rc('start'),
        stop: rc('stop'),
        reload: rc('reload'),
        status: rc('status'),
        logs: daemonise ? [['tail', '-n', '20', logFileOf(unit)]] : [],
      },
    };
  },
};
