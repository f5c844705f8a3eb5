/**
 * Everything a commit can make drover read or compute is bounded: numbers that YAML would silently
 * change, pool sizes, health check timeouts, file sizes and string sizes are located errors, reported in
 * milliseconds rather than blocking the controller.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelError, formatProblem } from '../controller/core/problems.ts';
import { evaluateDirectory } from '../controller/folder/models-folder.ts';
import { problemsOf, TempDirs } from './helpers/models.ts';

const INFRA = 'targets:\n  t1: { transport: local, unprivileged: true, stateDir: /tmp/t1 }\n';
const DISTRIBUTION = 'distribution:\n  web: [t1]\n';
const repo = (services: string, idresources?: string): Record<string, string> => ({
  'services.yaml': services,
  'infrastructure.yaml': INFRA,
  'distribution.yaml': DISTRIBUTION,
  ...(idresources !== undefined ? { 'idresources.yaml': idresources } : {}),
});
const web = (fields: string) => `services:\n  web:\n    process:\n      command: /bin/sleep\n${fields}`;

describe('bounds on what a commit can make drover read or compute', () => {
  const temp = new TempDirs();
  after(() => temp.cleanup());

  it('a number YAML would not keep as written is an error asking for quotes', () => {
    const problems = problemsOf(
      repo(
        web(
          '      args: [1.10, 0x1F, 12345678901234567890, 1e3, "0755", 1.5, 42]\n      environment: { MODE: 0755 }\n',
        ),
      ),
    );

    assert.deepEqual(problems, [
      "services.yaml:5:14: '1.10' is read as the number 1.1: write it in quotes where it is text, or as a plain number",
      "services.yaml:5:20: '0x1F' is read as the number 31: write it in quotes where it is text, or as a plain number",
      "services.yaml:5:26: '12345678901234567890' is past the largest exact integer (2^53): write it in quotes where it is text, or as a plain number",
      "services.yaml:5:48: '1e3' is read as the number 1000: write it in quotes where it is text, or as a plain number",
      "services.yaml:6:28: '0755' is read as the number 755: write it in quotes where it is text, or as a plain number",
    ]);
  });

  it('pool bounds past 2^53 and pools of more than 10,000,000 IDs are errors, found at once', () => {
    const started = performance.now();

    const huge = problemsOf(
      repo(web('    requiresUniqueIdsFor: [ports]\n'), 'pools:\n  ports: { min: 1e20, max: 1e21 }\n'),
    );
    const large = problemsOf(
      repo(web('    requiresUniqueIdsFor: [ports]\n'), 'pools:\n  ports: { min: 0, max: 20000000 }\n'),
    );

    assert.deepEqual(huge, [
      'idresources.yaml:2:17: min: must be <= 9007199254740991',
      'idresources.yaml:2:28: max: must be <= 9007199254740991',
    ]);
    assert.deepEqual(large, ["idresources.yaml:2:10: pool 'ports' holds 20000001 IDs: at most 10,000,000"]);
    assert.ok(performance.now() - started < 2000, 'no pool is walked');
  });

  it('a health check may wait at most an hour', () => {
    const problems = problemsOf(repo(web('    healthCheck: { tcp: "127.0.0.1:80", timeout: 9999999m }\n')));

    assert.deepEqual(problems, ['services.yaml:5:50: healthCheck timeout 9999999m is longer than 1h']);
  });

  it('a string value of more than 1 MiB is a located error', () => {
    const problems = problemsOf(repo(web(`      args: ["${'x'.repeat(1024 * 1024 + 1)}"]\n`)));

    assert.deepEqual(problems, ['services.yaml:5:14: a value of more than 1 MiB']);
  });

  it('a model file of more than 16 MiB cannot be read: an error, never "absent"', () => {
    const dir = temp.withFiles(repo(web('')));
    writeFileSync(join(dir, 'distribution.yaml'), `# ${'x'.repeat(16 * 1024 * 1024)}\n${DISTRIBUTION}`);

    let problems: string[] = [];
    try {
      evaluateDirectory(dir);
    } catch (error) {
      assert.ok(error instanceof ModelError);
      problems = error.problems.map((p) => formatProblem(p));
    }

    assert.deepEqual(problems, [`${dir}/distribution.yaml: cannot be read: larger than 16 MiB`]);
  });
});
