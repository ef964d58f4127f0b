// @ts-check
import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { fileURLToPath } from 'node:url';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries of docs/conventions.md §2; each zone forbids `from`
 * inside `target`.
 */
const zones = [
  {
    target: './src/contract',
    from: ['./src/filter', './src/web', './src/server', './src/emulator'],
    message: 'src/contract is a leaf: it imports nothing else of ours.',
  },
  {
    target: './src/filter',
    from: ['./src/web', './src/server', './src/emulator'],
    message: 'src/filter may import only src/contract.',
  },
  {
    target: './src/web',
    from: ['./src/server', './src/emulator', './e2e', './bench'],
    message: 'The SPA never imports Node code (server, emulator, e2e, bench).',
  },
  {
    target: './src/emulator',
    from: ['./src/server', './src/web'],
    message: 'The emulator imports only src/contract and src/filter.',
  },
  {
    target: './src/server',
    except: [],
    from: ['./src/web'],
    message: 'The server imports only src/contract and src/filter.',
  },
  {
    // Only the entry point may start the embedded emulator.
    // Integration tests may compose the server with a real emulator.
    target: './src/server/!(main|*.test).ts',
    from: ['./src/emulator'],
    message:
      'Only src/server/main.ts may import the emulator (as the embedded default).',
  },
  {
    target: ['./src/web/lib', './src/web/components', './src/web/config'],
    from: ['./src/web/features', './src/web/app'],
    message: 'web/lib, components and config sit below features and app.',
  },
  {
    target: './src/web/features',
    from: ['./src/web/app'],
    message: 'Features never import the app layer; routes compose features.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'coverage',
      'playwright-report',
      'test-results',
      '.data',
      'src/contract/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX, 'check-file': checkFile },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.js', '.json'],
          conditionNames: ['import', 'default'],
          alias: {
            '@': [fileURLToPath(new URL('./src/web', import.meta.url))],
          },
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Use named exports (docs/conventions.md §4).',
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.{ts,tsx}': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': [
        'error',
        { 'src/**/': 'KEBAB_CASE' },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/contract/**/*.ts', 'src/filter/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^node:',
              message: 'src/contract and src/filter run in the browser too.',
            },
          ],
        },
      ],
    },
  },
  {
    // Config files whose tools demand a default export.
    files: ['*.config.{js,ts}', 'vitest.web-setup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
