import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { formatPlanMarkdown } from '../controller/core/format-plan.ts';
import { planDocument, planTransition, type PlannedUnit } from '../controller/core/plan.ts';
import { unitId } from '../controller/core/units.ts';
import planSchema from '../schema/plan.schema.json' with { type: 'json' };
import idsSchema from '../schema/ids.schema.json' with { type: 'json' };
import { evaluate, targets } from './helpers/models.ts';

/** A three-tier system: web → api → db, plus a cache that api only connects to, across three targets. */
function system(overrides: { dbArg?: string; cacheArg?: string; webTarget?: string; extra?: string } = {}) {
  return {
    'services.yaml': `services:
  db:
    process: {command: /bin/db, args: ["${overrides.dbArg ?? 'v1'}"]}
  cache:
    process: {command: /bin/cache, args: ["${overrides.cacheArg ?? 'v1'}"]}
  api:
    process:
      command: /bin/api
      args: ["\${{ deps.db.target.hostname }}", "\${{ deps.cache.target.hostname }}"]
    dependsOn: [db]
    connectsTo: [cache]
  web:
    process: {command: /bin/web}
    dependsOn: [api]
${overrides.extra ?? ''}`,
    'infrastructure.yaml': targets(3),
    'distribution.yaml': `distribution:
  db: [t1]
  cache: [t1]
  api: [t2]
  web: [${overrides.webTarget ?? 't3'}]
${overrides.extra ? '  worker: [t3]\n' : ''}`,
  };
}

const summary = (units: readonly PlannedUnit[], to: ReturnType<typeof evaluate>) =>
  planDocument(units, to, to.ids).steps.map(
    (s) => `${s.op} ${s.service}@${s.target}: ${s.reason.kind} (${s.reason.message})`,
  );

