/**
 * What drover runs on a target, as POSIX sh. Fixed scripts take every value as a positional parameter;
 * per-unit scripts are built from argvs with every word quoted. Each function is one round trip.
 */
import type { ExecResult, Transport } from '../transport/transport.ts';
import { Redactor } from '../redact.ts';
import { parseManifest, type DeployedUnit, type Manifest } from './manifest.ts';
import { unitId } from '../core/units.ts';
import { sha256 } from '../core/hashing.ts';
import { compareStrings } from '../core/problems.ts';
import type { LeaseRenewal } from '../core/lease.ts';
import type { Observed, ProbeReport } from '../core/observed.ts';
import type { BatchCommands, ManagerCommands } from '../../renderers/types.ts';
import type { Argv } from '../../renderers/argv.ts';
import { shellCommand, shellQuote } from '../../renderers/sh-quote.ts';

/** How long drover waits for each kind of command on a target (every command has a bound). */
export interface Bounds {
  /** Opening the connection. */
  connectMs: number;
  /** drover's own small commands: lock, record, unlock, reads of its state files. */
  commandMs: number;
  /** An upload: this much, */
  uploadMs: number;
  /** plus this much per MiB shipped. */
  uploadPerMiBMs: number;
  /** A unit's activation, deactivation or setup script (it has its own inner bounds too). */
  scriptMs: number;
  /** Garbage collection (deleting store entries can take a while). */
  gcMs: number;
  /** How long past a bound a target may take to report the command killed before it is given up. */
  graceMs: number;
}

/** The bounds unless a deployment says otherwise. */
export const DEFAULT_BOUNDS: Bounds = {
  connectMs: 15_000,
  commandMs: 30_000,
  uploadMs: 30_000,
  uploadPerMiBMs: 1_000,
  scriptMs: 120_000,
  gcMs: 600_000,
  graceMs: 5_000,
};

/** The bound of an upload of `bytes`. */
export function uploadBound(bytes: number, bounds: Bounds = DEFAULT_BOUNDS): number {
  return bounds.uploadMs + Math.ceil(bytes / 2 ** 20) * bounds.uploadPerMiBMs;
}

/**
 * Shell functions of the fixed scripts. `fail` prints the reason drover reports. `regular` is true for a
 * state file that exists and fails for one that is not a regular file: a FIFO in place of `current` would
 * block `cat` for ever, and a link could point anywhere. `current_generation` sets `gen` to the current
 * generation of the state dir `$dir` (0 for none).
 */
const STATE_FUNCTIONS = `
fail() { echo "drover: $1" >&2; exit 10; }
regular() {
  if [ -L "$1" ] || { [ -e "$1" ] && [ ! -f "$1" ]; }; then fail "$1 is not a regular file"; fi
  [ -e "$1" ]
}
current_generation() {
  gen=0
  if regular "$dir/current"; then gen=$(cat "$dir/current"); fi
  case $gen in '' | *[!0-9]*) fail "$dir/current does not hold a generation number" ;; esac
}`;

/** What a target said when drover took its lock. */
type BeginResult =
  | {
      locked: false;
      unchanged?: false;
      generation: number;
      manifest: Manifest | undefined;
      missing: string[];
      /** What the managers say of the current generation's units (none for a generation without a probe). */
      observed?: Observed;
    }
  | { locked: true; unchanged?: false; stale: boolean; owner: string }
  /** It runs exactly the units whose digest drover sent, and nobody holds its lock: nothing to do, no lock taken. */
  | { locked: false; unchanged: true; generation: number };

const BEGIN = `${STATE_FUNCTIONS}
dir=$1 owner=$2 stale=$3 digest=$4; shift 4
err=$(mkdir -p "$dir/store" "$dir/units" "$dir/generations" "$dir/run" "$dir/log" "$dir/tmp" "$dir/cache" 2>&1) ||
  fail "cannot create the folders of $dir: \${err##*: }"
# What the managers say of the current generation's units (its probe, see probeScript), once.
probed=0 probe=
observe() {
  [ "$probed" = 0 ] || return 0
  probed=1
  if regular "$dir/generations/$1.probe"; then probe=$(sh "$dir/generations/$1.probe" 2>/dev/null); fi
}
# Nothing to do when the current generation is exactly the desired units, they all run, and nobody is
# changing it.
if [ -n "$digest" ] && [ ! -e "$dir/lock" ] && regular "$dir/current"; then
  gen=$(cat "$dir/current")
  if regular "$dir/generations/$gen.digest" && [ "$(cat "$dir/generations/$gen.digest")" = "$digest" ]; then
    observe "$gen"
    if ! printf '%s\\n' "$probe" | grep -q -e '^DOWN ' -e '^MANAGER-DOWN '; then
      echo "GENERATION $gen"; echo UNCHANGED; exit 0
    fi
  fi
fi
if ! err=$(mkdir "$dir/lock" 2>&1); then
  # Only a folder is a lock: anything else (a read-only state dir, a file in its place) is an error.
  if [ -L "$dir/lock" ] || { [ -e "$dir/lock" ] && [ ! -d "$dir/lock" ]; }; then fail "$dir/lock is not a folder"; fi
  [ -d "$dir/lock" ] || fail "cannot create $dir/lock: \${err##*: }"
  echo LOCKED
  if [ -n "$(find "$dir/lock" -prune -mmin +"$stale" 2>/dev/null)" ]; then echo STALE; else echo FRESH; fi
  if regular "$dir/lock/owner"; then cat "$dir/lock/owner"; fi
  exit 3
fi
# From here on a failure releases the lock it took.
fail() { rm -rf "$dir/lock"; echo "drover: $1" >&2; exit 10; }
err=$(printf '%s\\n' "$owner" 2>&1 >"$dir/lock/owner") || fail "cannot write $dir/lock/owner: \${err##*: }"
current_generation
echo "GENERATION $gen"
for entry in "$@"; do [ -e "$dir/store/$entry" ] || echo "MISSING $entry"; done
if [ "$gen" != 0 ]; then observe "$gen"; [ -z "$probe" ] || printf '%s\\n' "$probe"; fi
echo MANIFEST
if [ "$gen" != 0 ]; then
  regular "$dir/generations/$gen.json" || fail "$dir/generations/$gen.json (the current generation) is missing"
  cat "$dir/generations/$gen.json"
fi
`;

