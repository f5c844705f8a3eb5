/**
 * The scheduler, as a pure function: properties checked with fast-check over random fleets (determinism,
 * stability, capacity, spread, everywhere), then the reasons a user reads in placements.json and plans.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  NEW_REPLICA,
  schedule,
  type PlacementsDocument,
  type Schedule,
  type SchedulingInput,
  type SchedulingService,
  type SchedulingTarget,
} from '../controller/core/schedule.ts';

const ZONES = ['a', 'b', 'c'];

/** A target with a zone and, sometimes, a capacity. */
const targetArbitrary = (name: string): fc.Arbitrary<SchedulingTarget> =>
  fc
    .record({
      zone: fc.constantFrom(...ZONES),
      cpu: fc.option(fc.integer({ min: 500, max: 8000 }), { nil: undefined }),
      memory: fc.option(fc.integer({ min: 2 ** 28, max: 2 ** 33 }), { nil: undefined }),
      gpu: fc.boolean(),
    })
    .map(({ zone, cpu, memory, gpu }) => ({
      name,
      properties: { zone, gpu },
      capacity: { ...(cpu !== undefined ? { cpu } : {}), ...(memory !== undefined ? { memory } : {}) },
      cordoned: false,
      drain: false,
      containers: new Set(['process', 'package']),
    }));

const serviceArbitrary = (name: string): fc.Arbitrary<SchedulingService> =>
  fc
    .record({
      replicas: fc.integer({ min: 1, max: 4 }),
      everywhere: fc.boolean().map((b) => b && name.endsWith('0')),
      spread: fc.boolean(),
      gpuOnly: fc.boolean(),
      cpu: fc.integer({ min: 0, max: 1500 }),
      memory: fc.integer({ min: 0, max: 2 ** 29 }),
    })
    .map(({ replicas, everywhere, spread, gpuOnly, cpu, memory }) => ({
      name,
      container: 'process',
      ...(everywhere ? {} : { replicas }),
      everywhere,
      constraints: Object.fromEntries(gpuOnly ? [['gpu', [true]]] : []),
      ...(spread ? { spread: 'zone' } : {}),
      resources: { cpu, memory },
    }));

/** A fleet: 1 to 8 targets and 1 to 6 services. */
const fleetArbitrary = fc
  .record({ targets: fc.integer({ min: 1, max: 8 }), services: fc.integer({ min: 1, max: 6 }) })
  .chain(({ targets, services }) =>
    fc.record({
      targets: fc.tuple(...Array.from({ length: targets }, (_, i) => targetArbitrary(`t${i + 1}`))),
      services: fc.tuple(...Array.from({ length: services }, (_, i) => serviceArbitrary(`s${i}`))),
    }),
  );

function input(
  targets: readonly SchedulingTarget[],
  services: readonly SchedulingService[],
  prior: PlacementsDocument = { placements: {} },
): SchedulingInput {
  return { targets, services, used: new Map(), prior, failoverAfterMs: 60_000 };
}

/** The services that were placed whole (the properties are about those). */
function placedWhole(result: Schedule): Set<string> {
  const short = new Set(result.unplaceable.map((u) => u.service));
  return new Set(Object.keys(result.placements.placements).filter((s) => !short.has(s)));
}

