import { existsSync, readFileSync } from 'node:fs';
import type { RenderedUnit } from '../../renderers/types.ts';
import { conformanceSuite } from './conformance.ts';

const ctl = (rendered: RenderedUnit) => rendered.files.find((f) => f.path === 'ctl')!.content;

conformanceSuite({
  manager: 'process',
  pidOf(unit) {
    const path = unit.spec.process!.pidFile;
    return existsSync(path) ? Number(readFileSync(path, 'utf8')) || undefined : undefined;
  },
  managesPidFile: true,
  logOf: (unit) => `${unit.spec.dirs.log}/${unit.service}.log`,
  ordering: { notApplicable: 'there is no manager: drover starts units in dependency order itself' },
  switchesUser: (rendered) => /setpriv --reuid=nobody --regid=nogroup/.test(ctl(rendered)),
  override: { notApplicable: 'there is no manager configuration to override' },
});
