import { existsSync, readFileSync } from 'node:fs';
import type { RenderedUnit } from '../../renderers/types.ts';
import { conformanceSuite } from './conformance.ts';

const script = (rendered: RenderedUnit) => rendered.files.find((f) => f.path.startsWith('init.d/'))!.content;

conformanceSuite({
  manager: 'sysvinit',
  // The script manages the PID file itself: it exists while the program runs.
  pidOf(unit) {
    const path = unit.spec.process!.pidFile;
    return existsSync(path) ? Number(readFileSync(path, 'utf8')) || undefined : undefined;
  },
  managesPidFile: true,
  logOf: (unit) => `${unit.spec.dirs.log}/${unit.service}.log`,
  ordering(dependent, dependency) {
    const text = script(dependent);
    if (!new RegExp(`^# Should-Start: +drover-${dependency}$`, 'm').test(text))
      throw new Error(`no Should-Start:\n${text}`);
    if (!dependent.install.some((l) => /\/rc3\.d\/S02drover-dependent$/.test(l.at)))
      throw new Error('not S02 in rc3.d');
    if (!dependent.install.some((l) => /\/rc0\.d\/K97drover-dependent$/.test(l.at)))
      throw new Error('not K97 in rc0.d');
  },
  switchesUser: (rendered) => /setpriv --reuid=nobody --regid=nogroup/.test(script(rendered)),
  override: {
    value: { runlevels: [3, 5] },
    applied: (rendered) =>
      /^# Default-Start: +3 5$/m.test(script(rendered)) &&
      /^# Default-Stop: +0 1 2 4 6$/m.test(script(rendered)),
  },
});
