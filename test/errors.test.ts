/** Every error class drover throws carries a literal `code`, distinct from every other, and its own `name`. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Each `class X extends Error` with its body (up to the first line that closes it). */
function errorClasses(): { name: string; where: string; body: string }[] {
  return ['controller', 'renderers'].flatMap((dir) =>
    sourceFiles(join(root, dir)).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/^(?:export )?class (\w+) extends Error \{\n([\s\S]*?)^\}/gm)].map((m) => ({
        name: m[1]!,
        where: relative(root, file),
        body: m[2]!,
      }));
    }),
  );
}

describe('error classes', () => {
  it('each has a distinct literal code and sets its name', () => {
    const classes = errorClasses();

    const codes = classes.map(({ name, where, body }) => {
      const code = /^ {2}readonly code = '(E_[A-Z_]+)';$/m.exec(body)?.[1];
      assert.ok(code, `${where}: ${name} has no literal code`);
      assert.match(body, new RegExp(`this\\.name = '${name}';`), `${where}: ${name} does not set its name`);
      return code;
    });

    assert.ok(classes.length >= 5, 'the error classes were found');
    assert.equal(new Set(codes).size, codes.length, `codes repeat: ${codes.join(', ')}`);
  });
});
