/** Messages a user can act on: a mistyped or misplaced field says what was meant. */
import assert from 'node:assert/strict';
import { problemsOf } from './helpers/models.ts';

describe('messages for mistakes in the models', () => {
  it('an unknown field suggests the field meant, or where it belongs when it is at the wrong level', () => {
    const problems = problemsOf({
      'services.yaml':
        'services:\n  web:\n    command: /bin/web\n    dependOn: [db]\n    proces: { command: /bin/x }\n    timeout: 5s\n    colour: red\n',
    });

    assert.deepEqual(problems, [
      "services.yaml:3:5: unknown field 'command' (it belongs under 'process' or 'healthCheck')",
      "services.yaml:4:5: unknown field 'dependOn' (did you mean 'dependsOn'?)",
      "services.yaml:5:5: unknown field 'proces' (did you mean 'process'?)",
      "services.yaml:6:5: unknown field 'timeout' (it belongs under 'healthCheck')",
      "services.yaml:7:5: unknown field 'colour'",
    ]);
  });

  it('never quotes more than 120 characters of the offending text', () => {
    const long = `x${'y'.repeat(500)}`;

    const problems = problemsOf({
      'services.yaml': `services:\n  web:\n    process: { command: /bin/web }\n    dependsOn: [${long}]\n  api:\n    ${long}: 1\n`,
    });

    assert.equal(problems.length, 2);
    for (const problem of problems) {
      assert.ok(!problem.includes('y'.repeat(121)), problem);
      assert.match(problem, /'xy{116}\.\.\.'/);
    }
  });
});