/**
 * Takes the target's lock and reads its current generation and which store entries it lacks; unless the
 * target runs the units whose digest is `digest` (unitsDigest) and is unlocked: then nothing is taken.
 */
export async function begin(
  transport: Transport,
  stateDir: string,
  owner: string,
  staleMinutes: number,
  entries: readonly string[],
  bounds: Bounds = DEFAULT_BOUNDS,
  digest = '',
): Promise<BeginResult> {
  const result = await transport.exec(
    ['sh', '-c', BEGIN, 'sh', stateDir, owner, String(staleMinutes), digest, ...entries],
    { timeoutMs: bounds.commandMs },
  );
  const lines = result.stdout.split('\n');
  if (result.code === 0 && lines[1] === 'UNCHANGED') {
    return {
      locked: false,
      unchanged: true,
      generation: Number(/^GENERATION (\d+)$/.exec(lines[0] ?? '')?.[1] ?? 0),
    };
  }
  if (result.code === 3 && lines[0] === 'LOCKED') {
    return { locked: true, stale: lines[1] === 'STALE', owner: lines.slice(2).join('\n').trim() };
  }
  if (result.code !== 0) throw new RemoteError(`taking the lock of ${stateDir}`, result);
  const generation = Number(/^GENERATION (\d+)$/.exec(lines[0] ?? '')?.[1] ?? 0);
  const marker = lines.indexOf('MANIFEST');
  const head = lines.slice(1, marker);
  const missing = head.flatMap((l) => (l.startsWith('MISSING ') ? [l.slice(8)] : []));
  const text = lines
    .slice(marker + 1)
    .join('\n')
    .trim();
  const began: BeginResult = {
    locked: false,
    generation,
    manifest: text === '' ? undefined : parseManifest(text, `${stateDir}/current`),
    missing,
  };
  const observed = parseProbe(head);
  if (observed) began.observed = observed;
  return began;
}

/**
 * The probe of a generation: a script that asks each manager once (its batch status, else each unit's
 * status) and prints `UP <unit>`, `STARTING <unit>` or `DOWN <unit> stopped|failed|other-entry` for
 * every unit a manager runs, and `MANAGER-DOWN <name>` for each of drover's own managers that is down. Stored next to the
 * generation's manifest, it is what `apply`, `status` and the controller's probes run.
 */
