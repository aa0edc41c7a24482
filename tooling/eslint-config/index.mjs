/**
 * The monorepo's ESLint flat config: ESLint's and typescript-eslint's recommended rules (without type
 * information: fast enough for 2 cores and sixteen plugins), Node globals, and the dependency boundaries.
 * Formatting is Prettier's (prettier.json here), so no stylistic rule is on.
 */
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundaries } from './boundaries.mjs';

export const ignores = [
  '**/node_modules/**',
  '**/dist/**',
  '**/coverage/**',
  '**/reports/**',
  '.stryker-tmp/**',
  '**/.stryker-tmp/**',
  'tooling/mutate/incremental/**',
  '**/.hub-data/**',
  // What a test run leaves behind (git ignores these too): turbo's cache and logs, the hub tests' artifacts.
  '**/.turbo/**',
  'apps/hub/test-artifacts/**',
  '**/*.d.ts',
  // Generated from the hub's OpenAPI document (pnpm --filter @stock-sync/client generate).
  'packages/client/src/generated/**',
];

export default tseslint.config(
  { ignores },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023 },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are deliberately unused (callback positions, destructured-away fields).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A variable read (by a closure) before its one assignment cannot be a const: the closure would meet it
      // in its temporal dead zone (a simulator's handler, registered before the shop it serves exists).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The hub's web console: ES modules the browser runs (served as they are, no bundler).
    files: ['apps/hub/src/console/static/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    files: ['**/test/**', '**/*.test.ts'],
    languageOptions: { globals: { ...globals.jest } },
    // Tests read platform answers and evidence files as untyped JSON; production code stays typed.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...boundaries,
);
