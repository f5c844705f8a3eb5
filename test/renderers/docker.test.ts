import { parse } from 'yaml';
import type { RenderedUnit } from '../../renderers/types.ts';
import type { Unit } from '../../controller/core/units.ts';
import { observeLauncher } from '../helpers/local-target.ts';
import { conformanceSuite } from './conformance.ts';

const composeFile = (rendered: RenderedUnit) =>
  rendered.files.find((f) => f.path === 'compose.yaml')!.content;

interface ComposeService {
  entrypoint: string[];
  environment?: Record<string, string>;
  working_dir?: string;
  user?: string;
  restart?: string;
}

/** The one service of a rendered compose file, with compose's `$$` turned back into `$`. */
function service(rendered: RenderedUnit, name: string): ComposeService {
  const compose = parse(composeFile(rendered)) as { services: Record<string, ComposeService> };
  const unescape = (value: string) => value.replaceAll('$$', '$');
  const s = compose.services[name]!;
  return {
    ...s,
    entrypoint: s.entrypoint.map(unescape),
    environment: Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, unescape(v)])),
    working_dir: s.working_dir && unescape(s.working_dir),
  };
}

conformanceSuite({
  manager: 'docker',
  notRunHere: 'no Docker daemon here; the compose file is parsed as YAML, undoing compose interpolation ($$)',
  async readBack(unit: Unit) {
    const s = service(unit.rendered!, unit.service);
    const launcher = unit.rendered!.files.find((f) => f.path === 'run');
    // With a umask or nice, the entrypoint is a launcher that sets them: run it and see what it execs.
    const observed = launcher
      ? await observeLauncher(launcher.content, unit.spec.process!.command!, s.environment)
      : { argv: s.entrypoint, umask: '' };
    return {
      argv: observed.argv,
      environment: s.environment ?? {},
      cwd: s.working_dir ?? '',
      umask: observed.umask,
    };
  },
  ordering: { notApplicable: 'one compose project per unit: drover starts units in dependency order' },
  switchesUser: (rendered) => service(rendered, 'probe').user === 'nobody',
  override: {
    value: { restart: 'always', mem_limit: '256m' },
    applied: (rendered) => {
      const s = service(rendered, 'probe') as ComposeService & { mem_limit?: string };
      return s.restart === 'always' && s.mem_limit === '256m';
    },
  },
});
