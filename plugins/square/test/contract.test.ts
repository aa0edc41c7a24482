/**
 * The contract every plugin passes, over real HTTP against the Square simulator.
 *
 * stormRetryAfterSeconds: 1 — Square's 429 RATE_LIMITED carries no Retry-After, so the SDK client waits its
 * default 1 s (doubling); 1 s is what the storm scenario can hold it to. The second run throttles as Square
 * does, without the header, and holds the client to that 1 s.
 *
 * The notices contract subscribes with the sandbox's personal access token (Square's subscriptions belong to
 * the application: see README "Platform notices") and verifies with the signature_key Square answers; every
 * notification names its seller (`storeOf`: merchant_id). The app subscription's deliveries to OAuth sellers are
 * held to their evidence in test/notices.test.ts.
 */
import { runContractSuite, runNoticesContract } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { createSquareState } from '../src/simulator/state';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator, stormRetryAfterSeconds: 1 });

describe('throttled as Square documents it: no Retry-After', () => {
  runContractSuite({
    plugin,
    simulator,
    throttleWithoutRetryAfter: { waitMs: 1_000 }, // the SDK client's default wait for a 429 without the header
    only: ['survives a 429 storm: everything written, the client waited at least Retry-After'],
  });
});

runNoticesContract({
  plugin,
  simulator,
  seed: [{ productId: 'ITEMNOTICE1', variants: [{ variantId: 'VARNOTICE1', initial: { kind: 'quantity', quantity: 3 } }] }],
  edited: { externalProductId: 'ITEMNOTICE1', externalVariantId: 'VARNOTICE1' },
  to: { kind: 'quantity', quantity: 17 },
  externalStoreId: createSquareState().merchantId,
});
