/**
 * Generates schema/generated/*.ts from schema/*.schema.json with json-schema-to-typescript.
 * `npm run gen:types` writes them; test/schema-types.test.ts fails when they are stale.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const schemaDir = fileURLToPath(new URL('../schema/', import.meta.url));
export const generatedDir = join(schemaDir, 'generated');

const banner = '/* Generated from schema/%s by `npm run gen:types`. Do not edit. */';

/** Returns the generated TypeScript for every schema, keyed by output file name. */
export async function generateTypes(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()) {
    const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as JSONSchema;
    const ts = await compile(schema, schema.title ?? file, {
      bannerComment: banner.replace('%s', file),
      cwd: schemaDir,
      additionalProperties: false,
      unreachableDefinitions: false,
      $refOptions: {
        resolve: {
          // Schemas refer to each other by their $id; read the sibling file, never the network.
          drover: {
            order: 1,
            canRead: /^https:\/\/drover\.dev\/schema\//,
            read: (ref: { url: string }) => readFileSync(join(schemaDir, ref.url.split('/').pop()!), 'utf8'),
          },
          http: false,
        },
      },
    });
    out.set(file.replace('.schema.json', '.ts'), ts);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(generatedDir, { recursive: true });
  for (const [name, ts] of await generateTypes()) writeFileSync(join(generatedDir, name), ts);
  console.log(`wrote ${generatedDir}`);
}
