import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  assignIds,
  emptyIds,
  type IdPool,
  type IdRequest,
  type IdsDocument,
  idsMissingFrom,
  withRunningIds,
} from '../controller/core/ids.ts';
import { evaluateDirectory } from '../controller/folder/models-folder.ts';
import { evaluate, fixturesDir, problemsOf, targets } from './helpers/models.ts';

const fixture = (name: string) => join(fixturesDir, 'id-assign', name);

describe('ID assignment: the numbers of seed 002 (dydisnix-id-assign)', () => {
  it('assigns webapp1 and webapp2 the first ports, uids and gids', () => {
    const { ids } = evaluateDirectory(fixture('webapps-v1'), emptyIds(), 'ids');

    assert.deepEqual(ids, {
      version: 1,
      ids: {
        gids: { webapp1: 2000, webapp2: 2001 },
        ports: { webapp1: 5000, webapp2: 5001 },
        uids: { webapp1: 2000, webapp2: 2001 },
      },
      lastAssignments: { gids: 2001, ports: 5001, uids: 2001 },
      lastAssignmentsPerTarget: {},
      retired: {},
    });
  });

  it('keeps webapp2, drops webapp1 and gives webapp3 the next IDs', () => {
    const first = evaluateDirectory(fixture('webapps-v1'), emptyIds(), 'ids').ids;

    const { ids } = evaluateDirectory(fixture('webapps-v2'), first, 'ids');

    assert.deepEqual(ids.ids, {
      gids: { webapp2: 2001, webapp3: 2002 },
      ports: { webapp2: 5001, webapp3: 5002 },
      uids: { webapp2: 2001, webapp3: 2002 },
    });
    assert.deepEqual(ids.lastAssignments, { gids: 2002, ports: 5002, uids: 2002 });
    assert.deepEqual(ids.retired, {
      gids: { webapp1: 2000 },
      ports: { webapp1: 5000 },
      uids: { webapp1: 2000 },
    });
  });

  it('honours step 3 of the influxdb pool and reports its depletion', () => {
    const services = ['influxdb', 'influxdb2', 'influxdb3', 'influxdb4', 'influxdb5'];
    const files = {
      'services.yaml': `services:\n${services.map((s) => `  ${s}:\n    type: package\n    requiresUniqueIdsFor: [influxdbPorts]\n`).join('')}`,
      'idresources.yaml': 'pools:\n  influxdbPorts:\n    min: 8086\n    max: 8096\n    step: 3\n',
    };

    const fourFit = evaluate({
      ...files,
      'services.yaml': files['services.yaml'].replace(/ {2}influxdb5:[^]*$/, ''),
    });
    const problems = problemsOf(files);

    assert.deepEqual(fourFit.ids.ids.influxdbPorts, {
      influxdb: 8086,
      influxdb2: 8089,
      influxdb3: 8092,
      influxdb4: 8095,
    });
    assert.deepEqual(problems, [
      "idresources.yaml:3:5: pool 'influxdbPorts' (8086..8096, step 3) is depleted: no ID left for influxdb5",
    ]);
  });

  it('gives influxdb 8086 and each pool its own range in the services-agnostic example', () => {
    const { ids } = evaluateDirectory(fixture('services-agnostic'), emptyIds(), 'ids');

    assert.deepEqual(ids.ids.influxdbPorts, { influxdb: 8086 });
    assert.deepEqual(ids.ids.httpPorts, { apache: 8080 });
    assert.deepEqual(ids.ids.postgresqlPorts, { postgresql: 5432 });
    assert.deepEqual(ids.ids.gids, ids.ids.uids, 'gids follow uids');
  });
});

const pool = (name: string, min: number, max: number, extra: Partial<IdPool> = {}): IdPool => ({
  name,
  min,
  max,
  step: 1,
  scope: 'global',
  ...extra,
});

