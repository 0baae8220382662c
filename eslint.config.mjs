// ESLint flat config: TypeScript rules everywhere, and Nx's module-boundary rule so that
// dependencies only point down the architecture (DESIGN.md section 3).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.nx/**',
      '**/coverage/**',
      'tmp/**',
      'runs/**',
      'apps/cli/bin/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'layer:diagnostics', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'layer:syntax', onlyDependOnLibsWithTags: ['layer:diagnostics'] },
            { sourceTag: 'layer:ir', onlyDependOnLibsWithTags: ['layer:diagnostics'] },
            { sourceTag: 'layer:data', onlyDependOnLibsWithTags: ['layer:diagnostics'] },
            {
              sourceTag: 'layer:compiler',
              onlyDependOnLibsWithTags: ['layer:diagnostics', 'layer:syntax', 'layer:ir'],
            },
            {
              sourceTag: 'layer:diagrams',
              onlyDependOnLibsWithTags: ['layer:diagnostics', 'layer:ir'],
            },
            {
              sourceTag: 'layer:runtime',
              onlyDependOnLibsWithTags: ['layer:diagnostics', 'layer:ir', 'layer:data'],
            },
            {
              // A platform's backend package may build on another (backend-node and
              // backend-webgl on backend-cpu's kernels); Nx refuses a cycle.
              sourceTag: 'layer:backend',
              onlyDependOnLibsWithTags: [
                'layer:diagnostics',
                'layer:ir',
                'layer:data',
                'layer:runtime',
                'layer:backend',
              ],
            },
            {
              sourceTag: 'layer:app',
              onlyDependOnLibsWithTags: [
                'layer:diagnostics',
                'layer:syntax',
                'layer:ir',
                'layer:compiler',
                'layer:diagrams',
                'layer:data',
                'layer:runtime',
                'layer:backend',
              ],
            },
            { sourceTag: 'layer:tools', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // Readable in one sitting (issue 19): product functions stay under 80 lines, or say why
    // beside them with an eslint-disable comment that gives the reason. Tests are exempt:
    // a describe block is a list of cases, not a function to read top to bottom.
    files: ['packages/*/src/**/*.ts', 'apps/*/src/**/*.ts', 'tools/**/*.ts', 'tools/**/*.mjs'],
    ignores: ['**/*.test.ts', '**/test/**', '**/e2e/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  prettier,
);
