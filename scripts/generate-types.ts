/**
 * Generates schema/generated/*.ts from schema/*.schema.json: the types, with json-schema-to-typescript,
 * and validators.ts, the validator of every schema as ajv's standalone code, so that drover compiles no
 * schema when it starts. `npm run gen:types` writes them; test/schema-types.test.ts fails when they are stale.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { formats } from '../schema/formats.ts';

const schemaDir = fileURLToPath(new URL('../schema/', import.meta.url));
export const generatedDir = join(schemaDir, 'generated');

const banner = '/* Generated from schema/%s by `npm run gen:types`. Do not edit. */';

/** The schema files, sorted. */
function schemaFiles(): string[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
}

/** Returns the generated TypeScript for every schema, and validators.ts, keyed by output file name. */
export async function generateTypes(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of schemaFiles()) {
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
  out.set('validators.ts', generateValidators());
  return out;
}

/**
 * The validators of every schema as one ES module (ajv's standalone code), each exported under the
 * schema's name (`services` for services.schema.json), with the options schema/index.ts relies on: every
 * error (allErrors) with its schema and parent schema (verbose), formats as their patterns.
 */
export function generateValidators(): string {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
    code: { source: true, esm: true, lines: true },
  });
  for (const [format, { test }] of Object.entries(formats)) ajv.addFormat(format, test);
  const exports: Record<string, string> = {};
  for (const file of schemaFiles()) {
    const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    exports[file.replace('.schema.json', '')] = schema.$id;
  }
  // The one runtime helper the schemas need (maxLength counts code points), defined in the module itself.
  const helper = 'require("ajv/dist/runtime/ucs2length").default';
  let code = standaloneCode.default(ajv, exports).replaceAll(helper, 'ucs2length');
  if (code.includes('require(')) throw new Error('validators.ts: an ajv runtime helper that is not inlined');
  if (code.includes('ucs2length')) code += `\n${ucs2lengthModule.default.toString()}\n`;
  const banner =
    '/* Generated from schema/*.schema.json by `npm run gen:types` (ajv standalone). Do not edit. */';
  return `${banner}\n// @ts-nocheck\n${code}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(generatedDir, { recursive: true });
  for (const [name, ts] of await generateTypes()) writeFileSync(join(generatedDir, name), ts);
  console.log(`wrote ${generatedDir}`);
}