describe('ID assignment: where drover differs from dydisnix', () => {
  it('puts IDs on the step lattice even when the cursor is off it', () => {
    const request: IdRequest = {
      pools: [pool('p', 10, 30, { step: 5 })],
      services: [{ name: 'a', pools: ['p'], targets: [] }],
      targets: [],
      hasDistribution: false,
    };

    const { ids } = assignIds(request, { ...emptyIds(), lastAssignments: { p: 12 } });

    assert.equal(ids.ids.p?.a, 10, 'a cursor off the lattice is reset, the search starts at min');
  });

  it('resets a cursor that lies outside a changed range', () => {
    const request: IdRequest = {
      pools: [pool('p', 100, 200)],
      services: [{ name: 'a', pools: ['p'], targets: [] }],
      targets: [],
      hasDistribution: false,
    };

    const { ids } = assignIds(request, { ...emptyIds(), lastAssignments: { p: 5000 } });

    assert.equal(ids.ids.p?.a, 100);
    assert.equal(ids.lastAssignments.p, 100);
  });

  it('drops a kept ID that left the range and assigns a new one', () => {
    const request: IdRequest = {
      pools: [pool('p', 100, 200)],
      services: [{ name: 'a', pools: ['p'], targets: [] }],
      targets: [],
      hasDistribution: false,
    };

    const { ids } = assignIds(request, { ...emptyIds(), ids: { p: { a: 50 } } });

    assert.equal(ids.ids.p?.a, 100);
  });

  it('gives a service on several targets one ID, unique on every one of its targets (machine scope)', () => {
    const request: IdRequest = {
      pools: [pool('ports', 5000, 5010, { scope: 'machine' })],
      services: [
        { name: 'a', pools: ['ports'], targets: ['t1'] },
        { name: 'b', pools: ['ports'], targets: ['t2'] },
        { name: 'c', pools: ['ports'], targets: ['t1', 't2'] },
      ],
      targets: ['t1', 't2'],
      hasDistribution: true,
    };

    const { ids } = assignIds(request);
    const again = assignIds(request, ids).ids;

    assert.deepEqual(ids.ids.ports, { a: 5000, b: 5000, c: 5001 });
    assert.deepEqual(ids.lastAssignmentsPerTarget, { t1: { ports: 5001 }, t2: { ports: 5001 } });
    assert.deepEqual(again, ids, 'stable across runs');
  });

  it('resolves a collision when a service moves onto a target where its ID is taken', () => {
    const request: IdRequest = {
      pools: [pool('ports', 5000, 5010, { scope: 'machine' })],
      services: [
        { name: 'a', pools: ['ports'], targets: ['t1'] },
        { name: 'b', pools: ['ports'], targets: ['t1'] },
      ],
      targets: ['t1', 't2'],
      hasDistribution: true,
    };
    const prior: IdsDocument = {
      ...emptyIds(),
      ids: { ports: { a: 5000, b: 5000 } },
      lastAssignmentsPerTarget: { t1: { ports: 5000 }, t2: { ports: 5000 } },
    };

    const { ids } = assignIds(request, prior);

    assert.deepEqual(ids.ids.ports, { a: 5000, b: 5001 });
  });

  it('restores the retired ID of a service that comes back (a reverted removal)', () => {
    const both: IdRequest = {
      pools: [pool('p', 1, 100)],
      services: [
        { name: 'a', pools: ['p'], targets: [] },
        { name: 'b', pools: ['p'], targets: [] },
      ],
      targets: [],
      hasDistribution: false,
    };
    const onlyB: IdRequest = { ...both, services: both.services.filter((s) => s.name === 'b') };
    const first = assignIds(both).ids;

    const removed = assignIds(onlyB, first).ids;
    const reverted = assignIds(both, removed).ids;

    assert.deepEqual(first.ids.p, { a: 1, b: 2 });
    assert.deepEqual(removed.retired, { p: { a: 1 } });
    assert.deepEqual(reverted.ids.p, { a: 1, b: 2 });
    assert.deepEqual(reverted.retired, {});
  });

  it('forgets a retired ID once another service holds it', () => {
    const request: IdRequest = {
      pools: [pool('p', 1, 2)],
      services: [
        { name: 'b', pools: ['p'], targets: [] },
        { name: 'c', pools: ['p'], targets: [] },
      ],
      targets: [],
      hasDistribution: false,
    };
    const prior: IdsDocument = { ...emptyIds(), ids: { p: { a: 1, b: 2 } }, lastAssignments: { p: 2 } };

    const { ids } = assignIds(request, prior);

    assert.deepEqual(ids.ids.p, { b: 2, c: 1 });
    assert.deepEqual(ids.retired, {});
  });

  it('makes a following pool equal to its leader for every service', () => {
    const request: IdRequest = {
      pools: [pool('uids', 1000, 1100), { ...pool('gids', 1000, 1100), follows: 'uids' }],
      services: [
        { name: 'a', pools: ['uids', 'gids'], targets: [] },
        { name: 'b', pools: ['uids'], targets: [] },
        { name: 'c', pools: ['uids', 'gids'], targets: [] },
      ],
      targets: [],
      hasDistribution: false,
    };

    const { ids } = assignIds(request);

    assert.deepEqual(ids.ids.uids, { a: 1000, b: 1001, c: 1002 });
    assert.deepEqual(ids.ids.gids, { a: 1000, c: 1002 });
  });

  it('only assigns to services placed somewhere when there is a distribution', () => {
    const request: IdRequest = {
      pools: [pool('p', 1, 10)],
      services: [
        { name: 'placed', pools: ['p'], targets: ['t1'] },
        { name: 'idle', pools: ['p'], targets: [] },
      ],
      targets: ['t1'],
      hasDistribution: true,
    };

    const { ids } = assignIds(request);

    assert.deepEqual(ids.ids.p, { placed: 1 });
  });

  it('needs distribution.yaml for a machine-scoped pool', () => {
    const problems = problemsOf({
      'services.yaml': 'services:\n  a:\n    type: package\n    requiresUniqueIdsFor: [ports]\n',
      'infrastructure.yaml': targets(1),
      'idresources.yaml': 'pools:\n  ports:\n    min: 1\n    max: 9\n    scope: machine\n',
    });

    assert.deepEqual(problems, [
      "services.yaml:4:28: pool 'ports' is machine-scoped, which needs distribution.yaml",
    ]);
  });
});

