/**
 * `drover snapshot`, `drover snapshots` and `drover restore`: the state of services whose activation module
 * has one (a database), kept on their targets under `<stateDir>/snapshots/<service>/`, named after the
 * time they were taken, the newest `--keep` of them kept. Restoring replaces the service's state with a
 * snapshot: what was written after it is lost, and the command says so.
 */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Evaluation } from '../core/evaluate.ts';
import type { TargetModel } from '../core/models/types.ts';
import type { Unit } from '../core/units.ts';
import type { Transport } from '../transport/transport.ts';
import { evaluateDirectory } from '../folder/models-folder.ts';
import { shellQuote } from '../../renderers/sh-quote.ts';
import { EXIT_INCOMPLETE, type TargetOptions } from './command.ts';
import { deployContext } from './context.ts';
import { boundsOf, messageOf, scriptOutput, withTarget, type DeployContext } from './deploy.ts';
import { RemoteError, uploadBound } from './remote.ts';
import {
  chained,
  LIST_SNAPSHOTS,
  receiveSnapshot,
  RESTORE_SNAPSHOT,
  sendSnapshot,
  snapshotDir,
  SnapshotMeter,
  TAKE_SNAPSHOT,
} from './state.ts';

/** What to act on: the units of the service (or of every service with state) on the targets named. */
interface Selection {
  service?: string;
  target?: string[];
}

/** The units with state among those selected, with their targets. */
function statefulUnits(evaluation: Evaluation, selection: Selection): { unit: Unit; target: TargetModel }[] {
  if (selection.service !== undefined && !evaluation.models.services.has(selection.service))
    throw new Error(`--service ${selection.service}: no such service`);
  const units = evaluation.units.filter(
    (u) =>
      (selection.service === undefined || u.service === selection.service) &&
      (selection.target === undefined || selection.target.includes(u.target)),
  );
  const stateful = units.filter((u) => u.rendered?.commands.snapshot !== undefined);
  if (selection.service !== undefined && units.length > 0 && stateful.length === 0)
    throw new Error(
      `${selection.service} has no state drover can snapshot (its activation module keeps none)`,
    );
  return stateful.map((unit) => ({ unit, target: evaluation.models.targets.get(unit.target)! }));
}

/** Why an action on a target failed: its message, and the last lines the target printed. */
function failureOf(error: unknown): string {
  const tail = error instanceof RemoteError ? error.output.filter((l) => l.trim() !== '').slice(-3) : [];
  return [messageOf(error), ...tail].join('; ');
}

/**
 * Runs `act` for each selected unit with state, printing `<service> on <target>: ` and what it returns,
 * (a list when it starts a new line), or `failed` and why; exit 4 when one failed (the others still ran).
 */
async function eachStatefulUnit(
  dir: string,
  selection: TargetOptions & Selection,
  failed: string,
  act: (unit: Unit, target: TargetModel, transport: Transport, context: DeployContext) => Promise<string>,
): Promise<number> {
  const evaluation = evaluateDirectory(dir);
  const context = deployContext(selection);
  let code = 0;
  for (const { unit, target } of statefulUnits(evaluation, selection)) {
    const on = `${unit.service} on ${target.name}`;
    try {
      const text = await withTarget(target, context, (transport) => act(unit, target, transport, context));
      process.stdout.write(`${on}:${text.startsWith('\n') ? '' : ' '}${text}\n`);
    } catch (error) {
      code = EXIT_INCOMPLETE;
      process.stdout.write(`${on}: ${failed}: ${failureOf(error)}\n`);
    }
  }
  return code;
}

/**
 * Runs `drover snapshot [DIR] [--service S] [--target T] [--keep N] [--download TO]`: with --download,
 * each snapshot is copied here too, to `TO/<service>/<target>/<name>` with its sha256 in `<name>.sha256`
 * beside it (a copy that outlives its target).
 */
export function runSnapshot(
  dir: string,
  options: TargetOptions & Selection & { keep: number; download?: string },
): Promise<number> {
  let name: string | undefined; // one for every unit of this run
  return eachStatefulUnit(dir, options, 'no snapshot', async (unit, target, transport, context) => {
    name ??= `${context.now().toISOString().replace(/[:.]/g, '-')}.snapshot`;
    const script = `SNAPSHOT=${shellQuote(chained(unit.rendered!.commands.snapshot))}\n${TAKE_SNAPSHOT}`;
    const snapshots = snapshotDir(target.stateDir, unit.service);
    const args = [snapshots, name, String(options.keep)];
    const [size, sha256] = (await scriptOutput(transport, context, 'taking the snapshot', script, args))
      .trim()
      .split(' ');
    if (options.download === undefined) return `${name} (${size} bytes)`;
    const copy = { name, bytes: Number(size), sha256: sha256 ?? '' };
    const path = await download(
      transport,
      context,
      snapshots,
      copy,
      join(options.download, unit.service, target.name),
    );
    return `${name} (${size} bytes), downloaded to ${path}`;
  });
}

/** A snapshot, as the target that took it describes it. */
interface SnapshotCopy {
  name: string;
  bytes: number;
  sha256: string;
}

