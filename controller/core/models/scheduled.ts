/**
 * The services the scheduler places (`replicas`, `placement.everywhere`), as loading sees them: their
 * fields checked, the scheduler run on the targets, and its placements merged with distribution.yaml's.
 */
import { resourcesOf, type Resources } from '../quantities.ts';
import {
  schedule,
  type HeldCopy,
  type Liveness,
  type PlacementChange,
  type PlacementsDocument,
} from '../schedule.ts';
import { compareStrings } from '../problems.ts';
import type { Placement, ServiceModel, TargetModel } from './types.ts';
import type { SourceRef } from './yaml-source.ts';
import { BUILTIN_CONTAINERS, serviceField } from './types.ts';

/** What the scheduler decides from, besides the models. */
export interface SchedulingOptions {
  /** The placements made before (placements.json). */
  prior?: PlacementsDocument;
  /** The controller's probes: each target's liveness (`since`: ms since the epoch). */
  liveness?: ReadonlyMap<string, Liveness>;
  /** Now, in ms since the epoch (for how long a target has been unreachable). */
  now?: number;
  /** How long a target may not answer before its copies move (default 60 s). */
  failoverAfterMs?: number;
}

/** The default of failoverAfterMs. */
export const DEFAULT_FAILOVER_AFTER_MS = 60_000;

/** What scheduling adds to the models. */
export interface Scheduled {
  /** The scheduled services' placements, to merge with distribution.yaml's. */
  distribution: Map<string, Placement[]>;
  placements: PlacementsDocument;
  changes: PlacementChange[];
  /** Copies held on targets lost because their state cannot move (see HeldCopy). */
  held: HeldCopy[];
}

type At = (ref: SourceRef, message: string) => void;

/** Whether the scheduler places a service. */
export function isScheduled(service: ServiceModel): boolean {
  return service.spec.replicas !== undefined || service.spec.placement?.everywhere === true;
}

/**
 * Checks the scheduling fields of every service and places the scheduled ones; a service listed in
 * distribution.yaml too, or whose copies do not all fit, is reported.
 */
export function scheduleServices(
  services: ReadonlyMap<string, ServiceModel>,
  targets: ReadonlyMap<string, TargetModel>,
  distribution: ReadonlyMap<string, readonly Placement[]>,
  options: SchedulingOptions,
  at: At,
): Scheduled {
  const scheduled: ServiceModel[] = [];
  for (const service of services.values()) {
    const { spec } = service;
    const under = (...path: (string | number)[]): SourceRef => serviceField(service, ...path);
    if (spec.replicas !== undefined && spec.placement?.everywhere === true) {
      at(under('placement', 'everywhere'), 'a service has replicas or placement.everywhere, not both');
      continue;
    }
    if (spec.exclusive === true && (spec.replicas !== 1 || spec.placement?.everywhere === true))
      at(under('exclusive'), 'an exclusive service runs once: it needs replicas: 1');
    else if (spec.exclusive === true && spec.process?.command === undefined)
      at(
        under('exclusive'),
        'an exclusive service runs under a lease that stops its process: it needs process.command (a daemon is not watched)',
      );
    if (
      spec.deployState === true &&
      (isScheduled(service) ? spec.replicas !== 1 : (distribution.get(service.name)?.length ?? 0) > 1)
    )
      at(
        under('deployState'),
        `${service.name}: its state moves with it (deployState), so it runs once: it needs one copy (replicas: 1, or one target in distribution.yaml)`,
      );
    if (!isScheduled(service)) {
      if (spec.placement !== undefined)
        at(under('placement'), 'placement is for a service with replicas or placement.everywhere');
      continue;
    }
    for (const placement of distribution.get(service.name) ?? [])
      at(
        placement.ref,
        `service '${service.name}' is placed by the scheduler (${spec.replicas !== undefined ? 'replicas' : 'placement.everywhere'}): it cannot be in distribution.yaml too`,
      );
    scheduled.push(service);
  }

  const used = new Map<string, Resources>();
  for (const [name, placements] of distribution) {
    const needs = resourcesOf(services.get(name)?.spec.resources);
    for (const { target } of placements) {
      const sum = used.get(target) ?? { cpu: 0, memory: 0 };
      used.set(target, { cpu: sum.cpu + needs.cpu, memory: sum.memory + needs.memory });
    }
  }
  const result = schedule({
    services: scheduled.map((s) => ({
      name: s.name,
      container: s.type,
      ...(s.spec.replicas !== undefined ? { replicas: s.spec.replicas } : {}),
      everywhere: s.spec.placement?.everywhere === true,
      constraints: Object.fromEntries(
        Object.entries(s.spec.placement?.constraints ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]),
      ),
      ...(s.spec.placement?.spread !== undefined ? { spread: s.spec.placement.spread } : {}),
      resources: resourcesOf(s.spec.resources),
      exclusive: s.spec.exclusive === true,
      ...(s.spec.deployState === true ? { stateOnLoss: s.spec.state?.onLoss ?? 'refuse' } : {}),
    })),
    targets: [...targets.values()].map((t) => ({
      name: t.name,
      properties: t.properties,
      capacity: capacityOf(t),
      cordoned: t.cordoned,
      drain: t.drain,
      containers: new Set([...BUILTIN_CONTAINERS, ...Object.keys(t.containers)]),
    })),
    used,
    prior: options.prior ?? { placements: {} },
    ...(options.liveness !== undefined ? { liveness: options.liveness } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    failoverAfterMs: options.failoverAfterMs ?? DEFAULT_FAILOVER_AFTER_MS,
  });

  for (const u of result.unplaceable) {
    const service = services.get(u.service)!;
    const field = service.spec.replicas !== undefined ? ['replicas'] : ['placement', 'everywhere'];
    at(
      serviceField(service, ...field),
      `${u.service}: ${u.placed} of ${u.wanted} copies fit; ${u.why.join('; ')}`,
    );
  }
  const merged = new Map<string, Placement[]>();
  for (const [name, byTarget] of Object.entries(result.placements.placements)) {
    const service = services.get(name)!;
    const ref = serviceField(service, service.spec.replicas !== undefined ? 'replicas' : 'placement');
    merged.set(
      name,
      Object.keys(byTarget)
        .sort(compareStrings)
        .map((target) => ({ target, container: service.type, ref })),
    );
  }
  return { distribution: merged, placements: result.placements, changes: result.changes, held: result.held };
}

/** What a target offers: what it declares, else what `drover capture` found (cores, memory). */
function capacityOf(target: TargetModel): Partial<Resources> {
  const capacity = { ...target.capacity };
  const { cores, memory } = target.captured ?? {};
  if (capacity.cpu === undefined && cores !== undefined) capacity.cpu = cores * 1000;
  if (capacity.memory === undefined && memory !== undefined) capacity.memory = memory;
  return capacity;
}