/** Random pools, services, targets and placements for property tests. */
const requestArbitrary = fc
  .record({
    min: fc.integer({ min: 0, max: 1000 }),
    span: fc.integer({ min: 0, max: 40 }),
    step: fc.integer({ min: 1, max: 4 }),
    scope: fc.constantFrom<'global' | 'machine'>('global', 'machine'),
    targetCount: fc.integer({ min: 1, max: 4 }),
    services: fc.array(
      fc.record({ wants: fc.boolean(), targets: fc.subarray([0, 1, 2, 3], { minLength: 0, maxLength: 3 }) }),
      { maxLength: 25 },
    ),
  })
  .map(({ min, span, step, scope, targetCount, services }): IdRequest => ({
    pools: [pool('p', min, min + span, { step, scope })],
    services: services.map((s, i) => ({
      name: `s${String(i).padStart(2, '0')}`,
      pools: s.wants ? ['p'] : [],
      targets: [...new Set(s.targets.map((t) => `t${t % targetCount}`))].sort(),
    })),
    targets: Array.from({ length: targetCount }, (_, i) => `t${i}`),
    hasDistribution: true,
  }));

function candidates(request: IdRequest) {
  return request.services.filter((s) => s.pools.includes('p') && s.targets.length > 0);
}

describe('ID assignment: reserved IDs', () => {
  it('never hands out a reserved ID, and moves an earlier assignment off one', () => {
    const services =
      'services:\n  a:\n    type: package\n    requiresUniqueIdsFor: [ports]\n  b:\n    type: package\n    requiresUniqueIdsFor: [ports]\n';
    const first = evaluate({
      'services.yaml': services,
      'idresources.yaml': 'pools:\n  ports: { min: 10, max: 20 }\n',
    });

    const reserved = evaluate(
      {
        'services.yaml': services,
        'idresources.yaml': 'pools:\n  ports: { min: 10, max: 20, reserved: [10, 12] }\n',
      },
      first.ids,
    );

    assert.deepEqual(first.ids.ids.ports, { a: 10, b: 11 });
    assert.deepEqual(reserved.ids.ids.ports, { a: 13, b: 11 });
  });
});

