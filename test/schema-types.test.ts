import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateTypes, generatedDir } from '../scripts/generate-types.ts';

describe('schema/generated', () => {
  it('matches what json-schema-to-typescript makes of schema/*.schema.json (run npm run gen:types)', async function () {
    this.timeout(60_000);

    const expected = await generateTypes();

    assert.deepEqual(readdirSync(generatedDir).sort(), [...expected.keys()].sort());
    for (const [name, text] of expected) {
      assert.equal(readFileSync(join(generatedDir, name), 'utf8'), text, `schema/generated/${name} is stale`);
    }
  });
});
