/**
 * Guards of the explicit registries (Renovate's `index.spec.ts`): the renderer registry is the one list of
 * process managers and the transport registry the one list of transports, so the hand-written schemas and
 * the files under renderers/ must agree with them.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transportNames } from '../controller/transport/index.ts';
import { processManagers, renderers } from '../renderers/index.ts';
import type { Renderer } from '../renderers/types.ts';
import infrastructureSchema from '../schema/infrastructure.schema.json' with { type: 'json' };

const renderersDir = fileURLToPath(new URL('../renderers/', import.meta.url));
const rendererTestsDir = fileURLToPath(new URL('./renderers/', import.meta.url));
const targetFields = infrastructureSchema.definitions.target.properties;

function isRenderer(value: unknown): value is Renderer {
  const candidate = value as Partial<Renderer> | null;
  return typeof candidate?.manager === 'string' && typeof candidate.render === 'function';
}

/** Every module of renderers/ but the registry itself, with the renderers it exports. */
async function rendererModules(): Promise<{ file: string; source: string; exported: Renderer[] }[]> {
  const files = readdirSync(renderersDir)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const module = (await import(pathToFileURL(join(renderersDir, file)).href)) as Record<string, unknown>;
      return {
        file,
        source: readFileSync(join(renderersDir, file), 'utf8'),
        exported: Object.values(module).filter(isRenderer),
      };
    }),
  );
}

describe('registries', () => {
  describe('renderers (renderers/index.ts, the one list of process managers)', () => {
    it('are exactly the processManager enum of infrastructure.schema.json, in the same order', () => {
      const schemaEnum = targetFields.processManager.enum;

      assert.deepEqual(schemaEnum, [...processManagers]);
      assert.deepEqual([...renderers.keys()], [...processManagers]);
    });

    it('register every renderer that a file of renderers/ defines, and nothing else', async () => {
      // Loaded the way rendererModules() loads the files, so that the same module instances compare equal.
      const registry = (await import('../renderers/index.ts')).renderers;
      const modules = await rendererModules();

      const defined = modules.flatMap((m) => m.exported);
      for (const renderer of defined) {
        assert.equal(registry.get(renderer.manager), renderer, `${renderer.manager} is not registered`);
      }
      assert.equal(defined.length, registry.size, 'a registered renderer is defined outside renderers/');
    });

    it('declare every container property they read (unit.containerProperties.<name>)', async () => {
      const modules = await rendererModules();

      for (const { file, source, exported } of modules) {
        const read = [...source.matchAll(/containerProperties\.(\w+)/g)].map((m) => m[1]!);
        if (read.length === 0) continue;
        assert.equal(exported.length, 1, `renderers/${file} reads container properties outside a renderer`);
        const declared = Object.keys(exported[0]!.containerProperties);
        for (const property of read) {
          assert.ok(declared.includes(property), `renderers/${file} reads ${property} without declaring it`);
        }
      }
    });

    it('each have a conformance suite in test/renderers/', async () => {
      const modules = await rendererModules();

      for (const { file, exported } of modules) {
        for (const renderer of exported) {
          const suite = join(rendererTestsDir, file.replace(/\.ts$/, '.test.ts'));
          assert.ok(existsSync(suite), `${renderer.manager} has no test/renderers/${file}`);
          assert.match(readFileSync(suite, 'utf8'), new RegExp(`manager: '${renderer.manager}'`));
        }
      }
    });
  });

  describe('activation modules (renderers/modules/)', () => {
    it('register every module a file of renderers/modules/ defines, and each is tested there', async () => {
      // Loaded the way the files are loaded below, so that the same module instances compare equal.
      const registry = (await import('../renderers/index.ts')).activationModules;
      const dir = join(renderersDir, 'modules');
      const suite = readFileSync(join(rendererTestsDir, 'modules.test.ts'), 'utf8');
      const defined: Renderer[] = [];
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
        const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
        defined.push(...Object.values(module).filter(isRenderer));
      }

      assert.deepEqual(defined.map((m) => m.manager).sort(), [...registry.keys()].sort());
      for (const module of defined) {
        assert.equal(registry.get(module.manager), module, `${module.manager} is not registered`);
        assert.ok(!renderers.has(module.manager), `${module.manager} is a process manager too`);
        assert.match(suite, new RegExp(`manager: '${module.manager}'`), `${module.manager} has no suite`);
      }
    });
  });

  describe('transports (controller/transport/index.ts)', () => {
    it('are exactly the transport enum of infrastructure.schema.json', () => {
      const schemaEnum = targetFields.transport.enum;

      assert.deepEqual([...schemaEnum].sort(), [...transportNames].sort());
    });
  });
});
