/**
 * The `nginx-webapplication` activation module: a web application served by the nginx its container
 * names. Its package is the document root, served under `/<service>/` by a location file linked into the
 * container's `configDir` (which that nginx includes); activating and deactivating reload that nginx
 * gracefully (SIGHUP to the master in `pidFile`): requests in flight finish, nothing restarts, and the
 * command returns once every new connection gets the new configuration.
 */
import {
  RenderError,
  type ManagerCommands,
  type Renderer,
  type RenderedUnit,
  type UnitSpec,
} from '../types.ts';
import { noOverrides, packageOf } from './common.ts';

const MANAGER = 'nginx-webapplication';

/**
 * Tells the nginx whose master's PID is in `$1` to reload its configuration, and waits (10 s at most)
 * until its former workers are gone: from then on, every new connection finds the new configuration.
 * A worker still finishing a long request lets it go on: the new workers already take new connections.
 */
const RELOAD = [
  'master=$(cat "$1") || exit 1',
  'former=$(pgrep -P "$master")',
  'kill -HUP "$master" || exit 1',
  'i=0',
  'while [ $i -lt 100 ]; do',
  '  left=; for w in $former; do ! kill -0 "$w" 2>/dev/null || left=1; done',
  '  [ -n "$left" ] || exit 0',
  '  sleep 0.1; i=$((i + 1))',
  'done',
].join('\n');

export const nginxWebapplication: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: { configDir: 'absolutePath', pidFile: 'absolutePath' },
  systemNames: (service) => [service],
  reservedNames: [],
  checkOverrides: noOverrides(MANAGER),
  render(unit: UnitSpec): RenderedUnit {
    const root = packageOf(unit, MANAGER);
    const { configDir, pidFile } = unit.containerProperties;
    if (configDir === undefined || pidFile === undefined)
      throw new RenderError(
        unit.service,
        ['type'],
        MANAGER,
        `its container '${unit.container}' needs the properties configDir and pidFile (absolute paths)`,
      );
    if (/["\\\n;{}]/.test(root))
      throw new RenderError(
        unit.service,
        ['package'],
        MANAGER,
        'nginx cannot name its folder in a configuration',
      );
    const link = `${configDir}/${unit.service}.conf`;
    const reload = ['sh', '-c', RELOAD, 'sh', pidFile];
    const commands: ManagerCommands = {
      start: [reload],
      // Out of the configuration first, then reloaded: the engine's own removal of the link comes later.
      stop: [['rm', '-f', link], reload],
      status: [['sh', '-c', '[ "$(readlink "$1")" = "$2" ]', 'sh', link, `${unit.unitDir}/location.conf`]],
      logs: [['cat', link]],
    };
    return {
      files: [
        {
          path: 'location.conf',
          content: `# ${unit.service}, served by drover's nginx-webapplication module\nlocation /${unit.service}/ {\n    alias "${root}/";\n}\n`,
          mode: 0o644,
        },
      ],
      install: [{ at: link, file: 'location.conf' }],
      setup: [],
      commands,
    };
  },
};
