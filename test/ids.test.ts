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
import { formatDocument, idsIn } from '../controller/core/documents.ts';
import { formatPlanMarkdown, formatPlanText } from '../controller/core/format-plan.ts';
import { planDocument } from '../controller/core/plan.ts';
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

describe('ID assignment: IDs captured in use (skipInUse) are skipped and recorded as reserved', () => {
  const inUse = (byTarget: Record<string, number[]>) =>
    new Map(Object.entries(byTarget).map(([target, ids]) => [target, new Set(ids)]));
  const request = (inUseOn: Record<string, number[]>, scope: IdPool['scope'] = 'machine'): IdRequest => ({
    pools: [pool('uids', 1000, 1010, { scope, inUseOn: inUse(inUseOn) })],
    services: [
      { name: 'a', pools: ['uids'], targets: ['t1'] },
      { name: 'b', pools: ['uids'], targets: ['t1'] },
      { name: 'c', pools: ['uids'], targets: ['t2'] },
    ],
    targets: ['t1', 't2'],
    hasDistribution: true,
  });

  it('records under target and pool only the IDs a search passed over, not everything in use there', () => {
    const { ids } = assignIds(request({ t1: [1000, 1002, 1005, 0] }));

    assert.deepEqual(ids.ids.uids, { a: 1001, b: 1003, c: 1000 });
    assert.deepEqual(ids.reserved, { t1: { uids: [1000, 1002] } });
  });

  it('keeps a reserved ID while it is captured in use, and drops it once it is not', () => {
    const first = assignIds(request({ t1: [1000, 1002] })).ids;

    const again = assignIds(request({ t1: [1000, 1002] }), first).ids;
    const freed = assignIds(request({ t1: [1002] }), again).ids;
    const none = assignIds(request({}), freed).ids;

    assert.deepEqual(again, first, 'nothing is searched again, and the record stays');
    assert.deepEqual(freed.reserved, { t1: { uids: [1002] } });
    assert.equal(none.reserved, undefined, 'absent when nothing is reserved');
    for (const ids of [again, freed, none]) assert.deepEqual(ids.ids.uids, first.ids.uids);
  });

  it("records a global pool's skipped IDs under each target of the service that has them in use", () => {
    const { ids } = assignIds({
      ...request({ t1: [1000], t2: [1000, 1001] }, 'global'),
      services: [{ name: 'a', pools: ['uids'], targets: ['t1', 't2'] }],
    });

    assert.deepEqual(ids.ids.uids, { a: 1002 });
    assert.deepEqual(ids.reserved, { t1: { uids: [1000] }, t2: { uids: [1000, 1001] } });
  });

  it("never changes an assigned ID: one captured in use stays assigned and is not reserved (drover's own accounts are captured too)", () => {
    const prior: IdsDocument = {
      ...emptyIds(),
      ids: { uids: { a: 1000, b: 1001 } },
      reserved: { t1: { uids: [1000, 1004] } },
    };

    const { ids } = assignIds(request({ t1: [1000, 1001, 1004] }), prior);

    assert.deepEqual(ids.ids.uids, { a: 1000, b: 1001, c: 1000 });
    assert.deepEqual(ids.reserved, { t1: { uids: [1004] } });
  });

  it('drops a reserved ID that is no longer an ID of the pool, or of a target that is gone', () => {
    const prior: IdsDocument = {
      ...emptyIds(),
      ids: { uids: { a: 1003, b: 1004, c: 1000 } },
      reserved: { t1: { uids: [999, 1000] }, t9: { uids: [1000] } },
    };

    const { ids } = assignIds(request({ t1: [999, 1000], t9: [1000] }), prior);

    assert.deepEqual(ids.reserved, { t1: { uids: [1000] } });
  });

  it('reads captured.json as drover capture writes it: ids.json, its schema and the plan say what is reserved', () => {
    const files = {
      'services.yaml': 'services:\n  web:\n    type: package\n    requiresUniqueIdsFor: [uids, gids]\n',
      'infrastructure.yaml': targets(2),
      'distribution.yaml': 'distribution:\n  web: [t1]\n',
      'idresources.yaml':
        'pools:\n  uids: { min: 1000, max: 1010, skipInUse: uids }\n  gids: { follows: uids }\n',
      'captured.json': formatDocument({
        version: 1,
        targets: {
          t1: { time: '2026-12-05T08:00:00.000Z', uids: [0, 33, 1000, 1001, 65534], gids: [0, 1000] },
          t2: { time: '2026-12-05T08:00:00.000Z', uids: [0, 1002] },
        },
      }),
    };

    const evaluation = evaluate(files);
    const text = formatDocument(evaluation.ids);
    const plan = planDocument([], evaluation, emptyIds());

    assert.deepEqual(evaluation.ids.ids, { gids: { web: 1002 }, uids: { web: 1002 } });
    assert.deepEqual(evaluation.ids.reserved, { t1: { uids: [1000, 1001] } });
    assert.deepEqual(idsIn(text, 'ids.json'), evaluation.ids, 'ids.json passes its schema and reads back');
    assert.deepEqual(evaluate(files, idsIn(text, 'ids.json')).ids, evaluation.ids, 'stable');
    assert.match(
      formatPlanText(plan, 'models'),
      /^IDs:\n(?: {2}.*\n)* {2}uids on t1: 1000, 1001 reserved \(in use there\)\n/m,
    );
    assert.deepEqual(plan.reservationChanges, [
      { target: 't1', pool: 'uids', id: 1000, change: 'reserved' },
      { target: 't1', pool: 'uids', id: 1001, change: 'reserved' },
    ]);
  });
});

