// Shared StrykerJS settings for `pnpm mutate` (see README.md beside this file). Each package's config
// (domain / sdk / hub-sync) adds what it mutates, which tests run, and its `break` threshold.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

// pnpm keeps each package's dependencies apart, so Stryker's default plugin glob (next to core) finds
// neither runner nor checker: name them by their resolved ESM entry points (root devDependencies).
const plugins = ['@stryker-mutator/jest-runner', '@stryker-mutator/typescript-checker'].map((p) => import.meta.resolve(p));

/** Where each target's JSON report lands (the runner reads it to print the score per file). */
// Stryker wraps jest's test environment and loads the one named in the config from the package; pnpm
// does not hoist jest-environment-node, so it is found the way jest itself finds it and named by path.
function jestEnvironmentNode() {
  let from = createRequire(path.join(repoRoot, 'package.json'));
  let file = '';
  for (const step of ['jest', '@jest/core', 'jest-config', 'jest-environment-node']) {
    file = from.resolve(step);
    from = createRequire(file);
  }
  return file;
}

export function reportFile(target) {
  return path.join(repoRoot, 'reports', 'mutation', `${target}.json`);
}

/**
 * @param {string} target  domain | sdk | hub-sync
 * @param {{ mutate: string[], breakAt: number, jest?: object, ignorePatterns?: string[] }} own
 */
export function strykerConfig(target, own) {
  return {
    packageManager: 'pnpm',
    plugins,
    testRunner: 'jest',
    // Mutants that do not compile are discarded before any test runs (cheaper than running jest on them).
    checkers: ['typescript'],
    tsconfigFile: 'tsconfig.json',
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    // Only the tests that cover a mutant run for it.
    coverageAnalysis: 'perTest',
    jest: {
      projectType: 'custom',
      configFile: 'jest.config.js',
      enableFindRelatedTests: true,
      ...own.jest,
      config: { testEnvironment: jestEnvironmentNode(), ...own.jest?.config },
    },
    mutate: own.mutate,
    // Mutants whose code and covering tests did not change keep their earlier result: the file is
    // committed, so CI only re-tests what a change touched.
    incremental: true,
    incrementalFile: path.join(here, 'incremental', `${target}.json`),
    // Two cores, shared: 2 in CI, 1 by default on a developer machine (MUTATE_CONCURRENCY overrides).
    concurrency: Number(process.env.MUTATE_CONCURRENCY || (process.env.CI ? 2 : 1)),
    // A mutant that makes a test loop (a backoff that never grows…) is a Timeout, counted as killed.
    timeoutMS: 5_000,
    timeoutFactor: 2,
    reporters: ['clear-text', 'json', 'html', 'progress-append-only'],
    clearTextReporter: { allowEmojis: false, logTests: false, reportScoreTable: true, reportMutants: true },
    jsonReporter: { fileName: reportFile(target) },
    htmlReporter: { fileName: path.join(repoRoot, 'reports', 'mutation', `${target}.html`) },
    // The sandbox is a copy of the package (node_modules linked, not copied); build output and
    // reports stay out of it.
    ignorePatterns: ['dist', 'coverage', 'reports', '.turbo', '*.tsbuildinfo', ...(own.ignorePatterns ?? [])],
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    thresholds: { high: 90, low: 80, break: own.breakAt },
  };
}
