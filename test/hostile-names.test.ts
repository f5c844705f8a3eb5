/**
 * Names that every JavaScript object already has as properties (`constructor`, `toString`, `valueOf`,
 * `hasOwnProperty`, `__proto__`) are names like any other: the whole pipeline (validate, IDs, units,
 * plan) treats them exactly as it treats `web`, and nothing reaches Object.prototype.
 */
import assert from 'node:assert/strict';
import { emptyIds, idChanges, withTrustedIds, type IdsDocument } from '../controller/core/ids.ts';
import { planTransition } from '../controller/core/plan.ts';
import { evaluate, problemsOf } from './helpers/models.ts';

const NAMES = ['constructor', 'hasOwnProperty', 'toString', 'valueOf'] as const;

/** Services, pools and targets all called after Object.prototype's properties, placed across each other. */
function hostileModels(): Record<string, string> {
  const services = NAMES.map(
    (name) =>
      `  ${name}:\n` +
      '    process:\n' +
      '      command: /bin/sh\n' +
      `      args: ["\${{ ids.constructor }}", "\${{ ids.hasOwnProperty }}", "\${{ ids.toString }}", "\${{ ids.valueOf }}", "\${{ target.name }}", "\${{ target.properties.__proto__ }}"]\n` +
      '      environment: { __proto__: proto, constructor: ctor }\n' +
      '    requiresUniqueIdsFor: [constructor, hasOwnProperty, toString, valueOf]\n',
  ).join('');
  return {
    'services.yaml':
      `services:\n${services}` +
      // toString runs after constructor and is told where it is.
      '  toString-client:\n    process:\n      command: /bin/client\n' +
      '      args: ["${{ deps.constructor.ids.constructor }}", "${{ deps.constructor.target.name }}"]\n' +
      '    dependsOn: [constructor]\n',
    'infrastructure.yaml':
      'targets:\n' +
      NAMES.map(
        (name) => `  ${name}:\n    hostname: ${name}.example\n    properties: { __proto__: p-${name} }\n`,
      ).join(''),
    'idresources.yaml':
      'pools:\n' +
      '  constructor: { min: 100, max: 109 }\n' +
      '  hasOwnProperty: { follows: constructor }\n' +
      '  toString: { min: 200, max: 209, scope: machine }\n' +
      '  valueOf: { min: 300, max: 309 }\n',
    'distribution.yaml':
      'distribution:\n' +
      '  constructor: [constructor, toString]\n' +
      '  hasOwnProperty: [constructor]\n' +
      '  toString: [toString]\n' +
      '  valueOf: [valueOf, hasOwnProperty]\n' +
      '  toString-client: [toString]\n',
  };
}

