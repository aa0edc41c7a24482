/**
 * The contract every plugin passes, over real HTTP against the TikTok Shop simulator.
 *
 * stormRetryAfterSeconds: 1 — TikTok's 429 (code 36009002) carries no Retry-After header, so the SDK
 * client waits its default 1 s (doubling per attempt); that is what the storm scenario can hold it to.
 * The second run throttles as TikTok does, without the header, and holds the client to that 1 s.
 */
import { inboundRequest } from '@stock-sync/plugin-testkit/simulator';
import { runContractSuite, runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { signedDeauthorization, simulator } from '../src/simulator';

// Platform notices (README "Platform notices"): the inventory status change of a SKU the seller empties, sent
// to the app's one webhook URL (set as in Partner Center), signed with the app's key and secret, naming the shop.
runContractSuite({
  plugin,
  simulator,
  stormRetryAfterSeconds: 1,
  // waitMs: the SDK client's default wait for a 429 without the header
  throttledAsDocumented: { as: 'TikTok documents it: no Retry-After', waitMs: 1_000 },
  notices: {
    productId: '1729592969712207008',
    variantId: '1729592969712207013',
    to: { kind: 'out_of_stock' },
    externalStoreId: simulator.createState().shops[0]!.id,
  },
});

// The seller authorization and the token lifecycle against the simulator's auth-host endpoints; the
// deauthorization webhook of the connected shop, signed as TikTok signs webhooks.
runOAuthContract({
  plugin,
  simulator,
  uninstallNotice: (sim, app) => {
    const signed = signedDeauthorization(app, sim.state.shops[0]!.id);
    return inboundRequest({ method: 'POST', headers: signed.headers, body: signed.body });
  },
});
