import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { RenderedUnit } from '../../renderers/types.ts';
import type { Unit } from '../../controller/core/units.ts';
import { conformanceSuite } from './conformance.ts';

const exec = promisify(execFile);
const plistFile = (rendered: RenderedUnit) => rendered.files.find((f) => f.path.endsWith('.plist'))!.content;

/** Parses a property list with Python's plistlib, the reference reader available here. */
async function parsePlist(text: string): Promise<Record<string, unknown>> {
  const child = exec('python3', [
    '-c',
    'import json, plistlib, sys; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))',
  ]);
  child.child.stdin!.end(text);
  return JSON.parse((await child).stdout) as Record<string, unknown>;
}

const REQUIRED_KEYS = [
  'Label',
  'ProgramArguments',
  'RunAtLoad',
  'KeepAlive',
  'StandardOutPath',
  'StandardErrorPath',
];

conformanceSuite({
  manager: 'launchd',
  notRunHere: 'no launchd on Linux; the property list is parsed with plistlib',
  async readBack(unit: Unit) {
    const plist = await parsePlist(plistFile(unit.rendered!));
    return {
      argv: plist.ProgramArguments as string[],
      environment: plist.EnvironmentVariables as Record<string, string>,
      cwd: plist.WorkingDirectory as string,
      umask: (plist.Umask as number).toString(8).padStart(4, '0'),
    };
  },
  verify: {
    tool: "Python's plistlib",
    async check(units) {
      for (const unit of units) {
        const plist = await parsePlist(plistFile(unit.rendered!));
        for (const key of REQUIRED_KEYS) if (!(key in plist)) throw new Error(`${unit.service}: no ${key}`);
        if (plist.Label !== `dev.drover.${unit.service}`)
          throw new Error(`${unit.service}: Label ${String(plist.Label)}`);
      }
    },
  },
  ordering: {
    notApplicable: 'launchd has no dependencies between jobs: drover starts units in dependency order',
  },
  switchesUser: (rendered) => plistFile(rendered).includes('<key>UserName</key>\n  <string>nobody</string>'),
  override: {
    value: { KeepAlive: { SuccessfulExit: false }, ThrottleInterval: 5 },
    applied: (rendered) =>
      plistFile(rendered).includes(
        '<key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>',
      ) && plistFile(rendered).includes('<key>ThrottleInterval</key>\n  <integer>5</integer>'),
  },
  refuses: {
    option: { value: 'bell \u0007' },
    field: 'process.environment.ODD: it contains the control character U+0007',
  },
});
