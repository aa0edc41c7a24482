// apps/hub's sync core: the pure rules of a run (the rest of src/sync is database and queue plumbing,
// covered by the hub's database tests). Only the unit tests under test/sync run per mutant: no
// database, no app, no PGlite template (globalSetup off).
import { strykerConfig } from './stryker.base.mjs';

export default strykerConfig('hub-sync', {
  mutate: [
    'src/sync/run-transitions.ts',
    'src/sync/chunk-outcomes.ts',
    'src/sync/variant-plan.ts',
    'src/sync/backoff.ts',
    'src/sync/sync-config.ts',
  ],
  breakAt: 98,
  jest: {
    config: {
      globalSetup: null,
      testMatch: ['<rootDir>/test/sync/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '-db\\.test\\.ts$'],
    },
  },
});
