/**
 * Golden files: what every renderer makes of the webapp + nginx example, as `drover render` writes it,
 * plus each unit's activation (links, setup, commands). Reviewed like code: a renderer change shows up
 * here as a diff. Regenerate with `UPDATE_GOLDEN=1 npm test`.
 */
import assert from 'node:assert/strict';
import { cpSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDocument } from '../controller/core/documents.ts';
import { writeRenderTree } from '../controller/folder/render-tree.ts';
import { evaluateDirectory } from '../controller/folder/models-folder.ts';
import { unitId } from '../controller/core/units.ts';
import { renderers } from '../renderers/index.ts';
import { fixturesDir, TempDirs } from './helpers/models.ts';

const goldenDir = fileURLToPath(new URL('golden/webapp-nginx/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

/** Every file under `dir`: its content (or link target) and mode, by relative path. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      const stat = lstatSync(path);
      const key = relative(dir, path);
      if (stat.isSymbolicLink()) out.set(key, `-> ${readlinkSync(path)}`);
      else if (stat.isDirectory()) walk(path);
      else out.set(key, `${(stat.mode & 0o777).toString(8)}\n${readFileSync(path, 'utf8')}`);
    }
  };
  walk(dir);
  return out;
}

describe('golden files: the webapp + nginx example under every manager', () => {
  const temp = new TempDirs();
  after(() => temp.cleanup());

  for (const manager of renderers.keys()) {
    it(`${manager}: rendered files and activation match test/golden/webapp-nginx/${manager}`, () => {
      const models = temp.make();
      cpSync(join(fixturesDir, 'webapp-nginx'), models, { recursive: true });
      const infrastructure = join(models, 'infrastructure.yaml');
      writeFileSync(
        infrastructure,
        readFileSync(infrastructure, 'utf8').replace(
          'processManager: supervisord',
          `processManager: ${manager}`,
        ),
      );
      const { units } = evaluateDirectory(models);
      const out = join(temp.make(), manager);
      writeRenderTree(units, out);
      rmSync(join(out, '.drover-render'));
      const activation = Object.fromEntries(
        units.map((u) => {
          const { install, setup, commands } = u.rendered!;
          return [unitId(u), { install, setup, commands }];
        }),
      );
      writeFileSync(join(out, 'activation.json'), formatDocument(activation));

      const golden = join(goldenDir, manager);
      if (update) {
        rmSync(golden, { recursive: true, force: true });
        cpSync(out, golden, { recursive: true, verbatimSymlinks: true });
      }
      assert.deepEqual(snapshot(out), snapshot(golden));
    });
  }
});