describe('the scheduler', () => {
  describe('properties', () => {
    it('is deterministic: the same inputs, in any order, give the same placements', () => {
      fc.assert(
        fc.property(fleetArbitrary, ({ targets, services }) => {
          const once = schedule(input(targets, services));
          const shuffled = schedule(input([...targets].reverse(), [...services].reverse()));
          assert.deepEqual(shuffled, once);
        }),
      );
    });

    it('is stable: adding a target moves nothing; removing one moves only its copies', () => {
      fc.assert(
        fc.property(
          fleetArbitrary,
          targetArbitrary('t99'),
          fc.nat(),
          ({ targets, services }, extra, pick) => {
            const first = schedule(input(targets, services));
            const kept = (result: Schedule) => result.changes.filter((c) => c.change === 'removed');

            const added = schedule(input([...targets, extra], services, first.placements));
            assert.deepEqual(kept(added), [], 'adding a target takes no copy away');
            for (const [service, byTarget] of Object.entries(first.placements.placements))
              for (const target of Object.keys(byTarget))
                assert.ok(added.placements.placements[service]?.[target], `${service} stays on ${target}`);

            const gone = targets[pick % targets.length]!.name;
            const removed = schedule(
              input(
                targets.filter((t) => t.name !== gone),
                services,
                first.placements,
              ),
            );
            assert.ok(kept(removed).every((c) => c.target === gone && c.reason === 'target removed'));
            for (const [service, byTarget] of Object.entries(first.placements.placements))
              for (const target of Object.keys(byTarget))
                if (target !== gone) assert.ok(removed.placements.placements[service]?.[target]);
          },
        ),
      );
    });

    it('never exceeds a capacity', () => {
      fc.assert(
        fc.property(fleetArbitrary, ({ targets, services }) => {
          const result = schedule(input(targets, services));
          for (const target of targets) {
            const on = services.filter((s) => result.placements.placements[s.name]?.[target.name]);
            for (const resource of ['cpu', 'memory'] as const) {
              const limit = target.capacity[resource];
              if (limit === undefined) continue;
              const used = on.reduce((sum, s) => sum + s.resources[resource], 0);
              assert.ok(used <= limit, `${target.name}: ${resource} ${used} > ${limit}`);
            }
          }
        }),
      );
    });

    it('spreads evenly: per zone within ±1, when capacity allows', () => {
      fc.assert(
        fc.property(fleetArbitrary, ({ targets, services }) => {
          const free = targets.map((t) => ({ ...t, capacity: {} }));
          const result = schedule(input(free, services));
          for (const service of services.filter((s) => s.spread !== undefined && !s.everywhere)) {
            if (!placedWhole(result).has(service.name)) continue;
            const eligible = free.filter(
              (t) => service.constraints.gpu === undefined || t.properties.gpu === true,
            );
            const zones = new Set(eligible.map((t) => t.properties.zone));
            const counts = new Map([...zones].map((z) => [z, 0]));
            for (const target of Object.keys(result.placements.placements[service.name]!)) {
              const zone = free.find((t) => t.name === target)!.properties.zone;
              counts.set(zone, counts.get(zone)! + 1);
            }
            // A zone may run out of targets (one copy per target): count only zones with room left.
            const full = (z: string | number | boolean | undefined) =>
              counts.get(z)! === eligible.filter((t) => t.properties.zone === z).length;
            const values = [...counts].filter(([z]) => !full(z)).map(([, n]) => n);
            const max = Math.max(...counts.values());
            assert.ok(
              values.every((n) => max - n <= 1),
              `${service.name}: ${JSON.stringify([...counts])}`,
            );
          }
        }),
      );
    });

    it('everywhere covers exactly the matching targets', () => {
      fc.assert(
        fc.property(fleetArbitrary, ({ targets, services }) => {
          const free = targets.map((t) => ({ ...t, capacity: {} }));
          const result = schedule(input(free, services));
          for (const service of services.filter((s) => s.everywhere)) {
            const matching = free
              .filter((t) => service.constraints.gpu === undefined || t.properties.gpu === true)
              .filter((t) => service.spread === undefined || t.properties.zone !== undefined)
              .map((t) => t.name)
              .sort();
            assert.deepEqual(Object.keys(result.placements.placements[service.name] ?? {}).sort(), matching);
          }
        }),
      );
    });
  });

  describe('reasons', () => {
    const target = (name: string, more: Partial<SchedulingTarget> = {}): SchedulingTarget => ({
      name,
      properties: {},
      capacity: { cpu: 2000 },
      cordoned: false,
      drain: false,
      containers: new Set(['process']),
      ...more,
    });
    const web: SchedulingService = {
      name: 'web',
      container: 'process',
      replicas: 2,
      everywhere: false,
      constraints: {},
      resources: { cpu: 1000, memory: 0 },
    };

    it('new copies go to the target with the most free capacity; ties on the name', () => {
      const result = schedule({
        ...input([target('t3'), target('t1'), target('t2')], [web]),
        used: new Map([['t1', { cpu: 500, memory: 0 }]]),
      });
      assert.deepEqual(result.placements.placements, { web: { t2: NEW_REPLICA, t3: NEW_REPLICA } });
    });

    it('a target unreachable past failoverAfter loses its copies, and says since when; before that, they stay', () => {
      const prior = { placements: { web: { t1: NEW_REPLICA, t2: NEW_REPLICA } } };
      const since = Date.parse('2026-12-04T10:00:00Z');
      const targets = [target('t1'), target('t2'), target('t3')];
      const at = (now: number) =>
        schedule({
          ...input(targets, [web], prior),
          liveness: new Map([['t2', { reachable: false, since }]]),
          now,
        });

      assert.deepEqual(at(since + 59_000).changes, []);
      assert.deepEqual(at(since + 60_000).changes, [
        {
          service: 'web',
          target: 't2',
          change: 'removed',
          reason: 'unreachable since 2026-12-04T10:00:00.000Z',
        },
        {
          service: 'web',
          target: 't3',
          change: 'placed',
          reason: 'replaces t2: unreachable since 2026-12-04T10:00:00.000Z',
        },
      ]);
    });

    it('an exclusive copy leaves an unreachable target only once its lease there has ended', () => {
      const single: SchedulingService = { ...web, name: 'single', replicas: 1, exclusive: true };
      const prior = { placements: { single: { t2: NEW_REPLICA } } };
      const since = Date.parse('2026-12-04T10:00:00Z');
      const leaseEnd = since + 90_000;
      const at = (now: number, end: number | null = leaseEnd) =>
        schedule({
          ...input([target('t1'), target('t2')], [single], prior),
          liveness: new Map([
            ['t2', { reachable: false, since, ...(end !== null ? { leaseEnd: end } : {}) }],
          ]),
          now,
        });

      assert.deepEqual(at(since + 60_000).changes, [], 'past failoverAfter, but the lease may still hold');
      assert.deepEqual(at(since + 600_000, null).changes, [], 'no lease end known: it stays');
      assert.deepEqual(at(leaseEnd).placements.placements, {
        single: {
          t1: 'replaces t2: unreachable since 2026-12-04T10:00:00.000Z, lease ended 2026-12-04T10:01:30.000Z',
        },
      });
    });

    it('a copy whose state cannot move stays on a lost target and is reported, unless it may start empty', () => {
      const database: SchedulingService = { ...web, name: 'db', replicas: 1, stateOnLoss: 'refuse' };
      const prior = { placements: { db: { t2: NEW_REPLICA } } };
      const since = Date.parse('2026-12-04T10:00:00Z');
      const at = (service: SchedulingService) =>
        schedule({
          ...input([target('t1'), target('t2')], [service], prior),
          liveness: new Map([['t2', { reachable: false, since }]]),
          now: since + 600_000,
        });

      const refused = at(database);
      assert.deepEqual(refused.changes, []);
      assert.deepEqual(refused.placements.placements, prior.placements);
      assert.deepEqual(refused.held, [
        {
          service: 'db',
          target: 't2',
          reason:
            'unreachable since 2026-12-04T10:00:00.000Z: its state cannot move without t2, and it is not started empty elsewhere (state.onLoss: refuse)',
        },
      ]);
      const empty = at({ ...database, stateOnLoss: 'empty' });
      assert.deepEqual(empty.placements.placements, {
        db: { t1: 'replaces t2: unreachable since 2026-12-04T10:00:00.000Z' },
      });
      assert.deepEqual(empty.held, []);
    });

    it('cordoned takes no new copy; cordoned and drained moves them; a changed constraint moves them', () => {
      const prior = { placements: { web: { t1: NEW_REPLICA, t2: NEW_REPLICA } } };
      const cordoned = schedule(
        input([target('t1', { cordoned: true }), target('t2'), target('t3')], [web], prior),
      );
      assert.deepEqual(cordoned.changes, []);
      const drained = schedule(
        input([target('t1', { cordoned: true, drain: true }), target('t2'), target('t3')], [web], prior),
      );
      assert.deepEqual(
        drained.changes.map((c) => `${c.change} ${c.target}: ${c.reason}`),
        ['removed t1: cordoned and drained', 'placed t3: replaces t1: cordoned and drained'],
      );
      const zoned = schedule(
        input(
          [
            target('t1', { properties: { zone: 'a' } }),
            target('t2', { properties: { zone: 'b' } }),
            target('t3', { properties: { zone: 'a' } }),
          ],
          [{ ...web, constraints: { zone: ['a'] } }],
          prior,
        ),
      );
      assert.deepEqual(zoned.placements.placements, {
        web: { t1: NEW_REPLICA, t3: 'replaces t2: constraints changed' },
      });
    });

    it('what does not fit is named per target, and nothing partial is hidden', () => {
      const result = schedule(
        input(
          [target('t1'), target('t2', { cordoned: true }), target('t3', { capacity: { cpu: 500 } })],
          [{ ...web, replicas: 3 }],
        ),
      );
      assert.deepEqual(result.unplaceable, [
        { service: 'web', placed: 1, wanted: 3, why: ['t2: cordoned', 't3: needs cpu 1, has cpu 0.5 free'] },
      ]);
    });
  });
});
