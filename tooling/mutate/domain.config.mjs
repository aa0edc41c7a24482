// packages/domain: every rule file (index.ts only re-exports).
import { strykerConfig } from './stryker.base.mjs';

export default strykerConfig('domain', {
  mutate: ['src/**/*.ts', '!src/index.ts'],
  breakAt: 94,
});
