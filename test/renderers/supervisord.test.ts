import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { supervisordMainConfig, supervisordPaths } from '../../renderers/supervisord.ts';
import { targetDirs } from '../../controller/units.ts';
import { isAlive, waitFor } from '../helpers/local-target.ts';
import { conformanceSuite } from './conformance.ts';

const exec = promisify(execFile);
const file = (rendered: { files: { path: string; content: string }[] }) =>
  rendered.files.find((f) => f.path === 'supervisord.conf')!.content;

conformanceSuite({
  manager: 'supervisord',
  async host(target) {
    const dirs = targetDirs(target.stateDir);
    const { config, includeDir } = supervisordPaths({ dirs, containerProperties: {} });
    mkdirSync(includeDir, { recursive: true });
    writeFileSync(config, supervisordMainConfig(dirs));
    await exec('supervisord', ['-c', config]);
    const pid = await waitFor('supervisord', async () => {
      const out = await exec('supervisorctl', ['-c', config, 'pid']).catch(() => undefined);
      return out && /^\d+$/.test(out.stdout.trim()) ? Number(out.stdout) : undefined;
    });
    return async () => {
      await exec('supervisorctl', ['-c', config, 'shutdown']);
      await waitFor('supervisord to exit', () => (isAlive(pid) ? undefined : true));
    };
  },
  async pidOf(unit, target) {
    const { config } = supervisordPaths({ dirs: targetDirs(target.stateDir), containerProperties: {} });
    const out = await exec('supervisorctl', ['-c', config, 'pid', unit.service]).catch(() => undefined);
    const pid = Number(out?.stdout.trim());
    return pid > 0 ? pid : undefined;
  },
  logOf: (unit) => `${unit.spec.dirs.log}/${unit.service}.log`,
  ordering(dependent) {
    if (!/^priority=2$/m.test(file(dependent))) throw new Error(`priority is not 2:\n${file(dependent)}`);
  },
  switchesUser: (rendered) => /^user=nobody$/m.test(file(rendered)),
  override: {
    value: { startsecs: 5, stopsignal: 'INT' },
    applied: (rendered) => /^startsecs=5$/m.test(file(rendered)) && /^stopsignal=INT$/m.test(file(rendered)),
  },
});