describe('ID assignment: properties', () => {
  it('hands out IDs within the range, on the step lattice, unique per scope, or reports depletion', () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        const { ids, depleted } = assignIds(request);
        const p = request.pools[0]!;
        const assigned = ids.ids.p ?? {};

        for (const id of Object.values(assigned)) {
          assert.ok(id >= p.min && id <= p.max && (id - p.min) % p.step === 0, `${id} off the lattice`);
        }
        const holders = candidates(request).filter((s) => assigned[s.name] !== undefined);
        for (const [i, a] of holders.entries()) {
          for (const b of holders.slice(i + 1)) {
            const share = p.scope === 'global' || a.targets.some((t) => b.targets.includes(t));
            if (share)
              assert.notEqual(assigned[a.name], assigned[b.name], `${a.name} and ${b.name} share an ID`);
          }
        }
        const missing = candidates(request)
          .filter((s) => assigned[s.name] === undefined)
          .map((s) => s.name);
        assert.deepEqual(
          depleted.flatMap((d) => d.services),
          missing,
        );
        const capacity = Math.floor((p.max - p.min) / p.step) + 1;
        if (p.scope === 'global') assert.equal(depleted.length > 0, candidates(request).length > capacity);
      }),
    );
  });

  it('keeps every earlier assignment when services are added', () => {
    fc.assert(
      fc.property(requestArbitrary, fc.integer({ min: 0, max: 25 }), (request, cut) => {
        const earlier = { ...request, services: request.services.slice(0, cut) };
        const first = assignIds(earlier);
        fc.pre(first.depleted.length === 0);

        const second = assignIds(request, first.ids);

        for (const [service, id] of Object.entries(first.ids.ids.p ?? {}))
          assert.equal(second.ids.ids.p?.[service], id);
      }),
    );
  });

  it('is deterministic: the order services are listed in does not matter, and re-running changes nothing', () => {
    fc.assert(
      fc.property(requestArbitrary, (request) => {
        const first = assignIds(request);

        const reversed = assignIds({ ...request, services: [...request.services].reverse() });
        const again = assignIds(request, first.ids);

        assert.deepEqual(reversed, first);
        assert.deepEqual(again.ids, first.ids);
      }),
    );
  });
});

describe('prior IDs and what the targets run', () => {
  const prior = (ports: Record<string, number>): IdsDocument => ({ ...emptyIds(), ids: { ports } });

  it('finds nothing missing when the prior IDs hold every running ID (a unit recorded without IDs included)', () => {
    const missing = idsMissingFrom(prior({ a: 1, b: 2 }), [
      { service: 'a', ids: { ports: 1 } },
      { service: 'b', ids: { ports: 2 } },
      { service: 'c' },
    ]);
    assert.deepEqual(missing.ids, {});
  });

  it('finds each running ID the prior IDs disagree with, the first unit of a service winning', () => {
    const missing = idsMissingFrom(prior({ a: 2, b: 1 }), [
      { service: 'a', ids: { ports: 1, uids: 1000 } },
      { service: 'a', ids: { ports: 7 } },
      { service: 'constructor', ids: { ports: 3 } },
    ]);
    assert.deepEqual(missing.ids, { ports: { a: 1, constructor: 3 }, uids: { a: 1000 } });
  });

  it('puts running IDs first: another service that claimed one of them loses that claim and nothing else', () => {
    const merged = withRunningIds(prior({ a: 2, b: 1, c: 5 }), { ...emptyIds(), ids: { ports: { a: 1 } } });
    assert.deepEqual(merged.ids, { ports: { a: 1, c: 5 } });
  });
});
