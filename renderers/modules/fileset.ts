/**
 * The `fileset` activation module: the service's package put in place as `<directory>/<service>`,
 * atomically (a link to its store entry, replaced in one rename), `directory` being a property of its
 * container. Deactivating removes the link; the files stay in the store until gc.
 */
import {
  RenderError,
  type ManagerCommands,
  type Renderer,
  type RenderedUnit,
  type UnitSpec,
} from '../types.ts';
import { noOverrides, packageOf } from './common.ts';

const FILESET = 'fileset';

export const fileset: Renderer<typeof FILESET> = {
  manager: FILESET,
  containerProperties: { directory: 'absolutePath' },
  systemNames: (service) => [service],
  reservedNames: [],
  checkOverrides: noOverrides(FILESET),
  render(unit: UnitSpec): RenderedUnit {
    const source = packageOf(unit, FILESET);
    const directory = unit.containerProperties.directory;
    if (directory === undefined || !directory.startsWith('/'))
      throw new RenderError(
        unit.service,
        ['type'],
        FILESET,
        `its container '${unit.container}' needs a property directory, an absolute path`,
      );
    const link = `${directory}/${unit.service}`;
    const commands: ManagerCommands = {
      // A new link beside the old one, renamed over it: readers see the old files or the new, never none.
      start: [
        ['mkdir', '-p', directory],
        ['ln', '-sfn', source, `${link}.new`],
        ['mv', '-Tf', `${link}.new`, link],
      ],
      stop: [['rm', '-f', link]],
      status: [['sh', '-c', '[ "$(readlink "$1")" = "$2" ]', 'sh', link, source]],
      logs: [['ls', '-l', link]],
    };
    return { files: [], install: [], setup: [], commands };
  },
};
