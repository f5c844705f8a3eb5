/**
 * 'process': no manager at all. drover runs the program itself through the control script: a
 * self-daemonising program writes its PID file, a foreground-only one is put in the background.
 */
import { accountSetup } from './accounts.ts';
import { controlScript, controlScriptCommands, generatedBy } from './shell.ts';
import type { Renderer, RenderedUnit, UnitSpec } from './types.ts';
import { requireExpressible } from './values.ts';

const MANAGER = 'process';

export const processRenderer: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: {},
  render(unit: UnitSpec): RenderedUnit {
    requireExpressible(unit, MANAGER);
    return {
      files: [
        {
          path: 'ctl',
          content: controlScript(unit, [`# ${generatedBy(unit, 'control script')}`]),
          mode: 0o755,
        },
      ],
      install: [],
      setup: accountSetup(unit),
      commands: controlScriptCommands(unit, `${unit.unitDir}/ctl`),
    };
  },
};
