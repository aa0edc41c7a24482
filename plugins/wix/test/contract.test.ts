import { runContractSuite, runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { SANDBOX_INSTANCE_ID, simulator, simulatorV1 } from '../src/simulator';

// The same plugin against a Catalog V3 site and a Catalog V1 site; it detects which (no credential).
// The notices contract: the body is a JWT read by the plugin's own `parse`, verified with the app's public key
// (the contract swaps in another key pair's public key for the refusal).
for (const [name, sim] of [
  ['Catalog V3 site', simulator],
  ['Catalog V1 site', simulatorV1],
] as const) {
  describe(name, () => {
    runContractSuite({
      plugin,
      simulator: sim,
      notices: { productId: 'p-notice', variantId: 'v-notice', externalStoreId: SANDBOX_INSTANCE_ID },
    });
  });
}
// The install flow and the four-hour token renewal against the simulator's installer and token endpoints.
// Not 'a code works once': Wix's install redirect carries no authorization code, only the app instance
// (README "Connecting"): a replayed callback is stopped by the hub's single-use state, not by the platform.
// Not 'verifies the uninstall notice': App Instance Removed is signed with Wix's RSA key and verified with the
// app's public key, not the app secret the scenario swaps; test/oauth.test.ts holds it to a forged key, a
// tampered payload, expiry, alg none / HS256 and another event.
runOAuthContract({
  plugin,
  simulator,
  only: [
    'connects a store through the consent flow',
    'refuses a tampered callback',
    'a declined consent connects nothing',
    'refreshes expiring credentials',
    'a refused refresh is an AuthError',
  ],
});