describe('planning: the minimal transition', () => {
  it('activates everything from nothing, dependencies first across targets', () => {
    const desired = evaluate(system());

    const plan = planDocument([], desired, desired.ids);

    assert.deepEqual(
      plan.steps.map((s) => [s.op, s.service, s.target, s.reason, s.requires]),
      [
        ['activate', 'cache', 't1', { kind: 'new', message: 'new' }, []],
        ['activate', 'db', 't1', { kind: 'new', message: 'new' }, []],
        ['activate', 'api', 't2', { kind: 'new', message: 'new' }, [1]],
        ['activate', 'web', 't3', { kind: 'new', message: 'new' }, [2]],
      ],
    );
    assert.deepEqual(plan.unchanged, []);
  });

  it('plans nothing when nothing changed (planning the result of a plan against itself)', () => {
    const desired = evaluate(system());

    const plan = planDocument(desired.units, evaluate(system(), desired.ids), desired.ids);

    assert.deepEqual(plan.steps, []);
    assert.equal(plan.unchanged.length, 4);
  });

  it('starts again a unit deployed as desired that does not run, and only it: no deactivation, no cascade', () => {
    const desired = evaluate(system());

    const plan = planTransition(desired.units, desired.units, new Set(['db@t1/process']));

    assert.deepEqual(
      plan.steps.map((s) => [s.op, unitId(s), s.reason, s.requires]),
      [['activate', 'db@t1/process', { kind: 'not-running', message: 'not running on t1: start' }, []]],
    );
    assert.equal(plan.unchanged.length, 3, 'api and web, which depend on db, are left alone');
  });

  it('cascades a change to dependents: deactivated dependents first, activated dependencies first', () => {
    const before = evaluate(system());

    const after = evaluate(system({ dbArg: 'v2' }), before.ids);

    assert.deepEqual(summary(before.units, after), [
      'deactivate web@t3: dependency-changed (dependency api changed)',
      'deactivate api@t2: dependency-changed (dependency db changed)',
      'deactivate db@t1: config-changed (config changed)',
      'activate db@t1: config-changed (config changed)',
      'activate api@t2: dependency-changed (dependency db changed)',
      'activate web@t3: dependency-changed (dependency api changed)',
    ]);
  });

  it('does not cascade through connectsTo', () => {
    const before = evaluate(system());

    const after = evaluate(system({ cacheArg: 'v2' }), before.ids);

    assert.deepEqual(summary(before.units, after), [
      'deactivate cache@t1: config-changed (config changed)',
      'activate cache@t1: config-changed (config changed)',
    ]);
  });

  it('adds a service without touching the others', () => {
    const before = evaluate(system());

    const after = evaluate(
      system({ extra: '  worker:\n    process: {command: /bin/worker}\n    activatesAfter: [api]\n' }),
      before.ids,
    );
    const plan = planDocument(before.units, after, before.ids);

    assert.deepEqual(summary(before.units, after), ['activate worker@t3: new (new)']);
    assert.equal(plan.unchanged.length, 4);
  });

  it('moves a service: off the old target, onto the new one', () => {
    const before = evaluate(system());

    const after = evaluate(system({ webTarget: 't1' }), before.ids);

    assert.deepEqual(summary(before.units, after), [
      'deactivate web@t3: moved-away (moved to t1)',
      'activate web@t1: moved-here (moved from t3)',
    ]);
  });

  it('says when a service is added to one more target, or taken off one', () => {
    const before = evaluate(system());
    const scaled = system();
    scaled['distribution.yaml'] = scaled['distribution.yaml'].replace('web: [t3]', 'web: [t3, t1]');

    const after = evaluate(scaled, before.ids);

    assert.deepEqual(summary(before.units, after), ['activate web@t1: added-to-target (added to t1)']);
    assert.deepEqual(summary(after.units, evaluate(system(), after.ids)), [
      'deactivate web@t1: removed-from-target (removed from t1)',
    ]);
  });

  it('redeploys a dependent whose templates see a moved dependency', () => {
    const before = evaluate(system());
    const moved = system();
    moved['distribution.yaml'] = moved['distribution.yaml'].replace('db: [t1]', 'db: [t3]');

    const after = evaluate(moved, before.ids);

    assert.deepEqual(summary(before.units, after), [
      'deactivate web@t3: dependency-changed (dependency api changed)',
      'deactivate api@t2: config-changed (config changed)',
      'deactivate db@t1: moved-away (moved to t3)',
      'activate db@t3: moved-here (moved from t1)',
      'activate api@t2: config-changed (config changed)',
      'activate web@t3: dependency-changed (dependency api changed)',
    ]);
  });

  it('orders by activatesAfter and cascades through it', () => {
    const files = {
      'services.yaml':
        'services:\n  migrate:\n    process: {command: /bin/migrate, args: [v1]}\n  app:\n    process: {command: /bin/app}\n    activatesAfter: [migrate]\n',
      'infrastructure.yaml': targets(1),
      'distribution.yaml': 'distribution:\n  migrate: [t1]\n  app: [t1]\n',
    };
    const before = evaluate(files);

    const after = evaluate(
      { ...files, 'services.yaml': files['services.yaml'].replace('[v1]', '[v2]') },
      before.ids,
    );

    assert.deepEqual(summary(before.units, after), [
      'deactivate app@t1: dependency-changed (dependency migrate changed)',
      'deactivate migrate@t1: config-changed (config changed)',
      'activate migrate@t1: config-changed (config changed)',
      'activate app@t1: dependency-changed (dependency migrate changed)',
    ]);
  });

  it('removes a service, dependents first', () => {
    const before = evaluate(system());
    const files = system();
    files['services.yaml'] = files['services.yaml'].replace(/ {2}web:\n.*\n.*\n/, '');
    files['distribution.yaml'] = files['distribution.yaml'].replace(/ {2}web: .*\n/, '');

    const after = evaluate(files, before.ids);

    assert.deepEqual(summary(before.units, after), ['deactivate web@t3: removed (removed)']);
  });

  it('says when only the units a service is activated after changed', () => {
    const files = (web: string) => ({
      'services.yaml': `services:\n  cache:\n    process: {command: /bin/cache}\n  web:\n    process: {command: /bin/web}\n${web}`,
      'infrastructure.yaml': targets(2),
      'distribution.yaml': 'distribution:\n  cache: [t1]\n  web: [t2]\n',
    });
    const before = evaluate(files(''));

    const after = evaluate(files('    activatesAfter: [cache]\n'), before.ids);

    assert.deepEqual(summary(before.units, after), [
      'deactivate web@t2: dependency-set-changed (dependencies changed)',
      'activate web@t2: dependency-set-changed (dependencies changed)',
    ]);
  });

  it('says when a unit stays on its target in another container', () => {
    const unit = (container: string): PlannedUnit => ({
      service: 'web',
      target: 't1',
      container,
      hash: 'h',
      specHash: 'h',
      dependsOn: [],
    });

    const plan = planTransition([unit('supervisord')], [unit('process')]);

    assert.deepEqual(
      plan.steps.map((s) => [s.op, s.container, s.reason]),
      [
        ['deactivate', 'supervisord', { kind: 'container-changed', message: 'container changed on t1' }],
        ['activate', 'process', { kind: 'container-changed', message: 'container changed on t1' }],
      ],
    );
  });

  it('draws units that arrive on a target as new and the other activated units as changed', () => {
    const before = evaluate(system());
    const files = system({ dbArg: 'v2', webTarget: 't1' });
    files['distribution.yaml'] = files['distribution.yaml'].replace('cache: [t1]', 'cache: [t1, t2]');
    const after = evaluate(files, before.ids);

    const markdown = formatPlanMarkdown(planDocument(before.units, after, before.ids), 'models', after.units);

    assert.match(
      markdown,
      / {4}t1__cache\["cache"\]\n {4}t1__db\["db"\]:::changed\n {4}t1__web\["web"\]:::new\n/,
    );
    assert.match(markdown, / {4}t2__api\["api"\]:::changed\n {4}t2__cache\["cache"\]:::new\n/);
  });

  it('writes a JSON plan that its schema accepts, with ID changes', () => {
    const desired = evaluate({
      'services.yaml':
        'services:\n  web:\n    process: {command: /bin/web, args: ["${{ ids.ports }}"]}\n    requiresUniqueIdsFor: [ports]\n',
      'infrastructure.yaml': targets(1),
      'distribution.yaml': 'distribution:\n  web: [t1]\n',
      'idresources.yaml': 'pools:\n  ports:\n    min: 8000\n    max: 8010\n',
    });
    const ajv = new Ajv({ allErrors: true });
    ajv.addSchema(idsSchema);

    const plan = planDocument([], desired, {
      version: 1,
      ids: {},
      lastAssignments: {},
      lastAssignmentsPerTarget: {},
      retired: {},
    });

    assert.ok(ajv.validate(planSchema, plan), ajv.errorsText());
    assert.deepEqual(plan.idChanges, [{ pool: 'ports', service: 'web', to: 8000 }]);
    assert.equal(desired.units[0]!.spec.process!.args[0], '8000');
  });

  it('writes a Markdown comment with a table per changed target and the reasons', () => {
    const before = evaluate(system());
    const after = evaluate(
      system({ dbArg: 'v2', extra: '  worker:\n    process: {command: /bin/worker}\n' }),
      before.ids,
    );

    const markdown = formatPlanMarkdown(planDocument(before.units, after, before.ids), 'models');

    assert.match(markdown, /\*\*4\*\* to activate, \*\*3\*\* to deactivate, \*\*1\*\* untouched/);
    assert.match(
      markdown,
      /#### t1\n\n\| \| units \| \|\n\|---\|---:\|---\|\n\| activate \| 1 \| `db` \(config changed\) \|/,
    );
    assert.match(markdown, /\| activate \| 2 \| `worker` \(new\), `web` \(dependency api changed\) \|/);
    assert.match(markdown, /\| untouched \| 1 \| `cache` \|/);
  });
});

