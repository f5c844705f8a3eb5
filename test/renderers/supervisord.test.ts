import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { supervisordPaths } from '../../renderers/supervisord.ts';
import { targetDirs } from '../../controller/core/units.ts';
import { isAlive, waitFor } from '../helpers/local-target.ts';
import { conformanceSuite } from './conformance.ts';

const exec = promisify(execFile);
const file = (rendered: { files: { path: string; content: string }[] }) =>
  rendered.files.find((f) => f.path === 'supervisord.conf')!.content;

conformanceSuite({
  manager: 'supervisord',
  // The units' setup started drover's own supervisord for the target.
  async shutdown(target) {
    const { config } = supervisordPaths({ dirs: targetDirs(target.stateDir), containerProperties: {} });
    const pid = Number(
      (await exec('supervisorctl', ['-c', config, 'pid']).catch(() => ({ stdout: '' }))).stdout,
    );
    if (!(pid > 0)) return;
    await exec('supervisorctl', ['-c', config, 'shutdown']);
    await waitFor('supervisord to exit', () => (isAlive(pid) ? undefined : true));
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
