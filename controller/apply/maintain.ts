/**
 * Looking after deployed targets: what runs there (`status`), going back to the previous generation
 * (`rollback`) and deleting what no kept generation uses (`gc`).
 */
import type { TargetModel } from '../core/models/types.ts';
import { compareStrings } from '../core/problems.ts';
import { unitId } from '../core/units.ts';
import { Redactor } from '../redact.ts';
import type { Transport } from '../transport/transport.ts';
import {
  boundsOf,
  connectBounded,
  connectTarget,
  deploy,
  DeployError,
  withoutName,
  type DeployContext,
  type DeployResult,
} from './deploy.ts';
import { waitHealthy } from './health.ts';
import { removeBootHook } from './boot-hook.ts';
import type { DeployedUnit, Manifest } from './manifest.ts';
import {
  begin,
  collectGarbage,
  collectState,
  parseProbe,
  probeScript,
  readGenerations,
  RemoteError,
  SCRIPT_FROM_INPUT,
  type Bounds,
  unlock,
} from './remote.ts';
import type { NotRunning, Observed } from '../core/observed.ts';

/** What one unit is doing now. */
interface UnitReport {
  unit: string;
  running: boolean;
  /** Its manager is starting it: it does not run yet, but nothing is wrong either. */
  starting?: boolean;
  /** Why it does not run, when it does not. */
  notRunning?: NotRunning;
  /** undefined when the unit has no health check. */
  healthy?: boolean;
  problem?: string;
}

/** What one target runs now. */
export interface TargetReport {
  target: string;
  generation: number;
  commit?: string;
  time?: string;
  lock?: string;
  /** drover's own managers there that are down. */
  managersDown: string[];
  units: UnitReport[];
  error?: string;
}

/** Asks every target what runs, which generation, and whether it is healthy (one attempt per check). */
export async function targetStatus(
  targets: readonly TargetModel[],
  context: DeployContext,
): Promise<TargetReport[]> {
  const bounds = boundsOf(context);
  const redactor = new Redactor(context.secrets);
  const reports = await Promise.all(
    targets.map(async (target): Promise<TargetReport> => {
      let transport;
      try {
        transport = await connectBounded(target, context);
        const report = await readGenerations(transport, target.stateDir, 1, bounds);
        const manifest = report.manifests[0];
        const out: TargetReport = {
          target: target.name,
          generation: report.current,
          managersDown: [],
          units: [],
        };
        if (manifest?.commit !== undefined) out.commit = manifest.commit;
        if (manifest) out.time = manifest.time;
        if (report.lock !== undefined) out.lock = report.lock;
        const units = manifest?.units ?? [];
        const observed = await observe(transport, units, bounds.commandMs);
        out.managersDown = observed.managersDown;
        for (const unit of units) {
          const id = unitId(unit);
          const why = observed.notRunning.get(id);
          const starting = observed.starting.includes(id);
          const entry: UnitReport = { unit: id, running: why === undefined && !starting };
          if (starting) entry.starting = true;
          if (why !== undefined) entry.notRunning = why;
          if (unit.healthCheck && entry.running) {
            const problem = await waitHealthy(
              transport,
              { ...unit.healthCheck, timeoutMs: 0 },
              (ms) => context.sleep(ms),
              () => context.now().getTime(),
              redactor,
            );
            entry.healthy = problem === undefined;
            if (problem !== undefined) entry.problem = problem;
          }
          out.units.push(entry);
        }
        return out;
      } catch (error) {
        // The report names the target already.
        const message = withoutName(error instanceof Error ? error.message : String(error), target.name);
        return {
          target: target.name,
          generation: 0,
          managersDown: [],
          units: [],
          error: redactor.text(message),
        };
      } finally {
        await transport?.close().catch(() => undefined);
      }
    }),
  );
  return reports.sort((a, b) => compareStrings(a.target, b.target));
}

/** What the managers say of the units, in one round trip (the probe their generation stores). */
async function observe(transport: Transport, units: DeployedUnit[], timeoutMs: number): Promise<Observed> {
  const result = await transport.exec(SCRIPT_FROM_INPUT, { input: probeScript(units), timeoutMs });
  return (
    parseProbe(result.stdout.split('\n')) ?? {
      running: [],
      starting: [],
      notRunning: new Map(),
      managersDown: [],
    }
  );
}

/**
 * Undoes the last deployment: every target it changed goes back to its generation before; the others
 * keep what they run. The result is recorded as a new generation (history stays linear, so rolling back
 * twice returns to where it started). The previous generation's store entries must still be there (gc
 * keeps the last few generations).
 */
