/**
 * The Square sandbox: a small, faithful model of a seller's Catalog (item variations, track_inventory,
 * location overrides, read-only sold_out) and Inventory (IN_STOCK physical counts) APIs for the testkit's
 * simulator framework. Decisions: ../../README.md.
 */
import { variantCatalog, withOAuth } from '@stock-sync/plugin-testkit/simulator';
import type { DefinitionWithOAuth, PlatformSimulatorDefinition, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { SIM_APP_NOTICE_KEY } from './app-subscription';
import { authenticateSquare } from './auth';
import { squareError } from './errors';
import { SIM_OAUTH_APP, squareOAuthConfig } from './oauth';
import { squareRoutes } from './routes';
import { createSpecValidators, type SpecValidators } from './spec-validators';
import { deliverInventoryCounts } from './webhooks';
import {
  applyMerchantEdit,
  countKey,
  createSquareState,
  neutralStock,
  nextVersion,
  SIM_LOCATION_ID,
  type SimItem,
  type SimVariation,
  type SquareSimState,
} from './state';

export type { SquareSimState, SimVariation, SimItem, SimOverride } from './state';
export { SIM_LOCATION_ID, SIM_OTHER_LOCATION_ID } from './state';
export { SIM_OAUTH_APP, squareOAuthConfig } from './oauth';
export { deliverInventoryCounts } from './webhooks';
export { SIM_APP_NOTICE_KEY, authorisedThroughOAuth } from './app-subscription';
export type { SimWebhookSubscription, SimDelivery } from './state';

/** Obviously fake access token in Square's EAAA… shape. */
export const SANDBOX_ACCESS_TOKEN = 'EAAAtest_sandbox_square_token_000000000000000001';

/** The 3 MB spec is read and compiled once per process: immutable data shared by every run. */
let validators: SpecValidators | undefined;
const specValidators = () => (validators ??= createSpecValidators());

/** Items listing their variations; a variation names its item (the seller's catalog object ids). */
const catalog = variantCatalog<SquareSimState, SimItem, SimVariation>({
  products: 'items',
  variants: 'variations',
  productOf: 'itemId',
  variantIds: 'variationIds',
  names: ['variation', 'item'],
});

function seed(state: SquareSimState, products: SeedProduct[]): void {
  catalog.seed(state, products, {
    product: (id, sp) => ({ id, name: sp.title ?? `Item ${id}`, variationIds: [] }),
    variant: (id, item, sv) => ({
      id,
      itemId: item.id,
      version: nextVersion(state),
      updatedAt: state.clock(),
      name: `Variation ${id}`,
      sku: sv.sku ?? '',
      priceCents: 2000,
      trackInventory: false,
      overrides: new Map(),
      extra: {},
    }),
    apply(v, sv) {
      if (sv.sku !== undefined) v.sku = sv.sku;
      applyMerchantEdit(state, v, sv.initial ?? { kind: 'unlimited' });
    },
  });
}

/** The platform part; its routes are built on first use (the spec is large) and mounted with the OAuth kit below. */
const definition: Omit<PlatformSimulatorDefinition<SquareSimState>, 'routes'> = {
  id: 'square',
  displayName: 'Square',
  createState: createSquareState,
  credentials: (baseUrl: string) => ({ baseUrl, accessToken: SANDBOX_ACCESS_TOKEN, locationId: SIM_LOCATION_ID }),
  seed,
  ...catalog.hooks({
    stock: neutralStock,
    remove(state, v) {
      catalog.remove(state, v);
      // Its counts at every location go with it.
      for (const k of [...state.counts.keys()]) if (k.startsWith(`${v.id}|`)) state.counts.delete(k);
    },
    edit(state, v, to) {
      const before = state.counts.get(countKey(v.id, SIM_LOCATION_ID))?.quantity;
      applyMerchantEdit(state, v, to);
      // A count set in the Dashboard notifies inventory.count.updated; switching tracking off changes no count
      // (a catalog change: catalog.version.updated, which names no object) and notifies nothing here.
      const after = state.counts.get(countKey(v.id, SIM_LOCATION_ID))?.quantity;
      if (to.kind !== 'unlimited' && after !== before) deliverInventoryCounts(state, [{ variationId: v.id, locationId: SIM_LOCATION_ID }]);
    },
  }),
  // The app's Developer Console subscription (app-subscription.ts): OAuth sellers' notifications go there.
  setAppNoticeUrl(state: SquareSimState, url: string | undefined): void {
    state.appNoticeUrl = url;
  },
  authenticate: authenticateSquare,
  rateLimit: {
    // Square publishes no numbers: a bucket of 20 refilling 10/s stands in for its undisclosed limit.
    capacity: 20,
    refillPerSecond: 10,
    // 429 RATE_LIMITED, no Retry-After (none documented).
    throttled: () => squareError(429, 'RATE_LIMIT_ERROR', 'RATE_LIMITED', 'Rate limit exceeded. Retry with exponential backoff.'),
  },
};

let mounted: DefinitionWithOAuth<SquareSimState> | undefined;
/** The definition with the testkit's OAuth kit (consent, token endpoint, issued-token checks), built once. */
const withKit = () => (mounted ??= withOAuth({ ...definition, routes: squareRoutes(specValidators()) }, squareOAuthConfig));

export const simulator: DefinitionWithOAuth<SquareSimState> = {
  ...definition,
  // noticeKey: the app subscription's signature key, the hub's HUB_OAUTH_SQUARE_NOTICE_KEY.
  oauthApp: { ...SIM_OAUTH_APP, noticeKey: SIM_APP_NOTICE_KEY },
  authenticate: (req, creds, revoked) => withKit().authenticate(req, creds, revoked),
  get routes() {
    return withKit().routes;
  },
};

export default simulator;
