import type { RenderedUnit } from '../../renderers/types.ts';
import type { Unit } from '../../controller/core/units.ts';
import { observeLauncher } from '../helpers/local-target.ts';
import { conformanceSuite } from './conformance.ts';

const rcScript = (rendered: RenderedUnit) => rendered.files.find((f) => f.path.startsWith('rc.d/'))!.content;

conformanceSuite({
  manager: 'bsdrc',
  notRunHere: 'no rc.subr on Linux; the launcher rc.subr starts is run with sh',
  async readBack(unit: Unit) {
    const launcher = unit.rendered!.files.find((f) => f.path === 'run')!;
    return observeLauncher(launcher.content, unit.spec.process!.command!);
  },
  verify: {
    tool: 'a check of the rc.d keywords (PROVIDE, REQUIRE, KEYWORD) and rc.subr use',
    check(units) {
      for (const unit of units) {
        const text = rcScript(unit.rendered!);
        for (const pattern of [
          new RegExp(`^# PROVIDE: drover_${unit.service}$`, 'm'),
          /^# REQUIRE: LOGIN\b/m,
          /^# KEYWORD: shutdown$/m,
          /^\. \/etc\/rc\.subr$/m,
          new RegExp(`^name=drover_${unit.service}$`, 'm'),
          new RegExp(`^rcvar=drover_${unit.service}_enable$`, 'm'),
          /^run_rc_command "\$1"$/m,
        ]) {
          if (!pattern.test(text)) throw new Error(`${unit.service}: no ${String(pattern)} in\n${text}`);
        }
      }
    },
  },
  ordering(dependent, dependency) {
    const text = rcScript(dependent);
    if (!new RegExp(`^# REQUIRE: LOGIN drover_${dependency}$`, 'm').test(text))
      throw new Error(`no REQUIRE:\n${text}`);
  },
  switchesUser: (rendered) => /^: "\$\{drover_probe_user:=nobody\}"$/m.test(rcScript(rendered)),
  override: {
    value: { sig_stop: 'INT' },
    applied: (rendered) => /^sig_stop=INT$/m.test(rcScript(rendered)),
  },
});
