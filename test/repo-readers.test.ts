/**
 * The two readers of a models repository, a folder on disk and a commit's git tree: they read the same
 * content the same way (the same package digest, so that the controller and `drover apply DIR` give a
 * unit the same hash), and neither follows a symbolic link out of the repository.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { digestFiles, REFUSED_LINK } from '../controller/core/models/repo-reader.ts';
import { folderReader } from '../controller/folder/folder-reader.ts';
import { evaluateDirectory } from '../controller/folder/models-folder.ts';
import { gitTreeReader } from '../controller/gitops/git-tree-reader.ts';
import { ModelError, formatProblem } from '../controller/core/problems.ts';
import { evaluateModels } from '../controller/core/evaluate.ts';
import { TempDirs } from './helpers/models.ts';

const SERVICES = `services:
  web:
    package: packages/web
    process: { command: /bin/sleep, args: ["1000"] }
    files:
      config: { template: templates/web.conf }
`;

describe('reading a models repository from a folder and from git objects', () => {
  const temp = new TempDirs();
  after(() => temp.cleanup());

  /** A repository with a package (an executable, a nested file, an in-package link) and a template. */
  function repository(extra: (dir: string) => void = () => undefined): { dir: string; commit: string } {
    const dir = temp.make();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args], {
        cwd: dir,
        encoding: 'utf8',
      }).trim();
    git('init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'services.yaml'), SERVICES);
    writeFileSync(
      join(dir, 'infrastructure.yaml'),
      'targets:\n  t1: { transport: local, unprivileged: true, stateDir: /tmp/t1 }\n',
    );
    writeFileSync(join(dir, 'distribution.yaml'), 'distribution:\n  web: [t1]\n');
    mkdirSync(join(dir, 'packages/web/lib'), { recursive: true });
    writeFileSync(join(dir, 'packages/web/run'), '#!/bin/sh\necho hi\n');
    chmodSync(join(dir, 'packages/web/run'), 0o755);
    writeFileSync(join(dir, 'packages/web/lib/data.txt'), 'data\n');
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates/web.conf'), 'port 80\n');
    extra(dir);
    git('add', '-A');
    git('commit', '-qm', 'models');
    return { dir, commit: git('rev-parse', 'HEAD') };
  }

  const problemsOf = (action: () => unknown): string[] => {
    try {
      action();
    } catch (error) {
      if (error instanceof ModelError) return error.problems.map((p) => formatProblem(p));
      throw error;
    }
    return [];
  };

  it('reads the same files, modes and package digest from the folder and from the commit', async () => {
    const { dir, commit } = repository();

    const folder = folderReader(dir);
    const tree = await gitTreeReader(join(dir, '.git'), commit);

    assert.deepEqual(tree.list('packages/web'), ['lib', 'run']);
    assert.equal(tree.kind('packages/web'), 'dir');
    assert.equal(tree.readText('templates/web.conf'), 'port 80\n');
    assert.deepEqual(
      tree.files('packages/web').map((f) => [f.path, f.mode.toString(8)]),
      [
        ['lib/data.txt', '644'],
        ['run', '755'],
      ],
    );
    assert.equal(digestFiles(tree.files('packages/web')), digestFiles(folder.files('packages/web')));
    const fromFolder = evaluateDirectory(dir).units[0]!;
    const fromTree = evaluateModels(tree);
    assert.ok(fromTree.ok);
    assert.equal(fromTree.value.units[0]!.hash, fromFolder.hash);
  });

  it('a model file that is a symbolic link out of the repository is an error, never read', async () => {
    const secret = join(temp.make(), 'shadow');
    writeFileSync(secret, 'root:$6$secret-hash:19000:0:99999:7:::\n');
    const { dir, commit } = repository((d) => {
      mkdirSync(join(d, 'services'));
      symlinkSync(secret, join(d, 'services/leak.yaml'));
    });

    const fromFolder = problemsOf(() => evaluateDirectory(dir));
    const tree = await gitTreeReader(join(dir, '.git'), commit);
    const fromTree = evaluateModels(tree);

    assert.deepEqual(fromFolder, [`${dir}/services/leak.yaml: ${REFUSED_LINK}`]);
    assert.ok(!fromTree.ok);
    assert.deepEqual(
      fromTree.problems.map((p) => formatProblem(p)),
      [`services/leak.yaml: ${REFUSED_LINK}`],
    );
    assert.doesNotMatch(JSON.stringify([fromFolder, fromTree]), /secret-hash/);
  });

  it('a template or package entry that is a link is a located error in the tree; in a folder, when it leaves', async () => {
    const outside = temp.make();
    writeFileSync(join(outside, 'passwd'), 'root:x:0:0::/root:/bin/sh\n');
    const { dir, commit } = repository((d) => {
      symlinkSync(join(outside, 'passwd'), join(d, 'templates/leak.conf'));
      symlinkSync(outside, join(d, 'packages/web/escape'));
      symlinkSync('run', join(d, 'packages/web/run-link')); // stays inside
      writeFileSync(join(d, 'services.yaml'), SERVICES.replace('templates/web.conf', 'templates/leak.conf'));
    });

    const fromFolder = problemsOf(() => evaluateDirectory(dir));
    const fromTree = evaluateModels(await gitTreeReader(join(dir, '.git'), commit));

    assert.deepEqual(fromFolder, [
      `${dir}/services.yaml:3:14: package 'packages/web': 'escape' ${REFUSED_LINK}`,
      `${dir}/services.yaml:6:27: template 'templates/leak.conf' ${REFUSED_LINK}`,
    ]);
    assert.ok(!fromTree.ok);
    assert.deepEqual(
      fromTree.problems.map((p) => formatProblem(p)),
      [
        `services.yaml:3:14: package 'packages/web': 'escape' ${REFUSED_LINK}`,
        `services.yaml:3:14: package 'packages/web': 'run-link' ${REFUSED_LINK}`,
        `services.yaml:6:27: template 'templates/leak.conf' ${REFUSED_LINK}`,
      ],
    );
  });

  it('a model file that is not valid UTF-8 is an error, and what only follows from it is not reported', async () => {
    const { dir, commit } = repository((d) =>
      writeFileSync(join(d, 'infrastructure.yaml'), Buffer.from([0x74, 0x3a, 0xff, 0xfe, 0x0a])),
    );

    const fromFolder = problemsOf(() => evaluateDirectory(dir));
    const fromTree = evaluateModels(await gitTreeReader(join(dir, '.git'), commit));

    assert.deepEqual(fromFolder, [`${dir}/infrastructure.yaml: cannot be read: not valid UTF-8`]);
    assert.ok(!fromTree.ok);
    assert.deepEqual(
      fromTree.problems.map((p) => formatProblem(p)),
      ['infrastructure.yaml: cannot be read: not valid UTF-8'],
    );
  });
});
