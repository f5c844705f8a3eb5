import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RenderedUnit } from '../../renderers/types.ts';
import { conformanceSuite } from './conformance.ts';

const exec = promisify(execFile);
const unitFile = (rendered: RenderedUnit) => rendered.files.find((f) => f.path.endsWith('.service'))!.content;

conformanceSuite({
  manager: 'systemd',
  notRunHere: 'systemd is not PID 1 on the test machine',
  verify: {
    tool: 'systemd-analyze verify',
    async check(units, dir) {
      const paths = units.map((u) => {
        const file = u.rendered!.files.find((f) => f.path.endsWith('.service'))!;
        const path = join(dir, file.path);
        writeFileSync(path, unitFile(u.rendered!));
        return path;
      });
      const { stderr } = await exec('systemd-analyze', ['verify', '--man=no', ...paths]);
      if (stderr.trim() !== '') throw new Error(`systemd-analyze verify complained:\n${stderr}`);
    },
  },
  ordering(dependent, dependency) {
    const text = unitFile(dependent);
    for (const key of ['Wants', 'After']) {
      if (!text.includes(`\n${key}=drover-${dependency}.service\n`))
        throw new Error(`no ${key}=drover-${dependency}.service:\n${text}`);
    }
  },
  switchesUser: (rendered) =>
    /^User=nobody$/m.test(unitFile(rendered)) && /^Group=nogroup$/m.test(unitFile(rendered)),
  override: {
    value: { Service: { Restart: 'always', RestartSec: 2 } },
    applied: (rendered) =>
      /^Restart=always$/m.test(unitFile(rendered)) &&
      !/^Restart=on-failure$/m.test(unitFile(rendered)) &&
      /^RestartSec=2$/m.test(unitFile(rendered)),
  },
  refuses: { option: { directory: '/srv/a\nb' }, field: 'process.directory: it contains a line break' },
});
