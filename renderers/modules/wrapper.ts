/**
 * The `wrapper` activation module: the package's own `bin/wrapper activate` and `deactivate`, with the
 * container's properties in its environment, as Dysnomia's wrapper type runs them. A marker under the
 * state dir says it is active (a wrapper has no status verb).
 */
import type { ManagerCommands, Renderer, RenderedUnit, UnitSpec } from '../types.ts';
import { noOverrides, packageOf } from './common.ts';

const WRAPPER = 'wrapper';

export const wrapper: Renderer<typeof WRAPPER> = {
  manager: WRAPPER,
  containerProperties: {},
  systemNames: (service) => [service],
  reservedNames: [],
  checkOverrides: noOverrides(WRAPPER),
  render(unit: UnitSpec): RenderedUnit {
    const script = `${packageOf(unit, WRAPPER)}/bin/wrapper`;
    // The container's properties as its environment (those whose names a shell variable can take).
    const environment = Object.entries(unit.containerProperties)
      .filter(([name]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      .map(([name, value]) => `${name}=${value}`);
    const run = (verb: string) => ['env', ...environment, script, verb];
    // What says it is active: its wrapper has no status verb.
    const marker = `${unit.dirs.state}/active/${unit.service}`;
    const commands: ManagerCommands = {
      start: [run('activate'), ['mkdir', '-p', `${unit.dirs.state}/active`], ['touch', marker]],
      stop: [run('deactivate'), ['rm', '-f', marker]],
      status: [['test', '-e', marker]],
      logs: [['true']],
    };
    return { files: [], install: [], setup: [], commands };
  },
};
