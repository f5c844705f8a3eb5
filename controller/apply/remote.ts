/**
 * What drover runs on a target, as POSIX sh. Fixed scripts take every value as a positional parameter;
 * per-unit scripts are built from argvs with every word quoted. Each function is one round trip.
 */
import type { Transport } from '../transport/transport.ts';
import { parseManifest, type DeployedUnit, type Manifest } from './manifest.ts';
import type { Argv } from '../../renderers/argv.ts';
import { shellCommand, shellQuote } from '../../renderers/sh-quote.ts';

/** What a target said when drover took its lock. */
type BeginResult =
  | { locked: false; generation: number; manifest: Manifest | undefined; missing: string[] }
  | { locked: true; stale: boolean; owner: string };

const BEGIN = `
dir=$1 owner=$2 stale=$3; shift 3
mkdir -p "$dir/store" "$dir/units" "$dir/generations" "$dir/run" "$dir/log" "$dir/tmp" "$dir/cache" || exit 10
if ! mkdir "$dir/lock" 2>/dev/null; then
  echo LOCKED
  if [ -n "$(find "$dir/lock" -prune -mmin +"$stale" 2>/dev/null)" ]; then echo STALE; else echo FRESH; fi
  cat "$dir/lock/owner" 2>/dev/null
  exit 3
fi
printf '%s\\n' "$owner" >"$dir/lock/owner"
gen=$(cat "$dir/current" 2>/dev/null || echo 0)
echo "GENERATION $gen"
for entry in "$@"; do [ -e "$dir/store/$entry" ] || echo "MISSING $entry"; done
echo MANIFEST
[ "$gen" = 0 ] || cat "$dir/generations/$gen.json"
`;

/** Takes the target's lock and reads its current generation and which store entries it lacks. */
export async function begin(
  transport: Transport,
  stateDir: string,
  owner: string,
  staleMinutes: number,
  entries: readonly string[],
): Promise<BeginResult> {
  const result = await transport.exec([
    'sh',
    '-c',
    BEGIN,
    'sh',
    stateDir,
    owner,
    String(staleMinutes),
    ...entries,
  ]);
  const lines = result.stdout.split('\n');
  if (result.code === 3 && lines[0] === 'LOCKED') {
    return { locked: true, stale: lines[1] === 'STALE', owner: lines.slice(2).join('\n').trim() };
  }
  if (result.code !== 0) throw new RemoteError(`cannot prepare ${stateDir}`, result);
  const generation = Number(/^GENERATION (\d+)$/.exec(lines[0] ?? '')?.[1] ?? 0);
  const marker = lines.indexOf('MANIFEST');
  const missing = lines.slice(1, marker).flatMap((l) => (l.startsWith('MISSING ') ? [l.slice(8)] : []));
  const text = lines
    .slice(marker + 1)
    .join('\n')
    .trim();
  return {
    locked: false,
    generation,
    manifest: text === '' ? undefined : parseManifest(text, `${stateDir}/current`),
    missing,
  };
}

const BREAK_LOCK = '[ "$(cat "$1/lock/owner" 2>/dev/null)" = "$2" ] && rm -rf "$1/lock"';

/** Removes a lock, but only while it still belongs to `owner` (another run may have taken it since). */
export async function breakLock(transport: Transport, stateDir: string, owner: string): Promise<void> {
  await transport.exec(['sh', '-c', BREAK_LOCK, 'sh', stateDir, owner]);
}

/** Releases our lock. */
export const unlock = breakLock;

/** Marks our lock as alive (its age is what makes a lock stale). */
export async function refreshLock(transport: Transport, stateDir: string): Promise<void> {
  await transport.exec(['touch', `${stateDir}/lock`]);
}

const UPLOAD = `
dir=$1; tmp="$dir/tmp/upload.$$"
mkdir -p "$tmp" && tar -xf - -C "$tmp" || { rm -rf "$tmp"; exit 1; }
for entry in "$tmp"/*; do
  name=\${entry##*/}
  if [ -e "$dir/store/$name" ]; then rm -rf "$entry"; else mv "$entry" "$dir/store/$name"; fi
done
rm -rf "$tmp"
`;

/** Unpacks a tar of store entries into the store; each entry appears whole or not at all. */
export async function upload(transport: Transport, stateDir: string, tar: Buffer): Promise<void> {
  const result = await transport.exec(['sh', '-c', UPLOAD, 'sh', stateDir], { input: tar });
  if (result.code !== 0) throw new RemoteError('cannot unpack the store entries', result);
}

