/**
 * 'process': no manager at all. drover runs the program itself through the control script: a
 * self-daemonising program writes its PID file, a foreground-only one is put in the background.
 */
import { accountSetup, ownDirsSetup } from './accounts.ts';
import { controlScript, controlScriptCommands, generatedBy } from './shell.ts';
import type { OverrideProblem, Renderer, RenderedUnit, UnitSpec } from './types.ts';
import { checkFlatOverrides, knownKeys, overridesFor, requireExpressible } from './values.ts';

const MANAGER = 'process';

/** There is no manager configuration: no setting to override. */
function checkOverrides(overrides: Readonly<Record<string, unknown>>): OverrideProblem[] {
  return checkFlatOverrides(overrides, knownKeys(MANAGER, []));
}

export const processRenderer: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: {},
  // No manager keeps a list of units: the unit folder, PID file and log are named after the service.
  systemNames: (service) => [service],
  reservedNames: [],
  checkOverrides,
  render(unit: UnitSpec): RenderedUnit {
    requireExpressible(unit, MANAGER);
    overridesFor(unit, MANAGER, checkOverrides);
    return {
      files: [
        {
          path: 'ctl',
          content: controlScript(unit, [`# ${generatedBy(unit, 'control script')}`]),
          mode: 0o755,
        },
      ],
      install: [],
      setup: [...accountSetup(unit), ...ownDirsSetup(unit)],
      commands: controlScriptCommands(unit, `${unit.unitDir}/ctl`),
    };
  },
};
