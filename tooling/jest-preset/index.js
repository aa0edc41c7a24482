// Shared jest set-up for every workspace package. Tests are TypeScript, compiled by ts-jest
// without type-checking (the `typecheck` task does that once, faster), so test runs stay quick.
const path = require('node:path');
const fs = require('node:fs');

const baseCompilerOptions = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'tsconfig', 'base.json'), 'utf8')).compilerOptions;

/** @param {string} packageDir  __dirname of the package's jest.config.js */
/** @param {import('jest').Config} [overrides] */
function createJestConfig(packageDir, overrides = {}) {
  return {
    rootDir: packageDir,
    testEnvironment: 'node',
    roots: ['<rootDir>/src', '<rootDir>/test'].filter((r) => fs.existsSync(r.replace('<rootDir>', packageDir))),
    testMatch: ['**/*.test.ts'],
    moduleFileExtensions: ['ts', 'js', 'json'],
    transform: {
      '^.+\\.ts$': [
        require.resolve('ts-jest'),
        // Transpile-only (isolatedModules): each file compiled alone, no type-checking here.
        { tsconfig: { ...baseCompilerOptions, isolatedModules: true }, diagnostics: false },
      ],
    },
    // Two cores on the reference machine: more workers only fight for them.
    maxWorkers: process.env.CI ? 1 : 2,
    testTimeout: 30_000,
    ...overrides,
  };
}

module.exports = { createJestConfig };
