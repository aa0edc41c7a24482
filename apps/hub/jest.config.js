// Hub tests boot the real app against real databases: one app per test file, so keep files few and
// workers low (2 cores). PGlite needs --experimental-vm-modules under jest (set in the test script).
module.exports = require('@stock-sync/jest-preset').createJestConfig(__dirname, { testTimeout: 60_000 });
