/**
 * 'process': no manager at all. drover runs the program itself through the control script: a
 * self-daemonising program writes its PID file, a foreground-only one is put in the background.
 */
import { accountSetup } from './accounts.ts';
import { controlScriptBody, generatedBy, script } from './shell.ts';
import type { Renderer, RenderedUnit, UnitSpec } from './types.ts';
import { logFileOf, requireExpressible } from './values.ts';

const MANAGER = 'process';

export const processRenderer: Renderer = {
  manager: MANAGER,
  render(unit: UnitSpec): RenderedUnit {
    requireExpressible(unit, MANAGER);
    const ctl = `${unit.unitDir}/ctl`;
    const run = (verb: string) => [['/bin/sh', ctl, verb]];
    return {
      files: [
        {
          path: 'ctl',
          content: script([
            `# ${generatedBy(unit, 'control script')}`,
            ...controlScriptBody(unit, logFileOf(unit)),
          ]),
          mode: 0o755,
        },
      ],
      install: [],
      setup: accountSetup(unit),
      commands: {
        start: run('start'),
        stop: run('stop'),
        reload: run('reload'),
        status: run('status'),
        logs: [['tail', '-n', '20', logFileOf(unit)]],
      },
    };
  },
};
