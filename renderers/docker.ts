/**
 * docker: a compose file with one service. The program runs from the target's store, mounted read-only
 * at the same path, in an image chosen by the container property `image`; host networking, so that
 * ports from the pools mean the same inside and out. Compose interpolates `$` in every value, so it is
 * doubled; everything else is carried exactly by YAML. A self-daemonising program without a foreground
 * form runs under the foreground proxy.
 */
import { stringify } from 'yaml';
import { generatedBy, groupOf, launcherScript, NOTHING, programOf, proxyScript } from './shell.ts';
import type { RenderedFile, Renderer, RenderedUnit, UnitSpec } from './types.ts';
import { overridesFor, requireExpressible } from './values.ts';

const MANAGER = 'docker';
const DEFAULT_IMAGE = 'debian:bookworm-slim';

/** The container name of a unit. */
function dockerContainerName(unit: UnitSpec): string {
  return `drover-${unit.service}`;
}

export const docker: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: { image: 'string' },
  render(unit: UnitSpec): RenderedUnit {
    requireExpressible(unit, MANAGER);
    const process = unit.process!;
    const program = programOf(process, 'foreground');
    const files: RenderedFile[] = [];
    // Compose has no umask or nice: a launcher sets them when the service asks for them.
    const options = { ...NOTHING, umask: true, nice: true };
    let entrypoint = program.argv;
    if (program.form === 'daemon') {
      files.push({ path: 'proxy', content: proxyScript(unit, options), mode: 0o755 });
      entrypoint = ['/bin/sh', `${unit.unitDir}/proxy`];
    } else if (process.umask !== undefined || process.nice !== undefined) {
      files.push({ path: 'run', content: launcherScript(unit, program.argv, options), mode: 0o755 });
      entrypoint = ['/bin/sh', `${unit.unitDir}/run`];
    }
    const { state, runtime, log, tmp } = unit.dirs;
    const service: Record<string, unknown> = {
      image: unit.containerProperties.image ?? DEFAULT_IMAGE,
      container_name: dockerContainerName(unit),
      entrypoint: entrypoint.map(escapeDollars),
      network_mode: 'host',
      restart: 'unless-stopped',
      init: true,
      volumes: [
        `${state}/store:${state}/store:ro`,
        `${state}/units:${state}/units:ro`,
        `${runtime}:${runtime}`,
        `${log}:${log}`,
        `${tmp}:${tmp}`,
      ],
    };
    if (Object.keys(process.environment).length > 0) {
      service.environment = Object.fromEntries(
        Object.entries(process.environment).map(([k, v]) => [k, escapeDollars(v)]),
      );
    }
    if (process.directory !== undefined) service.working_dir = escapeDollars(process.directory);
    // The image has none of the host's accounts: use the IDs from the pools when there are, else the name.
    if (unit.privileged && process.user !== undefined) {
      const uid = process.credentials.users.find((u) => u.name === process.user)?.id;
      const gid = process.credentials.groups.find((g) => g.name === groupOf(process))?.id;
      service.user = uid === undefined ? process.user : gid === undefined ? String(uid) : `${uid}:${gid}`;
    }
    Object.assign(service, overridesFor(unit, MANAGER));
    for (const [key, value] of Object.entries(service))
      if (value === undefined || value === null) delete service[key];

    const compose = { name: dockerContainerName(unit), services: { [unit.service]: service } };
    const body = stringify(compose, { lineWidth: 0 });
    files.unshift({
      path: 'compose.yaml',
      content: `# ${generatedBy(unit, 'compose file')}\n${body}`,
      mode: 0o644,
    });
    const composeCommand = ['docker', 'compose', '-f', `${unit.unitDir}/compose.yaml`];
    return {
      files,
      install: [],
      setup: [],
      commands: {
        start: [[...composeCommand, 'up', '--detach', '--wait']],
        stop: [[...composeCommand, 'down']],
        reload: [['docker', 'kill', '--signal', 'HUP', dockerContainerName(unit)]],
        logs: [['docker', 'logs', '--tail', '20', dockerContainerName(unit)]],
        status: [
          [
            'sh',
            '-c',
            'test "$(docker container inspect --format "{{.State.Running}}" "$1" 2>/dev/null)" = true',
            'sh',
            dockerContainerName(unit),
          ],
        ],
      },
    };
  },
};

/** Compose interpolates `${VAR}` and `$VAR` in every string; `$$` is a literal `$`. */
function escapeDollars(value: string): string {
  return value.replaceAll('$', '$$$$');
}
