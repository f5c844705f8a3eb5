/**
 * `drover snapshot`, `drover snapshots` and `drover restore`: the state of services whose activation module
 * has one (a database), kept on their targets under `<stateDir>/snapshots/<service>/`, named after the
 * time they were taken, the newest `--keep` of them kept. Restoring replaces the service's state with a
 * snapshot: what was written after it is lost, and the command says so.
 */
import type { Evaluation } from '../core/evaluate.ts';
import type { TargetModel } from '../core/models/types.ts';
import type { Unit } from '../core/units.ts';
import { evaluateDirectory } from '../folder/models-folder.ts';
import type { Argv } from '../../renderers/argv.ts';
import { shellQuote } from '../../renderers/sh-quote.ts';
import { EXIT_INCOMPLETE, type TargetOptions } from './command.ts';
import { deployContext } from './context.ts';
import { boundsOf, connectBounded, messageOf, type DeployContext } from './deploy.ts';

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

/** A shell command line: every argv of `argvs`, in order, stopping at the first that fails. */
function chained(argvs: Argv[]): string {
  return argvs.map((argv) => argv.map(shellQuote).join(' ')).join(' && ');
}

/** Runs a script on a target and returns its standard output; throws with its error output when it fails. */
async function onTarget(
  target: TargetModel,
  context: DeployContext,
  script: string,
  args: string[],
): Promise<string> {
  const transport = await connectBounded(target, context);
  try {
    const result = await transport.exec(['sh', '-c', script, 'sh', ...args], {
      timeoutMs: boundsOf(context).scriptMs,
    });
    if (result.code !== 0)
      throw new Error(result.stderr.trim().split('\n').slice(-3).join('; ') || `exit ${result.code}`);
    return result.stdout;
  } finally {
    await transport.close().catch(() => undefined);
  }
}

/** The folder of a service's snapshots on its target. */
const snapshotDir = (target: TargetModel, service: string) => `${target.stateDir}/snapshots/${service}`;

/** Takes a snapshot into `$1/$2`, written whole or not at all, then keeps the newest `$3`; prints its size. */
const TAKE = `dir=$1 name=$2 keep=$3; shift 3
mkdir -p "$dir" || exit 1
(eval "$SNAPSHOT") >"$dir/.$name.new" || { rm -f "$dir/.$name.new"; exit 1; }
mv "$dir/.$name.new" "$dir/$name" || exit 1
ls -1 "$dir" | sort -r | tail -n +$((keep + 1)) | while read -r old; do rm -f "$dir/$old"; done
wc -c <"$dir/$name"`;

/** Runs `drover snapshot [DIR] [--service S] [--target T] [--keep N]`. */
export async function runSnapshot(
  dir: string,
  options: TargetOptions & Selection & { keep: number },
): Promise<number> {
  const evaluation = evaluateDirectory(dir);
  const context = deployContext(options);
  const name = `${context.now().toISOString().replace(/[:.]/g, '-')}.snapshot`;
  let failed = false;
  for (const { unit, target } of statefulUnits(evaluation, options)) {
    try {
      const script = `SNAPSHOT=${shellQuote(chained(unit.rendered!.commands.snapshot!))}\n${TAKE}`;
      const size = await onTarget(target, context, script, [
        snapshotDir(target, unit.service),
        name,
        String(options.keep),
      ]);
      process.stdout.write(`${unit.service} on ${target.name}: ${name} (${size.trim()} bytes)\n`);
    } catch (error) {
      failed = true;
      process.stdout.write(`${unit.service} on ${target.name}: no snapshot: ${messageOf(error)}\n`);
    }
  }
  return failed ? EXIT_INCOMPLETE : 0;
}

/** Runs `drover snapshots [DIR] [--service S] [--target T]`: each one, newest first. */
export async function runSnapshots(dir: string, options: TargetOptions & Selection): Promise<number> {
  const evaluation = evaluateDirectory(dir);
  const context = deployContext(options);
  let failed = false;
  for (const { unit, target } of statefulUnits(evaluation, options)) {
    try {
      const listing = await onTarget(
        target,
        context,
        '[ -d "$1" ] || exit 0; cd "$1" && for f in $(ls -1 | sort -r); do echo "$f $(wc -c <"$f")"; done',
        [snapshotDir(target, unit.service)],
      );
      const lines =
        listing.trim() === ''
          ? ['  none']
          : listing
              .trim()
              .split('\n')
              .map((l) => {
                const [file, bytes] = l.split(' ');
                return `  ${file} (${bytes} bytes)`;
              });
      process.stdout.write(`${unit.service} on ${target.name}:\n${lines.join('\n')}\n`);
    } catch (error) {
      failed = true;
      process.stdout.write(`${unit.service} on ${target.name}: unreachable: ${messageOf(error)}\n`);
    }
  }
  return failed ? EXIT_INCOMPLETE : 0;
}

/** Restores `$1/$2` (the newest when empty) through $RESTORE; prints the snapshot's name. */
const RESTORE = `dir=$1 name=$2
[ -n "$name" ] || name=$(ls -1 "$dir" 2>/dev/null | sort -r | head -n 1)
[ -n "$name" ] && [ -f "$dir/$name" ] || { echo "no snapshot \${name:-at all} in $dir" >&2; exit 1; }
(eval "$RESTORE") <"$dir/$name" || exit 1
echo "$name"`;

/** Runs `drover restore [DIR] --service S [--target T] [--snapshot NAME]`. */
export async function runRestore(
  dir: string,
  options: TargetOptions & Selection & { snapshot?: string },
): Promise<number> {
  if (options.service === undefined)
    throw new Error('restore needs --service: the service whose state to replace');
  if (options.snapshot !== undefined && !/^[A-Za-z0-9._-]+$/.test(options.snapshot))
    throw new Error(`--snapshot ${options.snapshot}: a snapshot's name, as drover snapshots lists them`);
  const evaluation = evaluateDirectory(dir);
  const context = deployContext(options);
  let failed = false;
  for (const { unit, target } of statefulUnits(evaluation, options)) {
    try {
      const restore = unit.rendered!.commands.restore;
      if (restore === undefined) throw new Error('its activation module cannot restore');
      const script = `RESTORE=${shellQuote(chained(restore))}\n${RESTORE}`;
      const name = (
        await onTarget(target, context, script, [snapshotDir(target, unit.service), options.snapshot ?? ''])
      ).trim();
      process.stdout.write(
        `${unit.service} on ${target.name}: restored ${name}; what was written after that snapshot was taken is lost\n`,
      );
    } catch (error) {
      failed = true;
      process.stdout.write(
        `${unit.service} on ${target.name}: not restored, left as it was: ${messageOf(error)}\n`,
      );
    }
  }
  return failed ? EXIT_INCOMPLETE : 0;
}