const COMMIT = `
dir=$1 gen=$2
cat >"$dir/generations/$gen.json.new" && mv "$dir/generations/$gen.json.new" "$dir/generations/$gen.json" &&
printf '%s\\n' "$gen" >"$dir/current.new" && mv "$dir/current.new" "$dir/current" && rm -rf "$dir/lock"
`;

/** Records a new generation as current and releases the lock. */
export async function commitGeneration(
  transport: Transport,
  stateDir: string,
  manifest: Manifest,
): Promise<void> {
  const result = await transport.exec(['sh', '-c', COMMIT, 'sh', stateDir, String(manifest.generation)], {
    input: `${JSON.stringify(manifest, null, 2)}\n`,
  });
  if (result.code !== 0) throw new RemoteError('cannot record the new generation', result);
}

/** The status exit code that means the manager gave up starting the unit. */
const GAVE_UP = 4;
/** How long to wait for a unit's manager to report it running, polling every 0.25 s (asking costs CPU). */
const RUNNING_TIMEOUT_S = 10;
const POLLS_PER_S = 4;

/**
 * The script that links a unit in, runs its setup (unless a preparation already did), starts it and
 * waits until its manager says it runs.
 */
export function activationScript(unit: DeployedUnit, withSetup = true): string | undefined {
  const commands = unit.commands;
  if (!commands) return undefined; // a package: shipped, nothing to start
  const lines = [failFunction(commands.logs)];
  if (unit.unitEntry !== undefined) {
    lines.push(
      `${shellCommand(['ln', '-sfn', `${unit.stateDir}/store/${unit.unitEntry}`, unit.unitDir])} || fail 'cannot link the unit folder'`,
    );
  }
  for (const link of unit.install) {
    const parent = link.at.slice(0, link.at.lastIndexOf('/')) || '/';
    lines.push(
      `${shellCommand(['mkdir', '-p', parent])} && ${shellCommand(['ln', '-sfn', `${unit.unitDir}/${link.file}`, link.at])} || fail ${shellQuote(`cannot link ${link.at}`)}`,
    );
  }
  if (withSetup && unit.setup.length > 0) lines.push(`${chain(unit.setup)} || fail 'setup failed'`);
  lines.push(`${chain(commands.start)} || fail 'start failed'`);
  // Asking a manager costs CPU (supervisorctl is a Python process): not before it can say yes.
  if (commands.settleMs) lines.push(`sleep ${commands.settleMs / 1000}`);
  lines.push(
    'i=0',
    `until ${chain(commands.status)} >/dev/null 2>&1; do`,
    `  [ "$?" -ne ${GAVE_UP} ] || fail 'its manager gave up starting it'`,
    `  i=$((i + 1)); [ "$i" -le ${RUNNING_TIMEOUT_S * POLLS_PER_S} ] || fail 'not running ${RUNNING_TIMEOUT_S}s after start'`,
    `  sleep ${1 / POLLS_PER_S}`,
    'done',
  );
  return lines.join('\n');
}

/**
 * The script that stops a unit and unlinks it. A unit its manager no longer runs (it crashed, or was
 * stopped by hand) counts as stopped.
 */
export function deactivationScript(unit: DeployedUnit): string | undefined {
  const commands = unit.commands;
  if (!commands) return undefined;
  const lines = [failFunction(commands.logs)];
  lines.push(
    `if ! ${chain(commands.stop)}; then`,
    `  if ${chain(commands.status)} >/dev/null 2>&1; then fail 'stop failed'; fi`,
    'fi',
  );
  for (const link of unit.install) lines.push(shellCommand(['rm', '-f', link.at]));
  if (unit.unitEntry !== undefined) {
    const entry = `${unit.stateDir}/store/${unit.unitEntry}`;
    lines.push(
      `[ "$(readlink ${shellQuote(unit.unitDir)})" != ${shellQuote(entry)} ] || rm -f ${shellQuote(unit.unitDir)}`,
    );
  }
  return lines.join('\n');
}

/**
 * The setup of every unit about to start on a target, each distinct command once (starting the manager,
 * creating accounts), so that units starting in parallel do not race to do it.
 */
export function preparationScript(units: readonly DeployedUnit[]): string | undefined {
  const distinct = [
    ...new Map(units.flatMap((u) => u.setup).map((argv) => [JSON.stringify(argv), argv])).values(),
  ];
  if (distinct.length === 0) return undefined;
  return [
    failFunction([]),
    ...distinct.map(
      (argv) => `${shellCommand(argv)} || fail ${shellQuote(`setup failed: ${argv.slice(0, 3).join(' ')}`)}`,
    ),
  ].join('\n');
}

