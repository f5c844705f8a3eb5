/**
 * systemd: one service unit. systemd's own quoting can carry every value (C escapes inside double
 * quotes, `$$` and `%%` against expansion), so the unit holds the command, environment, user, directory,
 * umask and nice itself. A self-daemonising program without a foreground form gets Type=forking.
 */
import { accountSetup, ownDirsSetup } from './accounts.ts';
import { generatedBy, programOf } from './shell.ts';
import {
  RenderError,
  type OverrideProblem,
  type Renderer,
  type RenderedUnit,
  type UnitSpec,
} from './types.ts';
import {
  checkFlatOverrides,
  keyProblem,
  lineProblem,
  overridesFor,
  requireExpressible,
  type FieldValue,
} from './values.ts';

const MANAGER = 'systemd';

type Section = Map<string, string[]>;

/** The unit file name systemd knows a unit by (prefixed, so as never to replace a unit of the system's). */
function systemdUnitName(service: string): string {
  return `drover-${service}.service`;
}

export const systemd: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: {},
  systemNames: (service) => [systemdUnitName(service)],
  reservedNames: [],
  checkOverrides,
  render(unit: UnitSpec): RenderedUnit {
    requireExpressible(unit, MANAGER, pathProblem);
    const process = unit.process!;
    const program = programOf(process, 'foreground');
    const sections = new Map<string, Section>([
      ['Unit', new Map()],
      ['Service', new Map()],
      ['Install', new Map()],
    ]);
    const set = (section: string, key: string, ...values: string[]) => {
      const s = sections.get(section) ?? new Map<string, string[]>();
      sections.set(section, s);
      s.set(key, values);
    };

    if (unit.description !== undefined)
      set('Unit', 'Description', specifierSafe(unit.description.replace(/\s+/g, ' ')));
    const deps = unit.localDependencies.map(systemdUnitName);
    if (deps.length > 0) {
      set('Unit', 'Wants', deps.join(' '));
      set('Unit', 'After', deps.join(' '));
    }
    if (program.form === 'foreground') {
      set('Service', 'Type', 'simple');
    } else {
      set('Service', 'Type', 'forking');
      set('Service', 'PIDFile', specifierSafe(process.pidFile));
    }
    set('Service', 'ExecStart', program.argv.map(execWord).join(' '));
    const environment = Object.entries(process.environment).map(([k, v]) => quoted(`${k}=${v}`, false));
    if (environment.length > 0) set('Service', 'Environment', ...environment);
    if (process.directory !== undefined) set('Service', 'WorkingDirectory', specifierSafe(process.directory));
    if (unit.privileged && process.user !== undefined) set('Service', 'User', process.user);
    if (unit.privileged && process.group !== undefined) set('Service', 'Group', process.group);
    if (process.umask !== undefined) set('Service', 'UMask', process.umask);
    if (process.nice !== undefined) set('Service', 'Nice', String(process.nice));
    set('Service', 'Restart', 'on-failure');
    set('Install', 'WantedBy', unit.privileged ? 'multi-user.target' : 'default.target');
    applyOverrides(unit, sections);

    const lines = [`# ${generatedBy(unit, 'systemd unit')}`];
    for (const [name, entries] of sections) {
      if (entries.size === 0) continue;
      lines.push('', `[${name}]`);
      for (const [key, values] of entries) for (const value of values) lines.push(`${key}=${value}`);
    }
    const file = systemdUnitName(unit.service);
    const systemctl = unit.privileged ? ['systemctl'] : ['systemctl', '--user'];
    return {
      files: [{ path: file, content: `${lines.join('\n')}\n`, mode: 0o644 }],
      install: [],
      setup: [...accountSetup(unit), ...ownDirsSetup(unit)],
      commands: {
        // `enable PATH` links the unit into systemd's search path and enables it for boot.
        start: [
          [...systemctl, 'enable', `${unit.unitDir}/${file}`],
          [...systemctl, 'start', file],
        ],
        stop: [
          [...systemctl, 'stop', file],
          [...systemctl, 'disable', file],
        ],
        reload: [[...systemctl, 'kill', '--signal=HUP', file]],
        status: [[...systemctl, 'is-active', '--quiet', file]],
        logs: [
          [
            'journalctl',
            ...(unit.privileged ? [] : ['--user']),
            '--unit',
            file,
            '--lines',
            '20',
            '--no-pager',
          ],
        ],
      },
    };
  },
};

