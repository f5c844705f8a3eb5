import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate, targets } from './helpers/models.ts';

/** The same service written with its keys in a given order. */
function servicesYaml(order: number[]): string {
  const fields = [
    '    description: web',
    '    process:\n      environment:\n        B: "2"\n        A: "1"\n      command: /bin/web\n      args: ["${{ ids.ports }}"]\n      overrides:\n        systemd: {Z: 1, A: 2}\n      credentials:\n        users:\n          web: {shell: /bin/sh, group: web, description: Web}\n        groups:\n          web: {}',
    '    files:\n      b.conf: {content: "b"}\n      a.conf: {content: "a ${{ ids.ports }}"}',
    '    requiresUniqueIdsFor: [ports, uids]',
    '    healthCheck: {timeout: 5s, tcp: "127.0.0.1:${{ ids.ports }}"}',
  ];
  return `services:\n  web:\n${order.map((i) => fields[i]).join('\n')}\n`;
}

describe('unit hashes', () => {
  it('do not depend on the order keys are written in', () => {
    const files = (order: number[]) => ({
      'services.yaml': servicesYaml(order),
      'infrastructure.yaml': targets(1),
      'distribution.yaml': 'distribution:\n  web: [t1]\n',
      'idresources.yaml': 'pools:\n  uids: {min: 1, max: 9}\n  ports: {min: 10, max: 19}\n',
    });
    const reference = evaluate(files([0, 1, 2, 3, 4])).units[0]!.hash;

    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }), (order) => {
        assert.equal(evaluate(files(order)).units[0]!.hash, reference);
      }),
      { numRuns: 30 },
    );
  });

  it('change when anything that reaches the target changes', () => {
    const base = {
      'services.yaml':
        'services:\n  web:\n    process: {command: /bin/web}\n    files:\n      a.conf: {template: a.conf}\n',
      'a.conf': 'one',
      'infrastructure.yaml': targets(1),
      'distribution.yaml': 'distribution:\n  web: [t1]\n',
    };
    const hash = (files: Record<string, string>) => evaluate(files).units[0]!.hash;

    const original = hash(base);

    assert.notEqual(hash({ ...base, 'a.conf': 'two' }), original, 'template file content');
    assert.notEqual(
      hash({ ...base, 'infrastructure.yaml': targets(1, '    stateDir: /srv/drover\n') }),
      original,
      'state dir',
    );
    assert.notEqual(
      hash({ ...base, 'infrastructure.yaml': targets(1, '    processManager: systemd\n') }),
      original,
      'manager',
    );
    assert.equal(
      hash({ ...base, 'infrastructure.yaml': targets(1, '    port: 2222\n') }),
      original,
      'SSH port is not content',
    );
  });

  it("change when the properties of the unit's container change", () => {
    const files = (port: number) => ({
      'services.yaml': 'services:\n  db:\n    type: mysql-database\n',
      'infrastructure.yaml': targets(
        1,
        `    containers:\n      mysql-database: {processManager: package, mysqlPort: ${port}}\n`,
      ),
      'distribution.yaml': 'distribution:\n  db: [t1]\n',
    });

    const [a, b] = [evaluate(files(3306)).units[0]!, evaluate(files(3307)).units[0]!];

    assert.notEqual(a.hash, b.hash);
    assert.deepEqual(b.spec.containerProperties, { mysqlPort: '3307', processManager: 'package' });
  });
});
