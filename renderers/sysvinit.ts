/**
 * sysvinit: an LSB init script (start, stop, restart, reload, status) around the control script, which
 * runs a self-daemonising program directly and puts a foreground-only one in the background with a PID
 * file. Start sequence = the highest sequence of its local dependencies + 1; stop sequence = 99 - start.
 */
import { accountSetup, ownDirsSetup } from './accounts.ts';
import { controlScript, controlScriptCommands, generatedBy } from './shell.ts';
import {
  RenderError,
  type InstallLink,
  type OverrideProblem,
  type Renderer,
  type RenderedUnit,
  type UnitSpec,
} from './types.ts';
import { checkFlatOverrides, knownKeys, overridesFor, requireExpressible } from './values.ts';

const MANAGER = 'sysvinit';
const DEFAULT_RUNLEVELS = [2, 3, 4, 5];

/** The init script name of a service. */
function sysvinitScriptName(service: string): string {
  return `drover-${service}`;
}

/** The one setting the renderer reads. */
function checkOverrides(overrides: Readonly<Record<string, unknown>>): OverrideProblem[] {
  return checkFlatOverrides(overrides, knownKeys(MANAGER, ['runlevels']));
}

export const sysvinit: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: { initDir: 'absolutePath', rcDir: 'absolutePath' },
  systemNames: (service) => [sysvinitScriptName(service)],
  reservedNames: [],
  checkOverrides,
  render(unit: UnitSpec): RenderedUnit {
    requireExpressible(unit, MANAGER);
    // Prefixed, so as never to replace an init script of the system's.
    const name = sysvinitScriptName(unit.service);
    const overrides = overridesFor(unit, MANAGER, checkOverrides);
    const startLevels = runlevels(unit, overrides.runlevels);
    const stopLevels = [0, 1, 2, 3, 4, 5, 6].filter((l) => !startLevels.includes(l));
    const start = Math.min(unit.startOrder, 98);
    const stop = 99 - start;
    const deps = unit.localDependencies.map(sysvinitScriptName).join(' ');
    const description = (unit.description ?? name).replace(/\s+/g, ' ');
    const header = [
      '### BEGIN INIT INFO',
      `# Provides:          ${name}`,
      '# Required-Start:    $local_fs $network',
      '# Required-Stop:     $local_fs $network',
      `# Should-Start:      ${deps}`,
      `# Should-Stop:       ${deps}`,
      `# Default-Start:     ${startLevels.join(' ')}`,
      `# Default-Stop:      ${stopLevels.join(' ')}`,
      `# Short-Description: ${description}`,
      '### END INIT INFO',
      `# ${generatedBy(unit, `sysvinit script, start sequence ${start}, stop sequence ${stop}`)}`,
      '',
    ].map((line) => line.trimEnd());
    const file = `init.d/${name}`;
    const initDir =
      unit.containerProperties.initDir ?? (unit.privileged ? '/etc/init.d' : `${unit.dirs.state}/init.d`);
    const rcDir = unit.containerProperties.rcDir ?? (unit.privileged ? '/etc' : `${unit.dirs.state}/rc`);
    const two = (n: number) => String(n).padStart(2, '0');
    const install: InstallLink[] = [
      { at: `${initDir}/${name}`, file },
      ...startLevels.map((l) => ({ at: `${rcDir}/rc${l}.d/S${two(start)}${name}`, file })),
      ...stopLevels.map((l) => ({ at: `${rcDir}/rc${l}.d/K${two(stop)}${name}`, file })),
    ];
    return {
      files: [{ path: file, content: controlScript(unit, header), mode: 0o755 }],
      install,
      setup: [...accountSetup(unit), ...ownDirsSetup(unit)],
      commands: controlScriptCommands(unit, `${unit.unitDir}/${file}`),
    };
  },
};

function runlevels(unit: UnitSpec, value: unknown): number[] {
  if (value === undefined) return DEFAULT_RUNLEVELS;
  const levels = Array.isArray(value) ? value.map(Number) : [];
  if (levels.length === 0 || levels.some((l) => !Number.isInteger(l) || l < 0 || l > 6)) {
    throw new RenderError(
      unit.service,
      ['process', 'overrides', MANAGER, 'runlevels'],
      MANAGER,
      'it is not a list of runlevels 0..6',
    );
  }
  return [...new Set(levels)].sort();
}