export function probeScript(units: readonly DeployedUnit[]): string {
  const wave = waveOf(units);
  const lines: string[] = [];
  const managers = new Map(
    wave.flatMap(({ commands: c }) => (c.manager ? [[c.manager.name, c.manager]] : [])),
  );
  for (const { name, alive } of managers.values())
    lines.push(`${shellCommand(alive)} >/dev/null 2>&1 || echo ${shellQuote(`MANAGER-DOWN ${name}`)}`);
  const report = (w: WaveUnit, code: string) =>
    `case ${code} in 0) echo ${shellQuote(`UP ${unitId(w.unit)}`)} ;; ${GAVE_UP}) echo ${shellQuote(`DOWN ${unitId(w.unit)} failed`)} ;; ${STARTING}) echo ${shellQuote(`STARTING ${unitId(w.unit)}`)} ;; *) echo ${shellQuote(`DOWN ${unitId(w.unit)} stopped`)} ;; esac`;
  const { batches, single } = batchesOf(wave);
  for (const { commands, ks, names } of batches) {
    lines.push(`set -- $(${shellCommand([...commands.status, ...names])})`);
    for (const k of ks) lines.push(`${report(wave[k - 1]!, '"${1:-3}"')}; [ $# -eq 0 ] || shift`);
  }
  for (const w of single) lines.push(`${chain(w.commands.status)} >/dev/null 2>&1; ${report(w, '"$?"')}`);
  // Which store entry each unit folder links, read with one `ls -l` per folder of unit folders (not a
  // readlink per unit: a probe runs often). Names and entries hold no spaces; the path before them may.
  const byFolder = new Map<string, string[]>();
  for (const { unit } of wave) {
    if (unit.unitEntry === undefined) continue;
    const slash = unit.unitDir.lastIndexOf('/');
    const folder = unit.unitDir.slice(0, slash);
    const wanted = [unit.unitDir.slice(slash + 1), unit.unitEntry, unitId(unit)].join(' ');
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), wanted]);
  }
  for (const [folder, wanted] of byFolder)
    lines.push(
      `ls -l ${shellQuote(folder)} 2>/dev/null | awk -v wanted=${shellQuote(wanted.join(' '))} '${LINKED_ENTRIES}'`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * awk over `ls -l` of a folder of unit folders: `wanted` lists "folder entry unit" triples; prints
 * `DOWN <unit> other-entry` for each folder that links another entry (one that links none is not running,
 * which its manager says).
 */
const LINKED_ENTRIES = [
  'BEGIN { n = split(wanted, w, " "); for (i = 1; i + 2 <= n; i += 3) { entry[w[i]] = w[i + 1]; unit[w[i]] = w[i + 2] } }',
  '{ at = index($0, " -> "); if (at == 0) next; k = split(substr($0, 1, at - 1), f, " "); target = substr($0, at + 4); sub(/.*\\//, "", target); linked[f[k]] = target }',
  'END { for (name in entry) if ((name in linked) && linked[name] != entry[name]) print "DOWN " unit[name] " other-entry" }',
].join('\n');

/** Reads a probe's lines (others are ignored); undefined when there are none (no probe ran). */
export function parseProbe(lines: readonly string[]): Observed | undefined {
  const observed: Observed = { running: [], starting: [], notRunning: new Map(), managersDown: [] };
  let seen = false;
  for (const line of lines) {
    const [word, id, why] = line.split(' ');
    if (word === 'UP' && id) {
      seen = true;
      observed.running.push(id);
    } else if (word === 'STARTING' && id) {
      seen = true;
      observed.starting.push(id);
    } else if (word === 'MANAGER-DOWN') {
      seen = true;
      observed.managersDown.push(line.slice('MANAGER-DOWN '.length));
    } else if (word === 'DOWN' && id && (why === 'stopped' || why === 'failed' || why === 'other-entry')) {
      seen = true;
      // Running another version says more than not running: it is what the unit folder shows.
      if (why === 'other-entry' || !observed.notRunning.has(id)) observed.notRunning.set(id, why);
    }
  }
  // A unit running another version is not running as recorded.
  observed.running = observed.running.filter((id) => !observed.notRunning.has(id));
  observed.starting = observed.starting.filter((id) => !observed.notRunning.has(id));
  return seen ? observed : undefined;
}

/** The digest of the units a generation runs: equal digests, equal units (and nothing to do). */
export function unitsDigest(units: readonly DeployedUnit[]): string {
  const sorted = [...units].sort((a, b) => compareStrings(unitId(a), unitId(b)));
  return sha256(JSON.stringify(sorted));
}

/** Whether the lock still belongs to $2 (a lock owner that is not a regular file belongs to nobody). */
const OWNS_LOCK = 'o="$1/lock/owner"; [ -f "$o" ] && [ ! -L "$o" ] && [ "$(cat "$o")" = "$2" ]';
const BREAK_LOCK = `${OWNS_LOCK} && rm -rf "$1/lock"`;
const UNLOCK = `${OWNS_LOCK} || exit 0
err=$(rm -rf "$1/lock" 2>&1) || { echo "drover: cannot release the lock $1/lock: \${err##*: }" >&2; exit 1; }`;

/** Removes a lock, but only while it still belongs to `owner` (another run may have taken it since). */
export async function breakLock(
  transport: Transport,
  stateDir: string,
  owner: string,
  bounds: Bounds = DEFAULT_BOUNDS,
): Promise<void> {
  await transport.exec(['sh', '-c', BREAK_LOCK, 'sh', stateDir, owner], { timeoutMs: bounds.commandMs });
}

/** Releases our lock (a lock another run holds by now is left alone); throws when it cannot be removed. */
export async function unlock(
  transport: Transport,
  stateDir: string,
  owner: string,
  bounds: Bounds = DEFAULT_BOUNDS,
): Promise<void> {
  const result = await transport.exec(['sh', '-c', UNLOCK, 'sh', stateDir, owner], {
    timeoutMs: bounds.commandMs,
  });
  if (result.code !== 0) throw new RemoteError(`releasing the lock of ${stateDir}`, result);
}

/**
 * Marks our lock as alive (its age is what makes a lock stale), while it is ours: a refresh that crosses
 * the commit releasing it must not leave a file named `lock` behind, nor touch the next run's.
 */
const REFRESH_LOCK = `${OWNS_LOCK} && touch -c "$1/lock"`;

export async function refreshLock(
  transport: Transport,
  stateDir: string,
  owner: string,
  bounds: Bounds = DEFAULT_BOUNDS,
): Promise<void> {
  await transport.exec(['sh', '-c', REFRESH_LOCK, 'sh', stateDir, owner], { timeoutMs: bounds.commandMs });
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
export async function upload(
  transport: Transport,
  stateDir: string,
  tar: Buffer,
  bounds: Bounds = DEFAULT_BOUNDS,
): Promise<void> {
  const timeoutMs = uploadBound(tar.length, bounds);
  const result = await transport.exec(['sh', '-c', UPLOAD, 'sh', stateDir], { input: tar, timeoutMs });
  if (result.code !== 0) throw new RemoteError('cannot unpack the store entries', result);
}

/** Separate the manifest, the probe and the boot script on RECORD's input (no line of theirs starts with `#`). */
const PROBE_MARKER = '#drover-probe';
const BOOT_MARKER = '#drover-boot';
/**
 * Writes a generation's manifest (and its probe and boot script) and stages `current.new` naming it,
 * without making it current: what can fail for lack of space or a read-only state dir fails here, before
 * any target switches.
 */
const RECORD = `${STATE_FUNCTIONS}
dir=$1 gen=$2 digest=$3 file="$1/generations/$2.json" probe="$1/generations/$2.probe" boot="$1/generations/$2.boot"
rm -rf "$file.in" "$file.new" "$probe.new" "$boot.new" "$dir/current.new"
# Its input: the manifest, a line ${PROBE_MARKER}, the probe, a line ${BOOT_MARKER}, the boot script.
err=$({ cat >"$file.in" && sed '/^${PROBE_MARKER}$/,$d' "$file.in" >"$file.new" &&
  sed -e '1,/^${PROBE_MARKER}$/d' -e '/^${BOOT_MARKER}$/,$d' "$file.in" >"$probe.new" &&
  sed '1,/^${BOOT_MARKER}$/d' "$file.in" >"$boot.new"; } 2>&1) ||
  { rm -f "$file.in" "$file.new" "$probe.new" "$boot.new"; fail "cannot write $file: \${err##*: }"; }
rm -f "$file.in"
err=$(mv "$probe.new" "$probe" 2>&1) || fail "cannot write $probe: \${err##*: }"
err=$(mv "$boot.new" "$boot" 2>&1) || fail "cannot write $boot: \${err##*: }"
err=$(mv "$file.new" "$file" 2>&1) || fail "cannot write $file: \${err##*: }"
err=$(printf '%s\\n' "$digest" 2>&1 >"$dir/generations/$gen.digest") || fail "cannot write $dir/generations/$gen.digest: \${err##*: }"
err=$(printf '%s\\n' "$gen" 2>&1 >"$dir/current.new") || { rm -f "$dir/current.new"; fail "cannot write $dir/current.new: \${err##*: }"; }
`;

/** Makes the staged generation current (a rename, which needs no space) and releases the lock. */
const COMMIT = `${STATE_FUNCTIONS}
dir=$1 gen=$2
regular "$dir/current.new" && [ "$(cat "$dir/current.new")" = "$gen" ] || fail "generation $gen was not staged in $dir"
[ ! -d "$dir/current" ] || fail "$dir/current is not a regular file"
err=$(mv "$dir/current.new" "$dir/current" 2>&1) || fail "cannot write $dir/current: \${err##*: }"
rm -rf "$dir/lock"
`;

/** Writes a new generation's manifest on the target, ready for commitGeneration. */
export async function recordGeneration(
  transport: Transport,
  stateDir: string,
  manifest: Manifest,
  bounds: Bounds = DEFAULT_BOUNDS,
): Promise<void> {
  const digest = unitsDigest(manifest.units);
  const result = await transport.exec(
    ['sh', '-c', RECORD, 'sh', stateDir, String(manifest.generation), digest],
    {
      input: [
        JSON.stringify(manifest, null, 2),
        PROBE_MARKER,
        probeScript(manifest.units),
        BOOT_MARKER,
        bootScript(manifest.units),
      ].join('\n'),
      timeoutMs: bounds.commandMs,
    },
  );
  if (result.code !== 0) throw new RemoteError(`recording generation ${manifest.generation}`, result);
}

/** Makes the generation recordGeneration wrote current, and releases the lock. */
export async function commitGeneration(
  transport: Transport,
  stateDir: string,
  generation: number,
  bounds: Bounds = DEFAULT_BOUNDS,
): Promise<void> {
  const result = await transport.exec(['sh', '-c', COMMIT, 'sh', stateDir, String(generation)], {
    timeoutMs: bounds.commandMs,
  });
  if (result.code !== 0) throw new RemoteError(`making generation ${generation} current`, result);
}

/** The status exit code that means the manager gave up starting the unit, */
const GAVE_UP = 4;
/** and the one that means it is starting it (it is not running yet, nor down). */
const STARTING = 5;
/** How long to wait for a unit's manager to report it running, polling every 0.25 s (asking costs CPU). */
const RUNNING_TIMEOUT_S = 10;
const POLLS_PER_S = 4;

/**
 * The script of one wave on one target: links every unit in, runs their setup (unless a preparation
 * already did), starts them (one command per manager that has a batch form, else one per unit), settles
 * once, and waits until their managers say all of them run, asking each manager once per poll. A failure
 * names its unit (`drover: <unit>: why`) and shows that unit's recent output. Units named in `replacing`
 * (by unit id) still run their former version, which their manager replaces in place if it can.
 */
export function activationScript(
  units: readonly DeployedUnit[],
  withSetup = true,
  replacing: ReadonlySet<string> = new Set(),
): string | undefined {
  const wave = waveOf(units);
  if (wave.length === 0) return undefined; // packages only: shipped, nothing to start
  const lines = [unitFailedFunction(wave)];
  for (const { unit, k, commands } of wave) {
    if (unit.unitEntry !== undefined) {
      const entry = `${unit.stateDir}/store/${unit.unitEntry}`;
      // The unit folder links the entry its manager was last started from. Another entry there means the
      // manager may still run that one (a run that died before it recorded its generation), and starting
      // a unit it already runs would change nothing: stop it first; unless its manager replaces it in
      // place (the batch's `replace` stops the former version as it starts this one).
      if (!replacesInPlace(commands, unit, replacing))
        lines.push(
          `linked=$(readlink ${shellQuote(unit.unitDir)})`,
          `if [ -n "$linked" ] && [ "$linked" != ${shellQuote(entry)} ] && ! ${chain(commands.stop)}; then`,
          `  if ${chain(commands.status)} >/dev/null 2>&1; then unit_failed ${k} 'cannot stop it running from another store entry'; fi`,
          'fi',
        );
      lines.push(
        `${shellCommand(['ln', '-sfn', entry, unit.unitDir])} || unit_failed ${k} 'cannot link the unit folder'`,
      );
    }
    // State its module keeps beyond deactivation is recorded, with how to delete it: `drover gc --state`.
    if (commands.collectGarbage !== undefined) {
      const record = stateRecordOf(unit.stateDir, unit.service);
      lines.push(
        `{ mkdir -p ${shellQuote(`${unit.stateDir}/states`)} && printf '%s\\n' ${shellQuote(chain(commands.collectGarbage))} >${shellQuote(`${record}.new`)} && mv ${shellQuote(`${record}.new`)} ${shellQuote(record)}; } || unit_failed ${k} 'cannot record its state'`,
      );
    }
    for (const link of unit.install) {
      const parent = link.at.slice(0, link.at.lastIndexOf('/')) || '/';
      lines.push(
        `${shellCommand(['mkdir', '-p', parent])} && ${shellCommand(['ln', '-sfn', `${unit.unitDir}/${link.file}`, link.at])} || unit_failed ${k} ${shellQuote(`cannot link ${link.at}`)}`,
      );
    }
  }
  if (withSetup)
    lines.push(
      ...setupLines(
        wave.map((w) => w.unit),
        failWith,
      ),
    );
  const { batches, single } = batchesOf(wave, replacing);
  for (const { commands, names, replaced } of batches) {
    // A batch that fails names no unit: what the manager printed says which (supervisord rereads all).
    if (commands.replace && replaced.length > 0)
      lines.push(
        `${shellCommand([...commands.replace, ...replaced, '--', ...names])} || fail 'start failed'`,
      );
    else
      for (const argv of commands.start)
        lines.push(`${shellCommand([...argv, ...names])} || fail 'start failed'`);
  }
  for (const { k, commands } of single)
    lines.push(`${chain(commands.start)} || unit_failed ${k} 'start failed'`);
  // Asking a manager costs CPU (supervisorctl is a Python process): not before it can say yes.
  const settleMs = Math.max(0, ...wave.map((w) => w.commands.settleMs ?? 0));
  if (settleMs > 0) lines.push(`sleep ${settleMs / 1000}`);
  lines.push('i=0', 'while :; do', '  pending=0');
  for (const { commands, ks, names } of batches) {
    lines.push(`  set -- $(${shellCommand([...commands.status, ...names])})`);
    for (const k of ks) {
      lines.push(
        `  case \${1:-3} in 0) ;; ${GAVE_UP}) unit_failed ${k} 'its manager gave up starting it' ;; *) pending=${k} ;; esac; [ $# -eq 0 ] || shift`,
      );
    }
  }
  for (const { k, commands } of single) {
    lines.push(
      `  if [ -z "\${up_${k}:-}" ]; then`,
      `    if ${chain(commands.status)} >/dev/null 2>&1; then up_${k}=1`,
      `    else [ "$?" -ne ${GAVE_UP} ] || unit_failed ${k} 'its manager gave up starting it'; pending=${k}; fi`,
      '  fi',
    );
  }
  lines.push(
    '  [ "$pending" -eq 0 ] && break',
    `  i=$((i + 1)); [ "$i" -le ${RUNNING_TIMEOUT_S * POLLS_PER_S} ] || unit_failed "$pending" 'not running ${RUNNING_TIMEOUT_S}s after start'`,
    `  sleep ${1 / POLLS_PER_S}`,
    'done',
  );
  return lines.join('\n');
}

/**
 * The script of one wave of deactivations on one target: stops every unit (one command per manager that
 * has a batch form), checks that none still runs, and unlinks them. A unit its manager no longer runs
 * (it crashed, or was stopped by hand) counts as stopped.
 */
export function deactivationScript(units: readonly DeployedUnit[]): string | undefined {
  const wave = waveOf(units);
  if (wave.length === 0) return undefined;
  const lines = [unitFailedFunction(wave)];
  const { batches, single } = batchesOf(wave);
  for (const { commands, ks, names } of batches) {
    // Every stop command runs; only when one fails is the manager asked which of them still runs.
    lines.push('stopped=1');
    for (const argv of commands.stop)
      lines.push(`${shellCommand([...argv, ...names])} >/dev/null || stopped=0`);
    lines.push(
      'if [ "$stopped" -eq 0 ]; then',
      `  set -- $(${shellCommand([...commands.status, ...names])})`,
      ...ks.map((k) => `  [ "\${1:-3}" != 0 ] || unit_failed ${k} 'stop failed'; [ $# -eq 0 ] || shift`),
      'fi',
    );
  }
  for (const { k, commands } of single) {
    lines.push(
      `if ! ${chain(commands.stop)}; then`,
      `  if ${chain(commands.status)} >/dev/null 2>&1; then unit_failed ${k} 'stop failed'; fi`,
      'fi',
    );
  }
  for (const { unit } of wave) {
    for (const link of unit.install) lines.push(shellCommand(['rm', '-f', link.at]));
    if (unit.unitEntry !== undefined) {
      const entry = `${unit.stateDir}/store/${unit.unitEntry}`;
      lines.push(
        `[ "$(readlink ${shellQuote(unit.unitDir)})" != ${shellQuote(entry)} ] || rm -f ${shellQuote(unit.unitDir)}`,
      );
    }
  }
  return lines.join('\n');
}

/** `fail WHY`: ends a script, saying why (drover reports its `drover:` line). */
const FAIL = 'fail() { echo "drover: $1" >&2; exit 1; }';

/** The line that ends a script with FAIL for `why`. */
function failWith(why: string): string {
  return `fail ${shellQuote(why)}`;
}

/** A unit of a wave that its manager starts: its number in the wave's script (from 1) and its commands. */
interface WaveUnit {
  unit: DeployedUnit;
  k: number;
  commands: ManagerCommands;
}

/** The units of a wave that have commands (packages have none), numbered. */
/**
 * Where a target records the state a service's module keeps there (a database), as the command that
 * deletes it: written when the service is activated, read by `drover gc --state` once it runs there no more.
 */
export function stateRecordOf(stateDir: string, service: string): string {
  return `${stateDir}/states/${service}`;
}

/**
 * Deletes the state recorded under $1/states of every service not named after $1 (those the current
 * generation runs there), each through its record; prints `DELETED <service>` or `FAILED <service>`.
 */
const COLLECT_STATE = `dir=$1; shift
for record in "$dir"/states/*; do
  [ -f "$record" ] || continue
  service=\${record##*/}
  case $service in *.new) continue ;; esac
  keep=0
  for running; do [ "$running" != "$service" ] || keep=1; done
  [ "$keep" -eq 0 ] || continue
  if sh "$record" >/dev/null 2>&1 && rm -f "$record"; then echo "DELETED $service"; else echo "FAILED $service"; fi
done`;

/** Deletes the state of services the target keeps but no longer runs (`running`); what went, and what failed. */
export async function collectState(
  transport: Transport,
  stateDir: string,
  running: readonly string[],
  bounds: Bounds = DEFAULT_BOUNDS,
): Promise<{ deleted: string[]; failed: string[] }> {
  const result = await transport.exec(['sh', '-c', COLLECT_STATE, 'sh', stateDir, ...running], {
    timeoutMs: bounds.gcMs,
  });
  if (result.code !== 0) throw new RemoteError('cannot delete the state no service uses', result);
  const listed = (word: string) =>
    [...result.stdout.matchAll(new RegExp(`^${word} (.+)$`, 'gm'))].map((m) => m[1]!);
  return { deleted: listed('DELETED'), failed: listed('FAILED') };
}

function waveOf(units: readonly DeployedUnit[]): WaveUnit[] {
  return units
    .filter((unit) => unit.commands !== undefined)
    .map((unit, i) => ({ unit, k: i + 1, commands: unit.commands! }));
}

/**
 * The wave's units grouped by batch (in order of first appearance), and those without a batch form;
 * `replacing` names the units that replace their former version in place.
 */
function batchesOf(
  wave: readonly WaveUnit[],
  replacing: ReadonlySet<string> = new Set(),
): { batches: Batch[]; single: WaveUnit[] } {
  const batches = new Map<string, Batch>();
  const single: WaveUnit[] = [];
  for (const w of wave) {
    const batch = w.commands.batch;
    if (!batch) {
      single.push(w);
      continue;
    }
    const group = batches.get(batch.group) ?? { commands: batch, ks: [], names: [], replaced: [] };
    group.ks.push(w.k);
    group.names.push(batch.name);
    if (replacesInPlace(w.commands, w.unit, replacing)) group.replaced.push(batch.name);
    batches.set(batch.group, group);
  }
  return { batches: [...batches.values()], single };
}

/** Whether a unit replaces its former version in place: asked to, and its manager can. */
function replacesInPlace(
  commands: ManagerCommands,
  unit: DeployedUnit,
  replacing: ReadonlySet<string>,
): boolean {
  return commands.batch?.replace !== undefined && replacing.has(unitId(unit));
}

/**
 * The units of a wave one manager takes in a batch: their numbers and their names, in the same order,
 * and the names of those replacing their former version in place.
 */
interface Batch {
  commands: BatchCommands;
  ks: number[];
  names: string[];
  replaced: string[];
}

/** `unit_failed K WHY`: reports unit K of the wave failed, with its recent output, and ends the script. */
function unitFailedFunction(wave: readonly WaveUnit[]): string {
  const cases = wave.map(({ unit, k, commands }) => {
    const show = commands.logs.map((argv) => `${shellCommand(argv)} 2>&1`).join('; ');
    return `  ${k}) echo ${shellQuote(`drover: ${unitId(unit)}: `)}"$2" >&2${show ? `; { ${show}; } >&2` : ''} ;;`;
  });
  return [FAIL, 'unit_failed() {', '  case $1 in', ...cases, '  esac', '  exit 1', '}'].join('\n');
}

/**
 * The setup of every unit about to start on a target, each distinct command once (starting the manager,
 * creating accounts), so that units starting in parallel do not race to do it; and, when one of drover's
 * own managers runs them, `bootHook` (the command that installs the target's boot hook).
 */
export function preparationScript(units: readonly DeployedUnit[], bootHook?: Argv): string | undefined {
  const lines = setupLines(units, failWith);
  if (lines.length === 0) return undefined;
  if (bootHook && units.some((u) => u.commands?.manager))
    lines.push(`${shellCommand(bootHook)} >/dev/null || exit 1`);
  return [FAIL, ...lines].join('\n');
}

/**
 * What a target runs at boot for a generation (see boot-hook.ts): its units' setup, each command once, so
 * that drover's own managers start again and find what their units need; empty when no unit runs under
 * one. A failed command is reported and the others still run: a manager that starts brings back more
 * than none.
 */
export function bootScript(units: readonly DeployedUnit[]): string {
  if (!units.some((u) => u.commands?.manager)) return '';
  return `${setupLines(units, (why) => `echo ${shellQuote(`drover: ${why}`)} >&2`).join('\n')}\n`;
}

/**
 * Each distinct setup command of the units once, in order, the managers' starts last (a manager starts
 * every unit it finds at once: their accounts and folders first); `onFailure` says what a failed command
 * runs, given the reason.
 */
function setupLines(units: readonly DeployedUnit[], onFailure: (why: string) => string): string[] {
  const key = (argv: Argv) => JSON.stringify(argv);
  const starts = new Set(
    units.flatMap((u) => (u.commands?.manager?.start ? [key(u.commands.manager.start)] : [])),
  );
  const distinct = [...new Map(units.flatMap((u) => u.setup).map((argv) => [key(argv), argv])).values()];
  const ordered = [
    ...distinct.filter((argv) => !starts.has(key(argv))),
    ...distinct.filter((argv) => starts.has(key(argv))),
  ];
  return ordered.map(
    (argv) => `${shellCommand(argv)} || ${onFailure(`setup failed: ${argv.slice(0, 3).join(' ')}`)}`,
  );
}

/**
 * Runs a per-unit script within its bound; throws RemoteError with its output (redacted, capped) when it
 * fails.
 */
export async function runScript(
  transport: Transport,
  script: string,
  what: string,
  bounds: Bounds = DEFAULT_BOUNDS,
  redactor?: Redactor,
): Promise<void> {
  // On standard input, not as an argument: a wave of many units outgrows the 128 KiB an argument may hold.
  const result = await transport.exec(SCRIPT_FROM_INPUT, { input: script, timeoutMs: bounds.scriptMs });
  if (result.code !== 0) throw new RemoteError(what, result, redactor);
}

/** Runs the script fed on standard input; what it runs reads no more of it. */
export const SCRIPT_FROM_INPUT: Argv = ['sh', '-c', 'script=$(cat) && eval "$script" </dev/null'];

function chain(argvs: readonly Argv[]): string {
  return argvs.length === 0 ? 'true' : `{ ${argvs.map(shellCommand).join(' && ')}; }`;
}

/**
 * A command on a target failed: what it was doing, why (its `drover:` line) and the last lines it printed,
 * redacted and capped (they end up in status.json, commits and logs).
 */
export class RemoteError extends Error {
  readonly code = 'E_REMOTE';
  readonly output: string[];

  constructor(what: string, result: ExecResult, redactor = new Redactor()) {
    const lines = redactor.output(`${result.stdout}${result.stderr}`);
    const reason = lines.find((l) => l.startsWith('drover: '));
    const message = result.timedOut
      ? `${what} did not finish in time (killed)`
      : reason !== undefined
        ? reason.slice('drover: '.length)
        : `${what} failed (exit ${result.code})`;
    super(redactor.text(message));
    this.name = 'RemoteError';
    this.output = lines.filter((l) => l !== reason);
  }
}

const READ_GENERATIONS = `${STATE_FUNCTIONS}
dir=$1 count=$2
current_generation
echo "GENERATION $gen"
if [ -d "$dir/lock" ]; then printf 'LOCK '; if regular "$dir/lock/owner"; then cat "$dir/lock/owner"; else echo; fi; fi
n=$gen
while [ "$n" -gt 0 ] && [ "$count" -gt 0 ]; do
  if regular "$dir/generations/$n.json"; then echo "MANIFEST $n"; cat "$dir/generations/$n.json"; fi
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
  bounds: Bounds = DEFAULT_BOUNDS,
): Promise<GenerationsReport> {
  const result = await transport.exec(['sh', '-c', READ_GENERATIONS, 'sh', stateDir, String(count)], {
    timeoutMs: bounds.commandMs,
  });
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

/**
 * A target's probe, read-only and without the lock: its current generation and that generation's digest,
 * what its managers say (the generation's own probe), whether a run holds its lock, and the machine's
 * load, available memory and free space under the state dir (where /proc and df tell).
 */
/**
 * Renews the leases of exclusive services (see core/lease.ts): `renew_leases EXPIRY SENT SKEW SERVICE...`
 * writes EXPIRY (seconds since the epoch) into each service's lease file, atomically, only when this
 * target's clock reads within SKEW seconds of SENT, the controller's clock when it sent the renewal; else
 * it says `LEASE-SKEW <its clock>` and renews nothing. `LEASED EXPIRY` when renewed.
 */
const RENEW_LEASES = `
renew_leases() {
  expiry=$1 sent=$2 skew=$3; shift 3
  [ $# -gt 0 ] || return 0
  now=$(date +%s)
  if [ $((now - sent)) -gt "$skew" ] || [ $((sent - now)) -gt "$skew" ]; then echo "LEASE-SKEW $now"; return 0; fi
  mkdir -p "$dir/leases" || return 1
  for service; do
    printf '%s\\n' "$expiry" >"$dir/leases/.$service.new" && mv -f "$dir/leases/.$service.new" "$dir/leases/$service" || return 1
  done
  echo "LEASED $expiry"
}`;

/** The arguments of renew_leases for a renewal. */
function renewalArgs(renewal: LeaseRenewal): string[] {
  return [String(renewal.expiry), String(renewal.sent), String(renewal.maxSkew), ...renewal.services];
}

/** What a target said of a renewal: renewed, or refused for its clock (the target's clock, in seconds). */
export type LeaseAnswer = { renewed: true } | { renewed: false; clock: number };

function leaseAnswerOf(lines: readonly string[]): LeaseAnswer | undefined {
  for (const line of lines) {
    if (line.startsWith('LEASED ')) return { renewed: true };
    if (line.startsWith('LEASE-SKEW ')) return { renewed: false, clock: Number(line.slice(11)) };
  }
  return undefined;
}

const RENEW = `${RENEW_LEASES}
dir=$1; shift
renew_leases "$@" || { echo "drover: cannot write the leases in $dir/leases" >&2; exit 10; }`;

/** Renews leases on a target in one round trip; throws RemoteError when they cannot be written. */
export async function renewLeases(
  transport: Transport,
  stateDir: string,
  renewal: LeaseRenewal,
  bounds: Bounds = DEFAULT_BOUNDS,
): Promise<LeaseAnswer> {
  const result = await transport.exec(['sh', '-c', RENEW, 'sh', stateDir, ...renewalArgs(renewal)], {
    timeoutMs: bounds.commandMs,
  });
  if (result.code !== 0) throw new RemoteError(`renewing the leases in ${stateDir}`, result);
  return leaseAnswerOf(result.stdout.split('\n')) ?? { renewed: true };
}

const PROBE = `${STATE_FUNCTIONS}${RENEW_LEASES}
dir=$1; shift
[ $# -eq 0 ] || renew_leases "$@" || echo "LEASE-FAILED"
current_generation
echo "GENERATION $gen"
if [ "$gen" != 0 ]; then
  if regular "$dir/generations/$gen.digest"; then echo "DIGEST $(cat "$dir/generations/$gen.digest")"; fi
  if regular "$dir/generations/$gen.probe"; then sh "$dir/generations/$gen.probe" 2>/dev/null; fi
fi
[ ! -d "$dir/lock" ] || echo LOCKED
if [ -r /proc/loadavg ]; then read -r one five fifteen rest </proc/loadavg && echo "LOAD $one $five $fifteen"; fi
if [ -r /proc/meminfo ]; then awk '/^MemAvailable:/ { printf "MEMORY %.0f\\n", $2 * 1024 }' /proc/meminfo; fi
df -Pk "$dir" 2>/dev/null | awk 'NR == 2 { printf "DISK %.0f\\n", $4 * 1024 }'
`;

/** Probes a target in one round trip (see PROBE), renewing its leases first; throws RemoteError when its state cannot be read. */
export async function probe(
  transport: Transport,
  stateDir: string,
  bounds: Bounds = DEFAULT_BOUNDS,
  renewal?: LeaseRenewal,
): Promise<ProbeReport> {
  const args = renewal !== undefined && renewal.services.length > 0 ? renewalArgs(renewal) : [];
  const result = await transport.exec(['sh', '-c', PROBE, 'sh', stateDir, ...args], {
    timeoutMs: bounds.commandMs,
  });
  if (result.code !== 0) throw new RemoteError(`probing ${stateDir}`, result);
  const lines = result.stdout.split('\n');
  const report: ProbeReport = { generation: 0, locked: lines.includes('LOCKED') };
  const number = (text: string | undefined) =>
    text !== undefined && /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
  for (const line of lines) {
    const [word, ...rest] = line.split(' ');
    if (word === 'GENERATION') report.generation = number(rest[0]) ?? 0;
    else if (word === 'DIGEST' && rest[0]) report.digest = rest[0];
    else if (word === 'MEMORY') report.memoryAvailable = number(rest[0]);
    else if (word === 'DISK') report.diskFree = number(rest[0]);
    else if (word === 'LOAD' && rest.length >= 3) {
      const [one, five, fifteen] = rest.map(number);
      if (one !== undefined && five !== undefined && fifteen !== undefined)
        report.load = [one, five, fifteen];
    }
  }
  const observed = parseProbe(lines);
  if (observed) report.observed = observed;
  if (args.length > 0)
    report.lease = lines.includes('LEASE-FAILED')
      ? { renewed: false, error: 'cannot write the leases' }
      : (leaseAnswerOf(lines) ?? { renewed: true });
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
  [ "$n" -ge "$oldest" ] || rm -f "$manifest" "$dir/generations/$n.digest" "$dir/generations/$n.probe" "$dir/generations/$n.boot"
done
echo "REMOVED $removed"
`;

/** Deletes store entries not in `keep` and manifests older than generation `oldest`; returns how many entries went. */
export async function collectGarbage(
  transport: Transport,
  stateDir: string,
  oldest: number,
  keep: readonly string[],
  bounds: Bounds = DEFAULT_BOUNDS,
): Promise<number> {
  const result = await transport.exec(
    ['sh', '-c', COLLECT_GARBAGE, 'sh', stateDir, String(oldest), ...keep],
    { timeoutMs: bounds.gcMs },
  );
  if (result.code !== 0) throw new RemoteError('cannot collect garbage', result);
  return Number(/REMOVED (\d+)/.exec(result.stdout)?.[1] ?? 0);
}
