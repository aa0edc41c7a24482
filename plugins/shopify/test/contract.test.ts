/**
 * The contract every plugin passes, over real HTTP against the Shopify simulator.
 *
 * stormRetryAfterSeconds: 1 — Shopify's GraphQL THROTTLED answer carries no Retry-After; its wait is
 * (requestedQueryCost − currentlyAvailable) / restoreRate, which for a spent bucket and the plugin's
 * small queries is well under a second. The plugin never retries sooner than 1 s after THROTTLED
 * (errors.ts MIN_THROTTLE_WAIT_MS), and that is what the storm scenario can hold it to.
 *
 * The notices contract: products/update webhooks subscribed per shop, signed with the app's client secret;
 * storeOf names the shop domain the install flow records (SIM_SHOP_DOMAIN).
 */
import { runContractSuite } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { SIM_SHOP_DOMAIN, simulator } from '../src/simulator';

runContractSuite({
  plugin,
  simulator,
  stormRetryAfterSeconds: 1,
  notices: { productId: '8001', variantId: '40001', externalStoreId: SIM_SHOP_DOMAIN },
});