/** Runs a per-unit script; throws RemoteError with its output when it fails. */
export async function runScript(transport: Transport, script: string, what: string): Promise<void> {
  const result = await transport.exec(['sh', '-c', script], { timeoutMs: 120_000 });
  if (result.code !== 0) throw new RemoteError(what, result);
}

function chain(argvs: readonly Argv[]): string {
  return argvs.length === 0 ? 'true' : `{ ${argvs.map(shellCommand).join(' && ')}; }`;
}

function failFunction(logs: readonly Argv[]): string {
  const show = logs.map((argv) => `${shellCommand(argv)} 2>&1`).join('; ');
  return `fail() { echo "drover: $1" >&2; ${show ? `{ ${show}; } >&2;` : ''} exit 1; }`;
}

/** A command on a target failed: what it was doing, why (its `drover:` line) and the last lines it printed. */
export class RemoteError extends Error {
  readonly code = 'E_REMOTE';
  readonly output: string[];

  constructor(what: string, result: { code: number; stdout: string; stderr: string }) {
    const lines = `${result.stdout}${result.stderr}`.split('\n').filter((l) => l.trim() !== '');
    const reason = lines.find((l) => l.startsWith('drover: '));
    super(reason !== undefined ? reason.slice('drover: '.length) : `${what} failed (exit ${result.code})`);
    this.name = 'RemoteError';
    this.output = lines.filter((l) => l !== reason).slice(-20);
  }
}

const READ_GENERATIONS = `
dir=$1 count=$2
gen=$(cat "$dir/current" 2>/dev/null || echo 0)
echo "GENERATION $gen"
[ -d "$dir/lock" ] && { printf 'LOCK '; cat "$dir/lock/owner" 2>/dev/null || echo; }
n=$gen
while [ "$n" -gt 0 ] && [ "$count" -gt 0 ]; do
  if [ -f "$dir/generations/$n.json" ]; then echo "MANIFEST $n"; cat "$dir/generations/$n.json"; fi
  n=$((n - 1)); count=$((count - 1))
done
`;

/** What a target says about its generations, without locking it. */
interface GenerationsReport {
  current: number;
  /** The lock's owner text, when a run holds the lock. */
  lock?: string;
  /** The newest manifests, current first. */
  manifests: Manifest[];
}

/** Reads the current generation and up to `count` manifests back from it (one round trip). */
export async function readGenerations(
  transport: Transport,
  stateDir: string,
  count: number,
): Promise<GenerationsReport> {
  const result = await transport.exec(['sh', '-c', READ_GENERATIONS, 'sh', stateDir, String(count)]);
  if (result.code !== 0) throw new RemoteError(`cannot read ${stateDir}`, result);
  const report: GenerationsReport = { current: 0, manifests: [] };
  const parts = result.stdout.split(/^MANIFEST \d+$/m);
  for (const line of (parts[0] ?? '').split('\n')) {
    if (line.startsWith('GENERATION ')) report.current = Number(line.slice(11));
    if (line.startsWith('LOCK ')) report.lock = line.slice(5);
  }
  for (const text of parts.slice(1))
    report.manifests.push(parseManifest(text, `a manifest in ${stateDir}/generations`));
  return report;
}

const COLLECT_GARBAGE = `
dir=$1 oldest=$2; shift 2
removed=0
for entry in "$dir"/store/*; do
  [ -e "$entry" ] || continue
  name=\${entry##*/} keep=no
  for k in "$@"; do [ "$k" = "$name" ] && { keep=yes; break; }; done
  [ "$keep" = yes ] || { rm -rf "$entry"; removed=$((removed + 1)); }
done
for manifest in "$dir"/generations/*.json; do
  [ -e "$manifest" ] || continue
  n=\${manifest##*/}; n=\${n%.json}
  [ "$n" -ge "$oldest" ] || rm -f "$manifest"
done
echo "REMOVED $removed"
`;

/** Deletes store entries not in `keep` and manifests older than generation `oldest`; returns how many entries went. */
export async function collectGarbage(
  transport: Transport,
  stateDir: string,
  oldest: number,
  keep: readonly string[],
): Promise<number> {
  const result = await transport.exec(['sh', '-c', COLLECT_GARBAGE, 'sh', stateDir, String(oldest), ...keep]);
  if (result.code !== 0) throw new RemoteError('cannot collect garbage', result);
  return Number(/REMOVED (\d+)/.exec(result.stdout)?.[1] ?? 0);
}