/** Settings systemd reads verbatim (no quoting): one line, no surrounding blanks, absolute. */
function pathProblem({ field, value }: FieldValue): string | undefined {
  const verbatim = field[1] === 'directory' || field[1] === 'pidFile';
  if (!verbatim) return undefined;
  if (/[\n\r]/.test(value)) return 'it contains a line break';
  if (!value.startsWith('/')) return 'it is not an absolute path';
  if (value !== value.trim()) return 'it has leading or trailing blanks';
  return undefined;
}

/** `%` starts a specifier in almost every setting. */
function specifierSafe(value: string): string {
  return value.replaceAll('%', '%%');
}

/** One ExecStart word: a lone `;` separates commands, so it is escaped; `$` would be expanded. */
function execWord(word: string): string {
  return word === ';' ? '\\;' : quoted(word, true);
}

/** A double-quoted systemd string with C escapes; `$` doubled where systemd expands variables. */
function quoted(value: string, expandsVariables: boolean): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (ch === '%') out += '%%';
    else if (ch === '$' && expandsVariables) out += '$$';
    else out += ch;
  }
  return `"${out}"`;
}

const SECTION = {
  pattern: /^[A-Za-z][A-Za-z0-9-]*$/,
  problem: 'is not a systemd section name ([A-Za-z][A-Za-z0-9-]*)',
};
const SETTING = {
  pattern: /^(?:[A-Za-z][A-Za-z0-9]*|X-[A-Za-z0-9-]+)$/,
  problem: 'is not a systemd setting name ([A-Za-z][A-Za-z0-9]*, or X- and a name)',
};

/** One line of a unit file; a trailing backslash would continue it with drover's next line. */
function settingProblem(value: string): string | undefined {
  return (
    lineProblem(value) ??
    (value.endsWith('\\') ? 'it ends with a backslash, which would join it to the next line' : undefined)
  );
}

/** Section names and setting names a unit file can hold, with values on one line each. */
function checkOverrides(overrides: Readonly<Record<string, unknown>>): OverrideProblem[] {
  const problems: OverrideProblem[] = [];
  for (const [section, entries] of Object.entries(overrides)) {
    const bad = keyProblem([], section, SECTION);
    if (bad) problems.push(bad);
    else if (entries !== null && typeof entries === 'object' && !Array.isArray(entries)) {
      problems.push(
        ...checkFlatOverrides(entries as Record<string, unknown>, SETTING, settingProblem, [section]),
      );
    }
  }
  return problems;
}

/** `overrides.systemd`: `{ Section: { Key: value | [values] | null } }`, merged last. */
function applyOverrides(unit: UnitSpec, sections: Map<string, Section>): void {
  for (const [sectionName, entries] of Object.entries(overridesFor(unit, MANAGER, checkOverrides))) {
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) {
      throw new RenderError(
        unit.service,
        ['process', 'overrides', MANAGER, sectionName],
        MANAGER,
        'it is not a section (a map of settings)',
      );
    }
    const section = sections.get(sectionName) ?? new Map<string, string[]>();
    sections.set(sectionName, section);
    for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
      if (value === null) {
        section.delete(key);
        continue;
      }
      const values = (Array.isArray(value) ? value : [value]).map(String);
      // checkOverrides saw the strings; this catches what String() makes of anything else (a nested list).
      const problem = values.map(settingProblem).find((p) => p !== undefined);
      if (problem !== undefined) {
        throw new RenderError(
          unit.service,
          ['process', 'overrides', MANAGER, sectionName, key],
          MANAGER,
          problem,
        );
      }
      section.set(key, values);
    }
  }
}
