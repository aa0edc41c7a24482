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
import { runContractSuite } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { createSquareState } from '../src/simulator/state';
import { simulator } from '../src/simulator';

runContractSuite({
  plugin,
  simulator,
  stormRetryAfterSeconds: 1,
  // waitMs: the SDK client's default wait for a 429 without the header
  throttledAsDocumented: { as: 'Square documents it: no Retry-After', waitMs: 1_000 },
  notices: { productId: 'ITEMNOTICE1', variantId: 'VARNOTICE1', externalStoreId: createSquareState().merchantId },
});
