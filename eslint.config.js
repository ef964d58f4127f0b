// @ts-check
import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pluginQuery from '@tanstack/eslint-plugin-query';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = readdirSync(
  fileURLToPath(new URL('./src/web/features', import.meta.url)),
  { withFileTypes: true },
)
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

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
    target: [
      './src/web/lib',
      './src/web/components',
      './src/web/config',
      './src/web/hooks',
    ],
    from: ['./src/web/features', './src/web/app'],
    message:
      'web/lib, components, config and hooks sit below features and app.',
  },
  // One zone per feature: a feature never imports another; a route module
  // composes them (a new feature folder is covered without editing this).
  ...features.map((feature) => ({
    target: `./src/web/features/${feature}`,
    from: features
      .filter((other) => other !== feature)
      .map((other) => `./src/web/features/${other}`),
    message: `Features never import each other (${feature}); compose them in a route module.`,
  })),
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
    // The rules of hooks plus the React Compiler's rules. The console does not
    // use the compiler, but what those rules catch (refs read during render,
    // impure calls during render, setState in effects, mutated props or state)
    // are bugs under concurrent rendering and Strict Mode all the same.
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs['recommended-latest'].rules,
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  ...pluginQuery.configs['flat/recommended'].map((config) => ({
    ...config,
    files: ['src/web/**/*.{ts,tsx}'],
  })),
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
