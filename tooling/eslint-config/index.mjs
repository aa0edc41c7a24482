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
      // Control characters in patterns are deliberate here: the hub refuses NUL in input, tests strip ANSI escapes.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/test/**', '**/*.test.ts'],
    languageOptions: { globals: { ...globals.jest } },
    // Tests read platform answers and evidence files as untyped JSON; production code stays typed.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...boundaries,
);