/** A random acyclic system: service i may depend on services with a lower index. */
const systemArbitrary: fc.Arbitrary<RandomSystem> = fc
  .array(
    fc.record({
      deps: fc.uniqueArray(fc.nat(10), { maxLength: 3 }),
      after: fc.uniqueArray(fc.nat(10), { maxLength: 2 }),
      targets: fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
      version: fc.integer({ min: 1, max: 3 }),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((services) =>
    services.map((s, i) => ({
      ...s,
      deps: s.deps.filter((d) => d < i),
      after: s.after.filter((d) => d < i && !s.deps.includes(d)),
    })),
  );

/** A random system: per service, the lower-numbered services it depends on or activates after. */
type RandomSystem = { deps: number[]; after: number[]; targets: number[]; version: number }[];

function filesOf(system: RandomSystem) {
  let services = 'services:\n';
  let distribution = 'distribution:\n';
  system.forEach((s, i) => {
    services += `  s${i}:\n    process: {command: /bin/s${i}, args: ["v${s.version}"]}\n`;
    if (s.deps.length > 0) services += `    dependsOn: [${s.deps.map((d) => `s${d}`).join(', ')}]\n`;
    if (s.after.length > 0) services += `    activatesAfter: [${s.after.map((d) => `s${d}`).join(', ')}]\n`;
    distribution += `  s${i}: [${s.targets.map((t) => `t${t}`).join(', ')}]\n`;
  });
  return { 'services.yaml': services, 'infrastructure.yaml': targets(3), 'distribution.yaml': distribution };
}

describe('planning: properties', () => {
  it('orders every step after what it must follow, and reaching the target state leaves nothing to do', () => {
    fc.assert(
      fc.property(
        systemArbitrary,
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 10, maxLength: 10 }),
        (system, versions) => {
          const before = evaluate(filesOf(system));
          const changed = system.map((s, i) => ({ ...s, version: versions[i]! }));
          const after = evaluate(filesOf(changed), before.ids);

          const plan = planTransition(before.units, after.units);
          const again = planTransition(after.units, evaluate(filesOf(changed), after.ids).units);

          const position = new Map(plan.steps.map((s, i) => [`${s.op} ${unitId(s)}`, i]));
          const unitsOf = (units: readonly PlannedUnit[], service: string) =>
            units.filter((u) => u.service === service);
          for (const [i, step] of plan.steps.entries()) {
            for (const r of step.requires)
              assert.ok(r < i && plan.steps[r]!.op === step.op, 'requires an earlier step of its phase');
            const side = step.op === 'activate' ? after.units : before.units;
            const unit = side.find((u) => unitId(u) === unitId(step))!;
            for (const dep of unit.dependsOn.flatMap((d) => unitsOf(side, d))) {
              const j = position.get(`${step.op} ${unitId(dep)}`);
              if (j === undefined) continue;
              if (step.op === 'activate') assert.ok(j < i, `${unitId(dep)} activated before ${unitId(step)}`);
              else assert.ok(j > i, `${unitId(step)} deactivated before its dependency ${unitId(dep)}`);
            }
          }
          const lastDeactivate = plan.steps.findLastIndex((s) => s.op === 'deactivate');
          const firstActivate = plan.steps.findIndex((s) => s.op === 'activate');
          if (lastDeactivate >= 0 && firstActivate >= 0) assert.ok(lastDeactivate < firstActivate);
          assert.deepEqual(again.steps, []);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('changes exactly the units whose service changed or depends (transitively) on a changed one', () => {
    fc.assert(
      fc.property(systemArbitrary, fc.nat(9), (system, pick) => {
        const index = pick % system.length;
        const before = evaluate(filesOf(system));
        const changed = system.map((s, i) => (i === index ? { ...s, version: s.version + 1 } : s));

        const plan = planTransition(before.units, evaluate(filesOf(changed), before.ids).units);

        const affected = new Set([index]);
        system.forEach((s, i) => {
          if ([...s.deps, ...s.after].some((d) => affected.has(d))) affected.add(i);
        });
        const activated = new Set(
          plan.steps.filter((s) => s.op === 'activate').map((s) => Number(s.service.slice(1))),
        );
        assert.deepEqual([...activated].sort(), [...affected].sort());
      }),
      { numRuns: 60 },
    );
  });
});
