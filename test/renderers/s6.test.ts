import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { s6ScanDir } from '../../renderers/s6.ts';
import type { RenderedUnit } from '../../renderers/types.ts';
import { isAlive, waitFor } from '../helpers/local-target.ts';
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
  async host(target) {
    const scanDir = `${target.stateDir}/s6/scan`;
    mkdirSync(scanDir, { recursive: true });
    const svscan = spawn('s6-svscan', [scanDir], { stdio: 'ignore', detached: true });
    const pid = svscan.pid!;
    await waitFor('s6-svscan', async () =>
      (await exec('s6-svscanctl', ['-a', scanDir]).catch(() => undefined)) ? true : undefined,
    );
    return async () => {
      await exec('s6-svscanctl', ['-t', scanDir]).catch(() => undefined);
      await waitFor('s6-svscan to exit', () => (isAlive(pid) ? undefined : true));
    };
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
