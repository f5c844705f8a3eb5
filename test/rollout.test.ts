import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatPlanMarkdown, formatPlanText } from '../controller/core/format-plan.ts';
import { planDocument, type PlannedUnit } from '../controller/core/plan.ts';
import { rolloutStep } from '../controller/core/rollout.ts';
import { unitId } from '../controller/core/units.ts';
import { evaluate, targets } from './helpers/models.ts';

/** A copy of `service` on `target` at `version`. */
const copy = (service: string, target: string, version: string): PlannedUnit => ({
  service,
  target,
  container: 'process',
  hash: `${service}-${version}`,
  specHash: `${service}-${version}`,
  dependsOn: [],
});

/** Rolls out to the end, as a deployment does: each batch deployed, until nothing is held back. */
function rollOut(desired: PlannedUnit[], deployed: PlannedUnit[], rolling: Map<string, number>) {
  const batches: string[][] = [];
  for (let runs = deployed; ;) {
    const step = rolloutStep(desired, runs, rolling);
    batches.push(step.now);
    runs = step.desired;
    if (step.held.length === 0) return { batches, runs };
  }
}

describe('rolling upgrades', () => {
  const old = ['t1', 't2', 't3'].map((t) => copy('web', t, 'v1'));
  const next = ['t1', 't2', 't3'].map((t) => copy('web', t, 'v2'));

  it('upgrades maxUnavailable changed copies at a time, by target name; the others keep their version', () => {
    const step = rolloutStep(next, old, new Map([['web', 1]]));

    assert.deepEqual(step.now, ['web@t1/process']);
    assert.deepEqual(step.held, ['web@t2/process', 'web@t3/process']);
    assert.deepEqual(
      step.desired.map((u) => u.hash),
      ['web-v2', 'web-v1', 'web-v1'],
    );
  });

  it('goes in batches of maxUnavailable until every copy is new', () => {
    assert.deepEqual(rollOut(next, old, new Map([['web', 2]])).batches, [
      ['web@t1/process', 'web@t2/process'],
      ['web@t3/process'],
    ]);
    assert.deepEqual(rollOut(next, old, new Map([['web', 1]])).batches, [
      ['web@t1/process'],
      ['web@t2/process'],
      ['web@t3/process'],
    ]);
  });

  it('holds back nothing of a service that does not roll, nor new or removed copies', () => {
    const desired = [
      copy('web', 't1', 'v2'),
      copy('web', 't4', 'v2'),
      copy('db', 't1', 'v2'),
      copy('db', 't2', 'v2'),
    ];
    const deployed = [
      copy('web', 't1', 'v1'),
      copy('web', 't3', 'v1'),
      copy('db', 't1', 'v1'),
      copy('db', 't2', 'v1'),
    ];

    const step = rolloutStep(desired, deployed, new Map([['web', 1]]));

    assert.deepEqual(step.held, []);
    assert.deepEqual(step.desired, desired);
  });

  it('always ends at the desired units, never holding back more than the changed copies minus maxUnavailable', () => {
    const versions = fc.constantFrom('v1', 'v2');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b'), fc.constantFrom('t1', 't2', 't3', 't4', 't5')), {
          selector: ([s, t]) => `${s}@${t}`,
        }),
        fc.array(versions, { minLength: 10, maxLength: 10 }),
        fc.integer({ min: 1, max: 3 }),
        (copies, picked, batch) => {
          const deployed = copies.map(([s, t]) => copy(s, t, 'v1'));
          const desired = copies.map(([s, t], i) => copy(s, t, picked[i]!));
          const rolling = new Map([['a', batch]]);

          const { batches, runs } = rollOut(desired, deployed, rolling);

          assert.deepEqual(runs.map(unitId), desired.map(unitId));
          assert.deepEqual(runs, desired);
          for (const now of batches) assert.ok(now.length <= batch);
        },
      ),
    );
  });

  describe('in the plan', () => {
    /** web with 3 replicas at `version`, 2 at a time, and db placed by hand. */
    const models = (version: string) =>
      evaluate({
        'services.yaml': `services:
  web:
    process: { command: /bin/web, args: [${version}] }
    replicas: 3
    update: { maxUnavailable: 2 }
  db:
    process: { command: /bin/db, args: [${version}] }
`,
        'infrastructure.yaml': targets(4),
        'distribution.yaml': 'distribution:\n  db: [t4]\n',
      });

    it('shows the batches a changed replicated service goes in, in text and Markdown', () => {
      const before = models('v1');
      const after = models('v2');

      const plan = planDocument(before.units, after, after.ids);

      assert.deepEqual(plan.rollouts, [{ service: 'web', batches: [['t1', 't2'], ['t3']] }]);
      assert.match(
        formatPlanText(plan, 'v2'),
        /\nRollouts \(a batch at a time, each health-gated\):\n {2}web: t1, t2 \| t3\n/,
      );
      assert.match(formatPlanMarkdown(plan, 'v2'), /\| `web` \| `t1`, `t2` → `t3` \|/);
    });

    it('warns that maxSurge is not supported', () => {
      const surging = evaluate({
        'services.yaml':
          'services:\n  web:\n    process: { command: /bin/web }\n    replicas: 2\n    update: { maxSurge: 1 }\n',
        'infrastructure.yaml': targets(2),
      });
      assert.deepEqual(surging.warnings, [
        'update.maxSurge is not supported: the copies of web are upgraded in place on their targets, maxUnavailable at a time',
      ]);
    });

    it('has none when nothing rolls, or everything fits in one batch', () => {
      const v1 = models('v1');
      assert.equal(planDocument([], v1, v1.ids).rollouts, undefined, 'all new');
      assert.equal(planDocument(v1.units, v1, v1.ids).rollouts, undefined, 'unchanged');
    });
  });
});
