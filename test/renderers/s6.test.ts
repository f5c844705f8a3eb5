import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { s6ScanDir } from '../../renderers/s6.ts';
import type { RenderedUnit } from '../../renderers/types.ts';
import { waitFor } from '../helpers/local-target.ts';
import { conformanceSuite } from './conformance.ts';

const exec = promisify(execFile);
const content = (rendered: RenderedUnit, path: string) =>
  rendered.files.find((f) => f.path === path)?.content;

function pidFromFile(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8')) || undefined;
  } catch {
    return undefined;
  }
}

conformanceSuite({
  manager: 's6',
  // The units' setup started s6-svscan on the target's scan directory.
  async shutdown(target) {
    const scanDir = `${target.stateDir}/s6/scan`;
    const answers = () =>
      exec('s6-svscanctl', ['-a', scanDir]).then(
        () => true,
        () => false,
      );
    if (!(await answers())) return;
    await exec('s6-svscanctl', ['-t', scanDir]);
    await waitFor('s6-svscan to exit', async () => ((await answers()) ? undefined : true));
  },
  async pidOf(unit) {
    const dir = `${s6ScanDir(unit.spec)}/${unit.service}`;
    if (unit.rendered!.files.some((f) => f.path.endsWith('/up')))
      return pidFromFile(unit.spec.process!.pidFile);
    const out = await exec('s6-svstat', ['-o', 'pid', dir]).catch(() => undefined);
    const pid = Number(out?.stdout.trim());
    return pid > 0 ? pid : undefined;
  },
  logOf: (unit) => `${unit.spec.dirs.log}/${unit.service}/current`,
  ordering(dependent, dependency) {
    if (content(dependent, `s6/dependent/dependencies.d/${dependency}`) === undefined) {
      throw new Error(`no dependencies.d/${dependency}`);
    }
  },
  switchesUser: (rendered) =>
    /setpriv --reuid=nobody --regid=nogroup/.test(content(rendered, 's6/probe/run') ?? ''),
  override: {
    value: { log: false },
    applied: (rendered) => content(rendered, 's6/probe/log/run') === undefined,
  },
});
