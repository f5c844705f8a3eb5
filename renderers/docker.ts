/**
 * docker: a compose file with one service. The program runs from the target's store, mounted read-only
 * at the same path, in an image chosen by the container property `image`; host networking, so that
 * ports from the pools mean the same inside and out. Compose interpolates `$` in every value, so it is
 * doubled; everything else is carried exactly by YAML. A self-daemonising program without a foreground
 * form runs under the foreground proxy.
 */
import { stringify } from 'yaml';
import { ownDirsSetup } from './accounts.ts';
import { generatedBy, groupOf, launcherScript, NOTHING, programOf, proxyScript } from './shell.ts';
import type { OverrideProblem, RenderedFile, Renderer, RenderedUnit, UnitSpec } from './types.ts';
import { keyProblem, overridesFor, requireExpressible } from './values.ts';

const MANAGER = 'docker';
const DEFAULT_IMAGE = 'debian:bookworm-slim';

/** The container name of a service's unit. */
function dockerContainerName(service: string): string {
  return `drover-${service}`;
}

/** The compose project of a service's unit: compose takes lowercase letters, digits, '-' and '_' only. */
function composeProjectName(service: string): string {
  return `drover-${service.toLowerCase().replaceAll('.', '-')}`;
}

const SERVICE_KEY = {
  pattern: /^(?:[a-z][a-z0-9_]*|x-[A-Za-z0-9_.-]+)$/,
  problem: 'is not a compose service key ([a-z][a-z0-9_]*, or x- and a name)',
};

/** Keys of a compose service; YAML carries any value below them. */
function checkOverrides(overrides: Readonly<Record<string, unknown>>): OverrideProblem[] {
  return Object.keys(overrides).flatMap((key) => keyProblem([], key, SERVICE_KEY) ?? []);
}

export const docker: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: { image: 'string' },
  // The container and its compose project.
  systemNames: (service) => [...new Set([dockerContainerName(service), composeProjectName(service)])],
  reservedNames: [],
  checkOverrides,
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
    const service = new Map<string, unknown>([
      ['image', unit.containerProperties.image ?? DEFAULT_IMAGE],
      ['container_name', dockerContainerName(unit.service)],
      ['entrypoint', entrypoint.map(escapeDollars)],
      ['network_mode', 'host'],
      ['restart', 'unless-stopped'],
      ['init', true],
      [
        'volumes',
        [
          `${state}/store:${state}/store:ro`,
          `${state}/units:${state}/units:ro`,
          `${runtime}:${runtime}`,
          `${log}:${log}`,
          `${tmp}:${tmp}`,
        ],
      ],
    ]);
    if (Object.keys(process.environment).length > 0) {
      service.set(
        'environment',
        Object.fromEntries(Object.entries(process.environment).map(([k, v]) => [k, escapeDollars(v)])),
      );
    }
    if (process.directory !== undefined) service.set('working_dir', escapeDollars(process.directory));
    // The image has none of the host's accounts: use the IDs from the pools when there are, else the name.
    let uid: number | undefined;
    let gid: number | undefined;
    if (unit.privileged && process.user !== undefined) {
      uid = process.credentials.users.find((u) => u.name === process.user)?.id;
      gid = process.credentials.groups.find((g) => g.name === groupOf(process))?.id;
      service.set(
        'user',
        uid === undefined ? process.user : gid === undefined ? String(uid) : `${uid}:${gid}`,
      );
    }
    for (const [key, value] of Object.entries(overridesFor(unit, MANAGER, checkOverrides))) {
      if (value === undefined || value === null) service.delete(key);
      else service.set(key, value);
    }

    const compose = {
      name: composeProjectName(unit.service),
      services: Object.fromEntries([[unit.service, Object.fromEntries(service)]]),
    };
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
      // The run folder is the user's only when the container runs with a numeric uid, as the host may not
      // know the user's name; owning it is what lets the process write there, whatever its group.
      setup: ownDirsSetup(unit, uid === undefined ? {} : { user: String(uid), group: String(gid ?? 0) }),
      commands: {
        start: [[...composeCommand, 'up', '--detach', '--wait']],
        stop: [[...composeCommand, 'down']],
        reload: [['docker', 'kill', '--signal', 'HUP', dockerContainerName(unit.service)]],
        logs: [['docker', 'logs', '--tail', '20', dockerContainerName(unit.service)]],
        status: [
          [
            'sh',
            '-c',
            'test "$(docker container inspect --format "{{.State.Running}}" "$1" 2>/dev/null)" = true',
            'sh',
            dockerContainerName(unit.service),
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
