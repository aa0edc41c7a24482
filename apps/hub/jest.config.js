// Hub tests boot the real app against real databases: one app per test file (and database), so keep
// files few and workers low (2 cores). PGlite needs --experimental-vm-modules under jest (set in the
// package's test script). globalSetup prepares a PGlite template so each file skips initdb.
module.exports = require('@stock-sync/jest-preset').createJestConfig(__dirname, {
  testTimeout: 60_000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
});