export async function rollbackTargets(
  targets: readonly TargetModel[],
  context: DeployContext,
): Promise<DeployResult> {
  const bounds = boundsOf(context);
  const reports = await Promise.all(
    targets.map(async (target) => {
      const transport = await connectTarget(target, context);
      try {
        return { target, report: await readGenerations(transport, target.stateDir, 2, bounds) };
      } finally {
        await transport.close().catch(() => undefined);
      }
    }),
  );
  const latest = reports
    .map(({ report }) => report.manifests[0])
    .filter((m): m is Manifest => m !== undefined)
    .sort((a, b) => compareStrings(b.time, a.time))[0];
  if (!latest) throw new DeployError('nothing is deployed: there is nothing to roll back');
  // The commit the targets run afterwards: the one the rolled-back targets' previous generations record,
  // when they agree (a target the last deployment left alone ran that commit's configuration too).
  const commits = new Set<string | undefined>();
  const desired = reports.flatMap(({ target, report }) => {
    const [current, before] = report.manifests;
    if (!current || current.deployment !== latest.deployment) return current?.units ?? [];
    if (report.current > 1 && !before) {
      throw new DeployError(`${target.name}: generation ${report.current - 1} is gone (garbage-collected)`);
    }
    commits.add(before?.commit);
    return before?.units ?? [];
  });
  const [commit] = commits;
  return deploy(
    {
      targets,
      desired,
      ...(commits.size === 1 && commit !== undefined ? { commit } : {}),
      pack: (target, names) =>
        Promise.reject(
          new Error(`the store lacks ${names.join(', ')} (garbage-collected?): cannot roll back ${target}`),
        ),
    },
    context,
  );
}

/** What gc did on one target. */
interface GcReport {
  target: string;
  kept: number[];
  removed: number;
  /** It removed the target's boot hook: the current generation needs none (or bootHook is none). */
  removedBootHook: boolean;
  /** With `state`: the services whose state it deleted there, and those whose state it could not. */
  state?: { deleted: string[]; failed: string[] };
}

/** Removes a target's boot hook; true when there was one. */
async function removeBootHookOn(transport: Transport, stateDir: string, bounds: Bounds): Promise<boolean> {
  const result = await transport.exec(removeBootHook(stateDir), { timeoutMs: bounds.commandMs });
  if (result.code !== 0) throw new RemoteError('removing the boot hook', result);
  return result.stdout.includes('REMOVED');
}

/**
 * Deletes store entries and manifests that none of the last `keep` generations of a target uses, and its
 * boot hook when the current generation starts no manager of drover's; with `state`, the state (databases)
 * of services its current generation does not run.
 */
export async function collectTargets(
  targets: readonly TargetModel[],
  keep: number,
  context: DeployContext,
  state = false,
): Promise<GcReport[]> {
  const owner = JSON.stringify(context.owner);
  const bounds = boundsOf(context);
  return Promise.all(
    targets.map(async (target) => {
      const transport = await connectTarget(target, context);
      try {
        const locked = await begin(
          transport,
          target.stateDir,
          owner,
          context.staleLockMinutes ?? 10,
          [],
          bounds,
        );
        if (locked.locked)
          throw new DeployError(`${target.name} is locked by ${locked.owner || 'another run'}`, target.name);
        try {
          const report = await readGenerations(transport, target.stateDir, keep, bounds);
          const manifests: Manifest[] = report.manifests;
          const entries = new Set(manifests.flatMap((m) => m.units.flatMap((u) => u.entries)));
          const oldest =
            manifests.length > 0 ? Math.min(...manifests.map((m) => m.generation)) : report.current;
          const removed = await collectGarbage(transport, target.stateDir, oldest, [...entries], bounds);
          const current = manifests.find((m) => m.generation === report.current);
          const needsHook =
            target.bootHook !== 'none' && (current?.units.some((u) => u.commands?.manager) ?? false);
          const removedBootHook = !needsHook && (await removeBootHookOn(transport, target.stateDir, bounds));
          const gcReport: GcReport = {
            target: target.name,
            kept: manifests.map((m) => m.generation),
            removed,
            removedBootHook,
          };
          if (state) {
            const running = [...new Set((current?.units ?? []).map((u) => u.service))];
            gcReport.state = await collectState(transport, target.stateDir, running, bounds);
          }
          return gcReport;
        } finally {
          await unlock(transport, target.stateDir, owner, bounds);
        }
      } catch (error) {
        if (error instanceof RemoteError || error instanceof DeployError) throw error;
        throw new DeployError(
          `${target.name}: ${error instanceof Error ? error.message : String(error)}`,
          target.name,
          { cause: error },
        );
      } finally {
        await transport.close().catch(() => undefined);
      }
    }),
  );
}
