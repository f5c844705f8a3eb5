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
import { shellQuote } from '../../renderers/sh-quote.ts';
import { EXIT_INCOMPLETE, type TargetOptions } from './command.ts';
import { deployContext } from './context.ts';
import { messageOf, runOnTarget, type DeployContext } from './deploy.ts';
import { RemoteError } from './remote.ts';
import { chained, LIST_SNAPSHOTS, RESTORE_SNAPSHOT, snapshotDir, TAKE_SNAPSHOT } from './state.ts';

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
  act: (unit: Unit, target: TargetModel, context: DeployContext) => Promise<string>,
): Promise<number> {
  const evaluation = evaluateDirectory(dir);
  const context = deployContext(selection);
  let code = 0;
  for (const { unit, target } of statefulUnits(evaluation, selection)) {
    const on = `${unit.service} on ${target.name}`;
    try {
      const text = await act(unit, target, context);
      process.stdout.write(`${on}:${text.startsWith('\n') ? '' : ' '}${text}\n`);
    } catch (error) {
      code = EXIT_INCOMPLETE;
      process.stdout.write(`${on}: ${failed}: ${failureOf(error)}\n`);
    }
  }
  return code;
}

/** Runs `drover snapshot [DIR] [--service S] [--target T] [--keep N]`. */
export function runSnapshot(
  dir: string,
  options: TargetOptions & Selection & { keep: number },
): Promise<number> {
  let name: string | undefined; // one for every unit of this run
  return eachStatefulUnit(dir, options, 'no snapshot', async (unit, target, context) => {
    name ??= `${context.now().toISOString().replace(/[:.]/g, '-')}.snapshot`;
    const script = `SNAPSHOT=${shellQuote(chained(unit.rendered!.commands.snapshot))}\n${TAKE_SNAPSHOT}`;
    const args = [snapshotDir(target.stateDir, unit.service), name, String(options.keep)];
    const [size] = (await runOnTarget(target, context, 'taking the snapshot', script, args))
      .trim()
      .split(' ');
    return `${name} (${size} bytes)`;
  });
}

/** Runs `drover snapshots [DIR] [--service S] [--target T]`: each one, newest first. */
export function runSnapshots(dir: string, options: TargetOptions & Selection): Promise<number> {
  return eachStatefulUnit(dir, options, 'unreachable', async (unit, target, context) => {
    const listing = await runOnTarget(target, context, 'listing the snapshots', LIST_SNAPSHOTS, [
      snapshotDir(target.stateDir, unit.service),
    ]);
    const lines = listing.trim() === '' ? ['none'] : listing.trim().split('\n');
    return `\n${lines.map((l) => `  ${l.replace(/ (\d+)$/, ' ($1 bytes)')}`).join('\n')}`;
  });
}

/** Runs `drover restore [DIR] --service S [--target T] [--snapshot NAME]`. */
export function runRestore(
  dir: string,
  options: TargetOptions & Selection & { snapshot?: string },
): Promise<number> {
  if (options.service === undefined)
    throw new Error('restore needs --service: the service whose state to replace');
  if (options.snapshot !== undefined && !/^[A-Za-z0-9._-]+$/.test(options.snapshot))
    throw new Error(`--snapshot ${options.snapshot}: a snapshot's name, as drover snapshots lists them`);
  return eachStatefulUnit(dir, options, 'not restored, left as it was', async (unit, target, context) => {
    const restore = unit.rendered!.commands.restore;
    if (restore === undefined) throw new Error('its activation module cannot restore');
    const script = `RESTORE=${shellQuote(chained(restore))}\n${RESTORE_SNAPSHOT}`;
    const args = [snapshotDir(target.stateDir, unit.service), options.snapshot ?? ''];
    const name = (await runOnTarget(target, context, 'restoring', script, args)).trim();
    return `restored ${name}; what was written after that snapshot was taken is lost`;
  });
}