/**
 * Copies a snapshot from its target's `dir` into the folder `into` here, checked against the sha256 the
 * target computed, whole or not at all, with `<name>.sha256` beside it; returns its path.
 */
async function download(
  transport: Transport,
  context: DeployContext,
  dir: string,
  copy: SnapshotCopy,
  into: string,
): Promise<string> {
  const path = join(into, copy.name);
  const partial = join(into, `.${copy.name}.new`);
  mkdirSync(into, { recursive: true });
  try {
    const meter = new SnapshotMeter(copy.bytes);
    const written = pipeline(meter, createWriteStream(partial, { mode: 0o600 }));
    const sent = await transport
      .exec(sendSnapshot(dir, copy.name), {
        stdout: meter,
        timeoutMs: uploadBound(copy.bytes, boundsOf(context)),
      })
      .catch(async (error: unknown) => {
        meter.destroy(); // closes the file too
        await written.catch(() => undefined);
        throw error;
      });
    await written;
    if (sent.code !== 0) throw new RemoteError('downloading the snapshot', sent);
    const got = meter.digest();
    if (got.sha256 !== copy.sha256 || got.bytes !== copy.bytes)
      throw new Error(
        `the snapshot arrived damaged (${got.bytes} bytes, sha256 ${got.sha256}; the target has ${copy.bytes} bytes, sha256 ${copy.sha256})`,
      );
    writeFileSync(`${path}.sha256`, `${copy.sha256}  ${copy.name}\n`);
    renameSync(partial, path);
    return path;
  } finally {
    rmSync(partial, { force: true });
  }
}

/** A snapshot file here, checked against the `<file>.sha256` beside it when there is one. */
async function localSnapshot(file: string): Promise<SnapshotCopy> {
  const name = basename(file);
  if (!SNAPSHOT_NAME.test(name))
    throw new Error(
      `--from ${file}: a snapshot's file keeps the name drover gave it (letters, digits, . _ -)`,
    );
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new Error(`--from ${file}: no such file`);
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  const sha256 = hash.digest('hex');
  const sidecar = `${file}.sha256`;
  if (existsSync(sidecar)) {
    const recorded = readFileSync(sidecar, 'utf8').split(/\s/)[0];
    if (recorded !== sha256)
      throw new Error(`--from ${file}: damaged, its sha256 is ${sha256} and ${sidecar} says ${recorded}`);
  }
  return { name, bytes: stat.size, sha256 };
}

/** Sends a snapshot file here to a target's `dir`, checked there: whole and intact, or not at all. */
async function upload(
  transport: Transport,
  context: DeployContext,
  dir: string,
  file: string,
  copy: SnapshotCopy,
): Promise<void> {
  const received = await transport.exec(receiveSnapshot(dir, copy.name, copy.sha256), {
    input: createReadStream(file),
    timeoutMs: uploadBound(copy.bytes, boundsOf(context)),
  });
  if (received.code !== 0) throw new RemoteError('uploading the snapshot', received);
}

/** Runs `drover snapshots [DIR] [--service S] [--target T]`: each one, newest first. */
export function runSnapshots(dir: string, options: TargetOptions & Selection): Promise<number> {
  return eachStatefulUnit(dir, options, 'unreachable', async (unit, target, transport, context) => {
    const listing = await scriptOutput(transport, context, 'listing the snapshots', LIST_SNAPSHOTS, [
      snapshotDir(target.stateDir, unit.service),
    ]);
    const lines = listing.trim() === '' ? ['none'] : listing.trim().split('\n');
    return `\n${lines.map((l) => `  ${l.replace(/ (\d+)$/, ' ($1 bytes)')}`).join('\n')}`;
  });
}

/** A snapshot's name: what drover gives them. */
const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Runs `drover restore [DIR] --service S [--target T] [--snapshot NAME | --from FILE]`: --from sends a
 * snapshot kept here (`drover snapshot --download`) to the target first, then restores it.
 */
export async function runRestore(
  dir: string,
  options: TargetOptions & Selection & { snapshot?: string; from?: string },
): Promise<number> {
  if (options.service === undefined)
    throw new Error('restore needs --service: the service whose state to replace');
  if (options.snapshot !== undefined && !SNAPSHOT_NAME.test(options.snapshot))
    throw new Error(`--snapshot ${options.snapshot}: a snapshot's name, as drover snapshots lists them`);
  const local = options.from !== undefined ? await localSnapshot(options.from) : undefined;
  return eachStatefulUnit(
    dir,
    options,
    'not restored, left as it was',
    async (unit, target, transport, context) => {
      const restore = unit.rendered!.commands.restore;
      if (restore === undefined) throw new Error('its activation module cannot restore');
      const snapshots = snapshotDir(target.stateDir, unit.service);
      if (local !== undefined) await upload(transport, context, snapshots, options.from!, local);
      const script = `RESTORE=${shellQuote(chained(restore))}\n${RESTORE_SNAPSHOT}`;
      const args = [snapshots, local?.name ?? options.snapshot ?? ''];
      const name = (await scriptOutput(transport, context, 'restoring', script, args)).trim();
      return `restored ${name}; what was written after that snapshot was taken is lost`;
    },
  );
}
