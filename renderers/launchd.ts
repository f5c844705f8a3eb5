/**
 * launchd: a property list (Label, ProgramArguments, EnvironmentVariables, WorkingDirectory, UserName,
 * Umask, Nice, KeepAlive, logs). XML carries every value except the control characters XML 1.0 forbids,
 * which are refused. A self-daemonising program without a foreground form runs under the foreground proxy.
 */
import { ownDirsSetup } from './accounts.ts';
import { generatedBy, NOTHING, programOf, proxyScript } from './shell.ts';
import {
  RenderError,
  type OverrideProblem,
  type RenderedFile,
  type Renderer,
  type RenderedUnit,
  type UnitSpec,
} from './types.ts';
import { keyProblem, logFileOf, overridesFor, requireExpressible, type FieldValue } from './values.ts';

const MANAGER = 'launchd';

/** The launchd label of a unit. */
function launchdLabel(unit: UnitSpec): string {
  return `dev.drover.${unit.service}`;
}

type Plist = string | number | boolean | Plist[] | { [key: string]: Plist };

export const launchd: Renderer<typeof MANAGER> = {
  manager: MANAGER,
  containerProperties: {},
  systemNames: (service) => [`dev.drover.${service}`],
  // Its plists are files in /Library/LaunchDaemons, on a file system that ignores case by default.
  namesIgnoreCase: true,
  reservedNames: [],
  checkOverrides,
  render(unit: UnitSpec): RenderedUnit {
    requireExpressible(unit, MANAGER, xmlProblem);
    const process = unit.process!;
    const program = programOf(process, 'foreground');
    const label = launchdLabel(unit);
    const files: RenderedFile[] = [];
    let programArguments = program.argv;
    if (program.form === 'daemon') {
      files.push({ path: 'proxy', content: proxyScript(unit, NOTHING), mode: 0o755 });
      programArguments = ['/bin/sh', `${unit.unitDir}/proxy`];
    }
    const plist = new Map<string, Plist>([
      ['Label', label],
      ['ProgramArguments', programArguments],
      ['RunAtLoad', true],
      ['KeepAlive', true],
      ['StandardOutPath', logFileOf(unit)],
      ['StandardErrorPath', logFileOf(unit)],
    ]);
    if (Object.keys(process.environment).length > 0) plist.set('EnvironmentVariables', process.environment);
    if (process.directory !== undefined) plist.set('WorkingDirectory', process.directory);
    if (unit.privileged && process.user !== undefined) plist.set('UserName', process.user);
    if (unit.privileged && process.group !== undefined) plist.set('GroupName', process.group);
    if (process.umask !== undefined) plist.set('Umask', parseInt(process.umask, 8));
    if (process.nice !== undefined) plist.set('Nice', process.nice);
    for (const [key, value] of Object.entries(overridesFor(unit, MANAGER, checkOverrides))) {
      if (value === null) plist.delete(key);
      else plist.set(key, toPlist(unit, ['process', 'overrides', MANAGER, key], value));
    }
    const file = `${label}.plist`;
    files.unshift({ path: file, content: plistDocument(unit, Object.fromEntries(plist)), mode: 0o644 });
    const path = `${unit.unitDir}/${file}`;
    return {
      files,
      install: [],
      // Accounts on macOS are made with dscl/sysadminctl, which drover does not drive: create them beforehand.
      setup: ownDirsSetup(unit),
      commands: {
        start: [['launchctl', 'load', '-w', path]],
        stop: [['launchctl', 'unload', '-w', path]],
        status: [['launchctl', 'list', label]],
        logs: [['tail', '-n', '20', logFileOf(unit)]],
      },
    };
  },
};

// XML 1.0 allows tab, newline and carriage return among the control characters, nothing else.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function xmlProblem({ value }: FieldValue): string | undefined {
  const bad = FORBIDDEN_IN_XML.exec(value);
  if (!bad) return undefined;
  const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `it contains the control character U+${code}, which a property list cannot hold`;
}

const TOP_LEVEL_KEY = {
  pattern: /^[A-Za-z0-9_.-]+$/,
  problem: 'is not a launchd property list key ([A-Za-z0-9_.-]+)',
};

/** Top-level keys launchd reads; below them any key and string XML can hold. */
function checkOverrides(overrides: Readonly<Record<string, unknown>>): OverrideProblem[] {
  const problems: OverrideProblem[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const reason = xmlProblem({ field: path, value });
      if (reason !== undefined) problems.push({ path, key: false, reason });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        const reason = xmlProblem({ field: path, value: key });
        if (reason !== undefined)
          problems.push({ path: [...path, key], key: true, reason: reason.replace(/^it /, '') });
        else walk(v, [...path, key]);
      }
    }
  };
  for (const [key, value] of Object.entries(overrides)) {
    const bad = keyProblem([], key, TOP_LEVEL_KEY);
    if (bad) problems.push(bad);
    else walk(value, [key]);
  }
  return problems;
}

function toPlist(unit: UnitSpec, field: (string | number)[], value: unknown): Plist {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v, i) => toPlist(unit, [...field, i], v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlist(unit, [...field, k], v)]));
  }
  throw new RenderError(unit.service, field, MANAGER, 'it has no property list form');
}

function plistDocument(unit: UnitSpec, plist: Record<string, Plist>): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    `<!-- ${generatedBy(unit, 'launchd property list').replaceAll('--', '- -')} -->`,
    '<plist version="1.0">',
    ...plistValue(plist, ''),
    '</plist>',
  ];
  return `${lines.join('\n')}\n`;
}

function plistValue(value: Plist, indent: string): string[] {
  if (typeof value === 'string') return [`${indent}<string>${xmlText(value)}</string>`];
  if (typeof value === 'boolean') return [`${indent}<${value}/>`];
  if (typeof value === 'number') {
    return [
      Number.isInteger(value) ? `${indent}<integer>${value}</integer>` : `${indent}<real>${value}</real>`,
    ];
  }
  if (Array.isArray(value)) {
    return [`${indent}<array>`, ...value.flatMap((v) => plistValue(v, `${indent}  `)), `${indent}</array>`];
  }
  return [
    `${indent}<dict>`,
    ...Object.entries(value).flatMap(([k, v]) => [
      `${indent}  <key>${xmlText(k)}</key>`,
      ...plistValue(v, `${indent}  `),
    ]),
    `${indent}</dict>`,
  ];
}

/** Escapes text for XML; a carriage return is written as a reference, or parsers would turn it into \n. */
function xmlText(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\r', '&#13;');
}
