/**
 * State that lives with a service on its target (a database its activation module keeps): snapshots of it,
 * kept on that target under `<stateDir>/snapshots/<service>/`, and moving it with its service
 * (`deployState`), as Disnix does with Dysnomia: lock it where it runs, snapshot it there, stream the
 * snapshot through the controller to the new target with a checksum checked at both ends, restore it there.
 * The deployment then starts the new copy and stops the old one, whose data stays (locked: nothing can
 * write to it any more) until `drover gc --state`. Undoing a move unlocks the old copy and deletes the new.
 */
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { Argv } from '../../renderers/argv.ts';
import { shellQuote } from '../../renderers/sh-quote.ts';
import type { Redactor } from '../redact.ts';
import type { Transport } from '../transport/transport.ts';
import type { DeployedUnit } from './manifest.ts';
import { RemoteError, uploadBound, type Bounds } from './remote.ts';

/** The folder of a service's snapshots on its target. */
export const snapshotDir = (stateDir: string, service: string) => `${stateDir}/snapshots/${service}`;

/** A shell command line for `eval`: every argv of `argvs`, in order, stopping at the first that fails. */
export function chained(argvs: readonly Argv[] | undefined): string {
  return (argvs ?? []).map((argv) => argv.map(shellQuote).join(' ')).join(' && ');
}

/**
 * Takes a snapshot through $SNAPSHOT into `$1/$2`, written whole or not at all, then keeps the newest `$3`
 * (all when 0); prints its size in bytes and its sha256.
 */
export const TAKE_SNAPSHOT = `dir=$1 name=$2 keep=$3
mkdir -p "$dir" || exit 1
(eval "$SNAPSHOT") >"$dir/.$name.new" || { rm -f "$dir/.$name.new"; echo "drover: taking the snapshot failed" >&2; exit 1; }
mv "$dir/.$name.new" "$dir/$name" || exit 1
[ "$keep" -eq 0 ] || ls -1 "$dir" | sort -r | tail -n +$((keep + 1)) | while read -r old; do rm -f "$dir/$old"; done
echo "$(wc -c <"$dir/$name") $(sha256sum <"$dir/$name" | cut -d ' ' -f 1)"`;

/** Lists the snapshots in `$1`, newest first, each with its size in bytes. */
export const LIST_SNAPSHOTS =
  '[ -d "$1" ] || exit 0; cd "$1" && for f in $(ls -1 | sort -r); do echo "$f $(wc -c <"$f")"; done';

/** Restores `$1/$2` (the newest when empty) through $RESTORE; prints the snapshot's name. */
export const RESTORE_SNAPSHOT = `dir=$1 name=$2
[ -n "$name" ] || name=$(ls -1 "$dir" 2>/dev/null | sort -r | head -n 1)
[ -n "$name" ] && [ -f "$dir/$name" ] || { echo "drover: no snapshot \${name:-at all} in $dir" >&2; exit 1; }
(eval "$RESTORE") <"$dir/$name" || exit 1
echo "$name"`;

/** Writes standard input to `$1/$2` once its sha256 is `$3`: whole and intact, or not at all. */
const RECEIVE_SNAPSHOT = `dir=$1 name=$2 sum=$3
mkdir -p "$dir" && cat >"$dir/.$name.new" || { rm -f "$dir/.$name.new"; echo "drover: cannot write $dir/$name" >&2; exit 1; }
got=$(sha256sum <"$dir/.$name.new" | cut -d ' ' -f 1)
[ "$got" = "$sum" ] || { rm -f "$dir/.$name.new"; echo "drover: the snapshot arrived damaged (sha256 $got, sent $sum)" >&2; exit 1; }
mv "$dir/.$name.new" "$dir/$name"`;

/** A service whose state moves with it, leaving one target for another in a deployment. */
export interface StateMove {
  service: string;
  /** Its copy on the target it leaves, as that target's manifest records it. */
  from: DeployedUnit;
  /** Its copy on the target it goes to. */
  to: DeployedUnit;
}

/** How far a move went, to report it or undo it. */
export interface MovedState extends StateMove {
  /** The snapshot's name on both targets. */
  snapshot: string;
  bytes: number;
  sha256: string;
  /** Its state was restored on the new target (undoing deletes it there). */
  restored: boolean;
}

/**
 * The moves among a deployment's steps: a service with `deployState` activated on one target and
 * deactivated on another. `deactivated` are the units leaving their targets, `activated` those arriving.
 */
export function stateMovesOf(
  deactivated: readonly DeployedUnit[],
  activated: readonly DeployedUnit[],
): StateMove[] {
  return activated.flatMap((to) => {
    if (to.deployState !== true) return [];
    const from = deactivated.find(
      (u) => u.service === to.service && u.target !== to.target && u.commands?.snapshot !== undefined,
    );
    return from === undefined ? [] : [{ service: to.service, from, to }];
  });
}

/** Connections to the two targets of a move, with what bounds its commands and redacts their output. */
export interface MoveContext {
  from: Transport;
  to: Transport;
  bounds: Bounds;
  redactor: Redactor;
}

/**
 * Carries a service's state to its new target: locks it and snapshots it on the target it leaves (snapshot
 * `name`), and streams the snapshot to the new target through this process, checked with sha256 at both
 * ends; `restoreState` then restores it there. `progress` is told the move before anything is done
 * (undoMove undoes what it says); throws RemoteError.
 */
