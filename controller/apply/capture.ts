/**
 * `drover capture`: what each target is, found over its transport in one round trip (Disnix's
 * disnix-capture-infra): system, cores, memory, OS, the process managers present, whether systemd is
 * process 1, and the uids, gids and TCP ports in use. Written to captured.json in the models repository,
 * where templates, the scheduler and the ID pools read it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CapturedFile, CapturedTarget } from '../../schema/generated/captured.ts';
import { CAPTURED_FILE } from '../core/models/load.ts';
import { compareStrings } from '../core/problems.ts';
import type { TargetModel } from '../core/models/types.ts';
import { evaluateDirectory } from '../folder/models-folder.ts';
import { messageOf, runOnTarget, type DeployContext } from './deploy.ts';
import { deployContext } from './context.ts';
import { EXIT_INCOMPLETE, type TargetOptions } from './command.ts';

/** At most this many uids, gids or ports are kept of a target (a directory of accounts may be huge). */
const MAX_NUMBERS = 100_000;

/**
 * One line per finding. Local accounts only (/etc/passwd, /etc/group: a network directory could hang or be
 * huge); listening TCP ports from ss, else from /proc/net/tcp*.
 */
const CAPTURE = `
echo "SYSTEM $(uname -m)-$(uname -s | tr '[:upper:]' '[:lower:]')"
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null) && echo "CORES $cores"
if [ -r /proc/meminfo ]; then awk '/^MemTotal:/ { printf "MEMORY %.0f\\n", $2 * 1024 }' /proc/meminfo
else mem=$(sysctl -n hw.memsize 2>/dev/null || sysctl -n hw.physmem 2>/dev/null) && echo "MEMORY $mem"; fi
if [ -r /etc/os-release ]; then (. /etc/os-release && echo "OS \${PRETTY_NAME:-$NAME $VERSION_ID}")
else echo "OS $(uname -sr)"; fi
for m in supervisord:supervisord systemctl:systemd s6-svscan:s6 launchctl:launchd docker:docker; do
  command -v "\${m%%:*}" >/dev/null 2>&1 && echo "MANAGER \${m#*:}"
done
[ -d /etc/init.d ] && command -v start-stop-daemon >/dev/null 2>&1 && echo "MANAGER sysvinit"
[ -r /etc/rc.subr ] && echo "MANAGER bsdrc"
[ "$(cat /proc/1/comm 2>/dev/null)" = systemd ] && echo PID1-SYSTEMD
awk -F: '{ print "UID " $3 }' /etc/passwd 2>/dev/null
awk -F: '{ print "GID " $3 }' /etc/group 2>/dev/null
if command -v ss >/dev/null 2>&1; then ss -Hltn 2>/dev/null | awk '{ n = split($4, a, ":"); print "PORT " a[n] }'
else cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$4 == "0A" { split($2, a, ":"); print "PORT 0x" a[2] }'; fi
exit 0
`;

/** What one target said, at `time`. */
export async function captureTarget(target: TargetModel, context: DeployContext): Promise<CapturedTarget> {
  return parseCapture(
    await runOnTarget(target, context, 'capturing what the target is', CAPTURE),
    context.now(),
  );
}

/** The capture script's lines as a captured target. */
export function parseCapture(output: string, time: Date): CapturedTarget {
  const captured: CapturedTarget = { time: time.toISOString() };
  const managers = new Set<string>();
  const numbers = { UID: new Set<number>(), GID: new Set<number>(), PORT: new Set<number>() };
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ');
    const word = space < 0 ? line : line.slice(0, space);
    const rest = space < 0 ? '' : line.slice(space + 1).trim();
    const count = Number(rest);
    if (word === 'SYSTEM' && rest !== '') captured.system = rest;
    else if (word === 'CORES' && Number.isInteger(count) && count >= 1) captured.cores = count;
    else if (word === 'MEMORY' && Number.isSafeInteger(count) && count >= 0) captured.memory = count;
    else if (word === 'OS' && rest !== '') captured.os = rest;
    else if (word === 'MANAGER' && rest !== '') managers.add(rest);
    else if (word === 'PID1-SYSTEMD') captured.systemdPid1 = true;
    else if ((word === 'UID' || word === 'GID' || word === 'PORT') && rest !== '') {
      const n = Number(rest);
      if (Number.isInteger(n) && n >= 0 && n <= 0xffffffff && numbers[word].size < MAX_NUMBERS)
        numbers[word].add(n);
    }
  }
  captured.managers = [...managers].sort();
  captured.systemdPid1 ??= false;
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  captured.uids = sorted(numbers.UID);
  captured.gids = sorted(numbers.GID);
  captured.ports = sorted(numbers.PORT);
  return captured;
}

/**
 * Runs `drover capture DIR [--target T] [--write]`: captures every target (or those named), prints a line
 * per target, and with --write merges them into DIR/captured.json (written whole, atomically). Exit 4
 * when a target could not be reached (the others are still written).
 */
export async function runCapture(
  dir: string,
  options: TargetOptions & { target?: string[]; write?: boolean },
): Promise<number> {
  const evaluation = evaluateDirectory(dir, undefined, 'ids');
  const named = options.target;
  const targets = [...evaluation.models.targets.values()].filter((t) => !named || named.includes(t.name));
  for (const name of named ?? [])
    if (!evaluation.models.targets.has(name)) throw new Error(`--target ${name}: no such target in ${dir}`);
  const context = deployContext(options);
  const results = await Promise.all(
    targets.map(async (t) => {
      try {
        return { target: t.name, captured: await captureTarget(t, context) };
      } catch (error) {
        return { target: t.name, error: messageOf(error) };
      }
    }),
  );
  const path = join(dir, CAPTURED_FILE);
  const before = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as CapturedFile) : undefined;
  const file: CapturedFile = { version: 1, targets: { ...before?.targets } };
  for (const r of results) {
    if (r.captured === undefined) {
      process.stdout.write(`${r.target}: unreachable: ${r.error}\n`);
      continue;
    }
    file.targets[r.target] = r.captured;
    const c = r.captured;
    process.stdout.write(
      `${r.target}: ${c.system ?? '?'}, ${c.cores ?? '?'} cores, ${c.memory !== undefined ? `${Math.round(c.memory / 2 ** 20)} MiB` : '? memory'}, ${c.os ?? '?'}; managers: ${c.managers?.join(', ') || 'none'}${c.systemdPid1 ? ' (systemd is process 1)' : ''}; ${c.uids?.length ?? 0} uids, ${c.gids?.length ?? 0} gids, ${c.ports?.length ?? 0} ports in use\n`,
    );
  }
  if (options.write === true) {
    const sorted: CapturedFile = {
      version: 1,
      targets: Object.fromEntries(Object.entries(file.targets).sort(([a], [b]) => compareStrings(a, b))),
    };
    // Lists of numbers on one line each: a target has hundreds of uids.
    const text = JSON.stringify(sorted, null, 2).replace(
      /\[\s+([\d,\s]+?)\s+\]/g,
      (_, inner: string) => `[${inner.split(/,\s*/).join(', ')}]`,
    );
    writeFileSync(`${path}.new`, `${text}\n`);
    renameSync(`${path}.new`, path);
    process.stderr.write(`wrote ${path}\n`);
  }
  return results.some((r) => r.captured === undefined) ? EXIT_INCOMPLETE : 0;
}
