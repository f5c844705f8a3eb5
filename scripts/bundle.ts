/**
 * Bundles the command line (`npm run build` runs it after tsc): dist/controller/cli.js becomes one ES
 * module holding drover's own code and the libraries every verb loads at start (commander, js-yaml, yaml),
 * so that a cold `drover validate|ids|plan` reads one file instead of some hundred. The verbs imported
 * lazily (apply and the others that reach targets, controller, review, render) stay lazy: each is a chunk
 * under dist/controller/chunks/, loaded when that verb runs. Every other dependency stays in node_modules.
 */
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const bundled = ['commander', 'js-yaml', 'yaml'];
const { dependencies } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  dependencies: Record<string, string>;
};

rmSync(`${root}dist/controller/chunks`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['controller/cli.ts'],
  outdir: 'dist/controller',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: Object.keys(dependencies).filter((name) => !bundled.includes(name)),
  // The bundled CommonJS libraries require Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// package.json's bin: run as a program.
chmodSync(`${root}dist/controller/cli.js`, 0o755);
