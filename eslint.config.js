// Lint: typescript-eslint's type-checked rules (no floating promises and friends).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'schema/generated/', 'fixtures/', 'eslint.config.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The pure core: no I/O, and nothing from the layers above it (only core/, renderers/ and schema/).
    files: ['controller/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'os', 'dgram'].flatMap((m) => [
              { name: m, message: 'controller/core is pure: do I/O at the edges and pass the result in' },
              {
                name: `node:${m}`,
                message: 'controller/core is pure: do I/O at the edges and pass the result in',
              },
            ]),
            ...[
              'ssh2',
              'isomorphic-git',
              'chokidar',
              'pino',
              'prom-client',
              'tar-stream',
              '@octokit/rest',
            ].map((name) => ({
              name,
              message: 'controller/core is pure: pass what it needs in from the edges',
            })),
          ],
          patterns: [
            {
              regex:
                '^(\\.\\./)+(apply|gitops|transport|folder|bench|test|scripts)(/|$)|^(\\.\\./)+(log|cli)\\.ts$',
              message: 'controller/core imports only core/, renderers/ and schema/',
            },
          ],
        },
      ],
    },
  },
);
