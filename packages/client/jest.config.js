// The client's tests talk to a real hub started in-process on its embedded database (PGlite needs
// --experimental-vm-modules under jest: set in the package's test script).
module.exports = require('@stock-sync/jest-preset').createJestConfig(__dirname, { testTimeout: 60_000 });
