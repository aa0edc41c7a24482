/**
 * The Shopify Admin GraphQL 2026-04 simulator: one route (the GraphQL endpoint), Shopify's token
 * check, its cost-based leaky bucket with THROTTLED answers, schema validation of every operation
 * against the real 2026-04 schema, and the inventory model the plugin writes to.
 */
import { withOAuth } from '@stock-sync/plugin-testkit/simulator';
import type { PlatformSimulatorDefinition, SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { getOperationAST, getVariableValues, Kind, parse, type FragmentDefinitionNode } from 'graphql';
import { GRAPHQL_PATH } from '../shopify-api';
import { STANDARD_BUCKET } from '../manifest';
import { handleGraphql } from './graphql-route';
import { requestedQueryCost } from './query-cost';
import { shopifyOAuthSimConfig } from './oauth';
import { throttled, unauthorized } from './responses';
import { adminSchema } from './schema';
import { createShopifyState, HUB_LOCATION_ID, SIM_SHOP_DOMAIN, variantGid, type ShopifyState } from './state';
import { deleteShopVariant, inspectVariant, manualEditVariant, seedShop } from './store-ops';
import { deliverProductsUpdate } from './product-webhook';

export type { ShopifyState } from './state';
export { HUB_LOCATION_ID, OTHER_LOCATION_ID, SIM_SHOP_DOMAIN } from './state';
export { adminSchema, loadAdminSchema, INTROSPECTION_FILE } from './schema';
export { requestedQueryCost } from './query-cost';
export { deliverProductsUpdate, productUpdateJson } from './product-webhook';
export { appUninstalledWebhook, shopifyOAuthSimConfig, SIM_OAUTH_APP, RETAIN_REPLACED_REFRESH_TOKEN_SECONDS } from './oauth';

/** Obviously fake: never a real token. */
export const SIM_ACCESS_TOKEN = 'shpat_test_00000000000000000000000000000000';

/** The requested cost of the request's query, for a throttled answer (1 when it cannot be read). */
function costOf(req: SimRequest): number {
  try {
    const body = req.body as { query?: string; variables?: Record<string, unknown>; operationName?: string };
    const schema = adminSchema();
    const doc = parse(body.query ?? '');
    const op = getOperationAST(doc, body.operationName);
    if (!op) return 1;
    const vars = getVariableValues(schema, op.variableDefinitions ?? [], body.variables ?? {});
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    return Math.max(1, requestedQueryCost(schema, op, fragments, vars.coerced ?? {}));
  } catch {
    return 1;
  }
}

/** The Admin GraphQL API alone (a custom app's non-expiring token). */
export const adminApiSimulator: PlatformSimulatorDefinition<ShopifyState> = {
  id: 'shopify',
  displayName: 'Shopify (Admin GraphQL 2026-04)',
  createState: () => createShopifyState(),
  credentials: (baseUrl: string) => ({
    shop: SIM_SHOP_DOMAIN,
    accessToken: SIM_ACCESS_TOKEN,
    locationId: HUB_LOCATION_ID,
    baseUrl,
  }),
  seed: seedShop,
  inspect: inspectVariant,
  deleteVariant: deleteShopVariant,
  manualEdit(state, ref, to) {
    manualEditVariant(state, ref, to);
    // A merchant's edit in the admin: Shopify sends the product's products/update.
    const v = state.variants.get(variantGid(ref.externalVariantId));
    if (v) deliverProductsUpdate(state, [v.productId]);
  },
  // The app's shopify.app.toml webhook URL (app-specific subscriptions, one URL for every shop).
  setAppNoticeUrl(state, url) {
    state.appNoticeUrl = url;
  },
  authenticate(req: SimRequest, creds: Record<string, string>, revoked: boolean): SimResponse | undefined {
    const token = req.headers['x-shopify-access-token'];
    if (revoked || !token || token !== creds.accessToken) return unauthorized();
    return undefined;
  },
  rateLimit: {
    capacity: STANDARD_BUCKET.maximumAvailable,
    refillPerSecond: STANDARD_BUCKET.restoreRate,
    // Injected throttling: the bucket is spent (nothing available) for this request's cost.
    throttled: (req: SimRequest) =>
      throttled(costOf(req), {
        maximumAvailable: STANDARD_BUCKET.maximumAvailable,
        currentlyAvailable: 0,
        restoreRate: STANDARD_BUCKET.restoreRate,
      }),
  },
  routes: [
    {
      method: 'POST',
      path: GRAPHQL_PATH,
      // Shopify's bucket is cost-based and needs the parsed query: the route keeps its own
      // (state.bucket), so the framework's per-request budget charges nothing here.
      cost: 0,
      handle: (req, ctx) => handleGraphql(req, ctx.state),
    },
  ],
};

/** With the public app's install flow mounted (oauth.ts): the sandbox app is `simulator.oauthApp`. */
export const simulator = withOAuth(adminApiSimulator, shopifyOAuthSimConfig);

export default simulator;
