module.exports = require('@stock-sync/jest-preset').createJestConfig(__dirname);