describe('plans: what changes in reserved', () => {
  const files = (uids: string) => ({
    'services.yaml': 'services:\n  web:\n    type: package\n    requiresUniqueIdsFor: [uids]\n',
    'infrastructure.yaml': targets(1),
    'distribution.yaml': 'distribution:\n  web: [t1]\n',
    'idresources.yaml': 'pools:\n  uids: { min: 1000, max: 1010, skipInUse: uids }\n',
    'captured.json': `{ "version": 1, "targets": { "t1": { "time": "2026-12-05T08:00:00Z", "uids": [${uids}] } } }`,
  });

  it('says which IDs stop being reserved, in text and Markdown, and nothing once the record is written', () => {
    const first = evaluate(files('1000, 1001'));
    const freed = evaluate(files('1001'), first.ids);

    const plan = planDocument(first.units, freed, first.ids);
    const settled = planDocument(freed.units, evaluate(files('1001'), freed.ids), freed.ids);

    assert.deepEqual(first.ids.reserved, { t1: { uids: [1000, 1001] } });
    assert.deepEqual(plan.idChanges, []);
    assert.deepEqual(plan.reservationChanges, [
      { target: 't1', pool: 'uids', id: 1000, change: 'unreserved' },
    ]);
    assert.match(formatPlanText(plan, 'models'), /\nIDs:\n {2}uids on t1: 1000 no longer reserved\n/);
    assert.match(
      formatPlanMarkdown(plan, 'models'),
      /\n#### IDs\n\n- uids on `t1`: 1000 no longer reserved\n/,
    );
    assert.equal(settled.reservationChanges, undefined);
    assert.doesNotMatch(formatPlanText(settled, 'models'), /IDs:/);
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

/** Random IDs captured in use on each of the four targets, around a pool's range. */
const inUseArbitrary = fc.array(fc.uniqueArray(fc.integer({ min: -2, max: 44 }), { maxLength: 20 }), {
  minLength: 4,
  maxLength: 4,
});

/** The request with `offsets` (from the pool's min) captured in use on t0..t3, for a skipInUse pool. */
function withInUse(request: IdRequest, offsets: number[][]): IdRequest {
  const p = request.pools[0]!;
  const inUseOn = new Map(offsets.map((ids, t) => [`t${t}`, new Set(ids.map((o) => p.min + o))]));
  return { ...request, pools: [{ ...p, inUseOn }] };
}

describe('ID assignment: properties of reserved IDs (skipInUse)', () => {
  it('never assigns a reserved ID on its target, reserves only what is captured in use there, and is stable', () => {
    fc.assert(
      fc.property(requestArbitrary, inUseArbitrary, (plain, offsets) => {
        const request = withInUse(plain, offsets);
        const inUseOn = request.pools[0]!.inUseOn!;

        const { ids } = assignIds(request);
        const again = assignIds(request, ids).ids;

        for (const [target, pools] of Object.entries(ids.reserved ?? {})) {
          const reserved = pools.p ?? [];
          assert.deepEqual(
            reserved,
            [...reserved].sort((a, b) => a - b),
          );
          for (const id of reserved) assert.ok(inUseOn.get(target)?.has(id), `${id} not in use on ${target}`);
          for (const service of candidates(request).filter((s) => s.targets.includes(target))) {
            const id = ids.ids.p?.[service.name];
            assert.ok(
              id === undefined || !reserved.includes(id),
              `${service.name} got ${id}, reserved on ${target}`,
            );
          }
        }
        assert.deepEqual(again, ids);
      }),
    );
  });

  it('keeps every assigned ID when what is in use changes, and reserves only what is still in use', () => {
    fc.assert(
      fc.property(
        requestArbitrary,
        inUseArbitrary,
        inUseArbitrary,
        fc.integer({ min: 0, max: 25 }),
        (plain, before, after, cut) => {
          const earlier = withInUse({ ...plain, services: plain.services.slice(0, cut) }, before);
          const first = assignIds(earlier);
          fc.pre(first.depleted.length === 0);
          const later = withInUse(plain, after);

          const second = assignIds(later, first.ids);

          for (const [service, id] of Object.entries(first.ids.ids.p ?? {}))
            assert.equal(second.ids.ids.p?.[service], id, `${service} moved`);
          const inUseOn = later.pools[0]!.inUseOn!;
          for (const [target, pools] of Object.entries(second.ids.reserved ?? {}))
            for (const id of pools.p ?? []) assert.ok(inUseOn.get(target)?.has(id));
        },
      ),
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