export async function carryState(
  move: StateMove,
  name: string,
  context: MoveContext,
  progress: (moved: MovedState) => void,
): Promise<MovedState> {
  const { from, to, bounds, redactor } = context;
  const fromDir = snapshotDir(move.from.stateDir, move.service);
  const toDir = snapshotDir(move.to.stateDir, move.service);
  const commands = move.from.commands!;
  const moved: MovedState = { ...move, snapshot: name, bytes: 0, sha256: '', restored: false };
  progress(moved);

  // Locked first (its module refuses writes until unlocked), so that nothing written later is lost.
  const lockAndTake = `LOCK=${shellQuote(chained(commands.lock) || 'true')}
SNAPSHOT=${shellQuote(chained(commands.snapshot))}
(eval "$LOCK") || { echo "drover: cannot lock its state" >&2; exit 1; }
${TAKE_SNAPSHOT}`;
  const taken = await from.exec(['sh', '-c', lockAndTake, 'sh', fromDir, name, '0'], {
    timeoutMs: bounds.scriptMs,
  });
  if (taken.code !== 0)
    throw new RemoteError(`snapshotting ${move.service} on ${move.from.target}`, taken, redactor);
  const [bytes, sum] = taken.stdout.trim().split(' ');
  moved.bytes = Number(bytes);
  moved.sha256 = sum ?? '';

  // Streamed, never held whole here: counted and hashed on the way.
  const meter = new SnapshotMeter(moved.bytes);
  const timeoutMs = uploadBound(moved.bytes, bounds);
  const [sent, received] = await Promise.all([
    from.exec(sendSnapshot(fromDir, name), { stdout: meter, timeoutMs }),
    to.exec(receiveSnapshot(toDir, name, moved.sha256), { input: meter, timeoutMs }),
  ]);
  if (sent.code !== 0)
    throw new RemoteError(`sending the snapshot of ${move.service} from ${move.from.target}`, sent, redactor);
  if (received.code !== 0)
    throw new RemoteError(
      `receiving the snapshot of ${move.service} on ${move.to.target}`,
      received,
      redactor,
    );
  const passed = meter.digest();
  if (passed.sha256 !== moved.sha256 || passed.bytes !== moved.bytes)
    throw new Error(
      `the snapshot of ${move.service} passed through damaged (${passed.bytes} bytes, sha256 ${passed.sha256}; ${move.from.target} sent ${moved.bytes} bytes, sha256 ${moved.sha256})`,
    );
  return moved;
}

/** The argv that prints a target's snapshot `<dir>/<name>`. */
export const sendSnapshot = (dir: string, name: string) => [
  'sh',
  '-c',
  'exec cat -- "$1/$2"',
  'sh',
  dir,
  name,
];

/** The argv that writes its standard input to `<dir>/<name>` once its sha256 is `sha256`, or not at all. */
export const receiveSnapshot = (dir: string, name: string, sha256: string) => [
  'sh',
  '-c',
  RECEIVE_SNAPSHOT,
  'sh',
  dir,
  name,
  sha256,
];

/**
 * A snapshot on its way through this process, counted and hashed; it fails (and stops the copy) past
 * the `announced` size. Errors are not thrown at the pipe: `digest()` shows what passed, to be checked.
 */
export class SnapshotMeter extends Transform {
  private readonly hash = createHash('sha256');
  private seen = 0;

  constructor(private readonly announced: number) {
    super();
    this.on('error', () => undefined);
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null, data?: Buffer) => void,
  ): void {
    this.seen += chunk.length;
    if (this.seen > this.announced) return done(new Error(`more than the ${this.announced} bytes announced`));
    this.hash.update(chunk);
    done(null, chunk);
  }

  /** How many bytes passed, and their sha256 (once the copy ended). */
  digest(): { bytes: number; sha256: string } {
    return { bytes: this.seen, sha256: this.hash.digest('hex') };
  }
}

/**
 * Restores the state `carryState` brought to the new target, once what it runs in there has started (a
 * database server started in the same deployment); throws RemoteError.
 */
export async function restoreState(moved: MovedState, context: MoveContext): Promise<void> {
  const restore = `RESTORE=${shellQuote(chained(moved.to.commands?.restore))}\n${RESTORE_SNAPSHOT}`;
  const args = [snapshotDir(moved.to.stateDir, moved.service), moved.snapshot];
  moved.restored = true; // undone even when it failed half-way: its module's collectGarbage is idempotent
  const restored = await context.to.exec(['sh', '-c', restore, 'sh', ...args], {
    timeoutMs: context.bounds.scriptMs,
  });
  if (restored.code !== 0)
    throw new RemoteError(`restoring ${moved.service} on ${moved.to.target}`, restored, context.redactor);
}

/**
 * Undoes a move: the state restored on the new target is deleted (its module's collectGarbage), the old
 * copy unlocked. Returns what could not be undone, per target.
 */
export async function undoMove(
  moved: MovedState,
  context: MoveContext,
): Promise<{ target: string; message: string }[]> {
  const failures: { target: string; message: string }[] = [];
  const run = async (
    transport: Transport,
    unit: DeployedUnit,
    argvs: readonly Argv[] | undefined,
    what: string,
  ) => {
    if (argvs === undefined || argvs.length === 0) return;
    try {
      const result = await transport.exec(['sh', '-c', chained(argvs)], {
        timeoutMs: context.bounds.scriptMs,
      });
      if (result.code !== 0) throw new RemoteError(what, result, context.redactor);
    } catch (error) {
      failures.push({
        target: unit.target,
        message: `${unit.target}: ${what} failed (${error instanceof Error ? error.message : String(error)})`,
      });
    }
  };
  if (moved.restored)
    await run(
      context.to,
      moved.to,
      moved.to.commands?.collectGarbage,
      `deleting the state of ${moved.service} restored there`,
    );
  await run(context.from, moved.from, moved.from.commands?.unlock, `unlocking the state of ${moved.service}`);
  return failures;
}