describe('names that are properties of every object (constructor, toString, valueOf, __proto__)', () => {
  const objectBefore = Object.getOwnPropertyNames(Object).sort();
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  afterEach(() => {
    assert.deepEqual(Object.getOwnPropertyNames(Object).sort(), objectBefore, 'Object gained a property');
    assert.deepEqual(
      Object.getOwnPropertyNames(Object.prototype).sort(),
      prototypeBefore,
      'Object.prototype gained a property',
    );
  });

  it('get IDs like any name: global, machine-scoped and following pools', () => {
    const { ids } = evaluate(hostileModels());

    assert.deepEqual(ids.ids, {
      constructor: { constructor: 100, hasOwnProperty: 101, toString: 102, valueOf: 103 },
      hasOwnProperty: { constructor: 100, hasOwnProperty: 101, toString: 102, valueOf: 103 },
      // Machine scope: constructor is on targets constructor and toString, so hasOwnProperty (on
      // constructor) and toString (on toString) each take the next ID there; valueOf shares no target.
      toString: { constructor: 200, hasOwnProperty: 201, toString: 201, valueOf: 200 },
      valueOf: { constructor: 300, hasOwnProperty: 301, toString: 302, valueOf: 303 },
    });
    assert.deepEqual(ids.lastAssignments, { constructor: 103, hasOwnProperty: 103, valueOf: 303 });
    assert.deepEqual(ids.lastAssignmentsPerTarget, {
      constructor: { toString: 201 },
      hasOwnProperty: { toString: 200 },
      toString: { toString: 201 },
      valueOf: { toString: 200 },
    });
  });

  it('keep their IDs when assigned again, and a removed one is retired and given back', () => {
    const first = evaluate(hostileModels()).ids;
    const withoutValueOf = {
      ...hostileModels(),
      'distribution.yaml': hostileModels()['distribution.yaml']!.replace(
        '  valueOf: [valueOf, hasOwnProperty]\n',
        '',
      ),
    };

    const again = evaluate(hostileModels(), first).ids;
    const removed = evaluate(withoutValueOf, first).ids;
    const back = evaluate(hostileModels(), removed).ids;

    assert.deepEqual(again, first);
    // Read as a name, never as a property: `ids.valueOf` is Object.prototype.valueOf when there is none.
    assert.deepEqual(Object.entries(removed.ids).find(([pool]) => pool === 'valueOf')?.[1], {
      constructor: 300,
      hasOwnProperty: 301,
      toString: 302,
    });
    assert.deepEqual(Object.entries(removed.retired).find(([pool]) => pool === 'valueOf')?.[1], {
      valueOf: 303,
    });
    assert.deepEqual(Object.entries(back.ids).find(([pool]) => pool === 'valueOf')?.[1], {
      constructor: 300,
      hasOwnProperty: 301,
      toString: 302,
      valueOf: 303,
    });
    assert.deepEqual(idChanges(first, removed), [
      { pool: 'constructor', service: 'valueOf', from: 103 },
      { pool: 'hasOwnProperty', service: 'valueOf', from: 103 },
      { pool: 'toString', service: 'valueOf', from: 200 },
      { pool: 'valueOf', service: 'valueOf', from: 303 },
    ]);
  });

  it('resolve templates and units by name: ids, deps, target properties, environment', () => {
    const { units } = evaluate(hostileModels());

    assert.deepEqual(
      units.map((u) => `${u.service}@${u.target}`),
      [
        'constructor@constructor',
        'constructor@toString',
        'hasOwnProperty@constructor',
        'toString@toString',
        'toString-client@toString',
        'valueOf@hasOwnProperty',
        'valueOf@valueOf',
      ],
    );
    const spec = (service: string, target: string) =>
      units.find((u) => u.service === service && u.target === target)!.spec;
    assert.deepEqual(spec('toString', 'toString').process?.args, [
      '102',
      '102',
      '201',
      '302',
      'toString',
      'p-toString',
    ]);
    assert.deepEqual(spec('valueOf', 'hasOwnProperty').ids, {
      constructor: 103,
      hasOwnProperty: 103,
      toString: 200,
      valueOf: 303,
    });
    assert.deepEqual(spec('toString-client', 'toString').process?.args, ['100', 'toString']);
    assert.deepEqual(spec('toString-client', 'toString').localDependencies, ['constructor']);
    const environment = spec('constructor', 'constructor').process!.environment;
    assert.deepEqual(Object.entries(environment), [
      ['__proto__', 'proto'],
      ['constructor', 'ctor'],
    ]);
    assert.equal(Object.getPrototypeOf(environment), Object.prototype);
  });

  it('plan by name: everything new in dependency order, then nothing to do', () => {
    const { units } = evaluate(hostileModels());

    const fromNothing = planTransition([], units);
    const again = planTransition(units, units);

    assert.deepEqual(
      fromNothing.steps.map(
        (s) => `${s.op} ${s.service}@${s.target} ${s.reason.kind} ${s.requires.join(',')}`,
      ),
      [
        'activate constructor@constructor new ',
        'activate constructor@toString new ',
        'activate hasOwnProperty@constructor new ',
        'activate toString@toString new ',
        'activate valueOf@hasOwnProperty new ',
        'activate valueOf@valueOf new ',
        'activate toString-client@toString new 0,1',
      ],
    );
    assert.deepEqual(again.steps, []);
    assert.equal(again.unchanged.length, units.length);
  });

  it('are override keys like any other under managers that key settings by name (bsdrc, launchd)', () => {
    const files = {
      'services.yaml':
        'services:\n  constructor:\n    process:\n      command: /bin/sh\n      overrides:\n' +
        '        bsdrc: { __proto__: from-bsdrc, constructor: c }\n' +
        '        launchd: { __proto__: from-launchd, constructor: { toString: 1 } }\n',
      'infrastructure.yaml':
        'targets:\n  toString:\n    hostname: a\n    containers:\n' +
        '      valueOf: { processManager: launchd }\n' +
        '  constructor:\n    hostname: b\n    processManager: bsdrc\n',
      'distribution.yaml':
        'distribution:\n  constructor:\n    targets:\n      - target: toString\n        container: valueOf\n' +
        '      - target: constructor\n',
    };

    const { units } = evaluate(files);

    const content = (target: string, path: RegExp) =>
      units.find((u) => u.target === target)!.rendered!.files.find((f) => path.test(f.path))!.content;
    assert.match(content('constructor', /^rc\.d\//), /^__proto__=from-bsdrc$/m);
    assert.match(content('constructor', /^rc\.d\//), /^constructor=c$/m);
    assert.match(
      content('toString', /\.plist$/),
      /<key>__proto__<\/key>\n {2}<string>from-launchd<\/string>/,
    );
    assert.match(content('toString', /\.plist$/), /<key>toString<\/key>\n {4}<integer>1<\/integer>/);
  });

  it('__proto__ is not a plain identifier: refused as a service, pool or target name, where it is written', () => {
    const problems = problemsOf({
      'services.yaml':
        'services:\n  __proto__:\n    type: package\n  web:\n    type: package\n    requiresUniqueIdsFor: [ports]\n',
      'infrastructure.yaml': 'targets:\n  __proto__:\n    hostname: a\n',
      'idresources.yaml': 'pools:\n  __proto__: { min: 1, max: 2 }\n  ports: { min: 1, max: 2 }\n',
    });

    assert.deepEqual(problems, [
      "idresources.yaml:2:3: pool name '__proto__' must be a plain identifier ([A-Za-z0-9][A-Za-z0-9._-]*)",
      "infrastructure.yaml:2:3: target name '__proto__' must be a plain identifier ([A-Za-z0-9][A-Za-z0-9._-]*)",
      "services.yaml:2:3: service name '__proto__' must be a plain identifier ([A-Za-z0-9][A-Za-z0-9._-]*)",
    ]);
  });

  it('an ids.json with __proto__ entries is data: it never reaches Object.prototype', () => {
    const branch = JSON.parse(
      '{"version":1,"ids":{"__proto__":{"polluted":7},"constructor":{"toString":5}},' +
        '"lastAssignments":{"__proto__":3},"lastAssignmentsPerTarget":{"__proto__":{"polluted":1}},' +
        '"retired":{"__proto__":{"polluted":9}}}',
    ) as IdsDocument;

    const merged = withTrustedIds(emptyIds(), branch);
    const reassigned = evaluate(
      {
        'services.yaml':
          'services:\n  toString:\n    process: {command: /bin/x}\n    requiresUniqueIdsFor: [constructor]\n',
        'infrastructure.yaml': 'targets:\n  t1:\n    hostname: a\n',
        'idresources.yaml': 'pools:\n  constructor: { min: 1, max: 9 }\n',
        'distribution.yaml': 'distribution:\n  toString: [t1]\n',
      },
      merged,
    ).ids;

    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.keys(merged.ids), ['__proto__', 'constructor']);
    assert.deepEqual(merged.ids.constructor, { toString: 5 });
    assert.equal(Object.hasOwn(merged.ids, '__proto__'), true);
    assert.deepEqual(reassigned.ids, { constructor: { toString: 5 } });
  });
});
