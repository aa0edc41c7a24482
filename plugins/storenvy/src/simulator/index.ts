/**
 * The Storenvy sandbox: a small model of Storenvy API v1 variant stock for the testkit's simulator
 * framework: the documented envelope, pagination, errors and JSON-only rule (developers.storenvy.com), and
 * the variant fields of the community clients. Every modelled behaviour and its source is in ../../README.md.
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-api';
import { variantHooks, withOAuth } from '@stock-sync/plugin-testkit/simulator';
import type { PlatformSimulatorDefinition, SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { EMULATED_UNLIMITED_QUANTITY } from '../manifest';
import { storenvyOAuth } from './oauth';
import { storenvyError, storenvyRoutes } from './routes';
import { createStorenvyState, refKey, type SimVariant, type StorenvySimState } from './state';

export type { StorenvySimState, SimProduct, SimVariant } from './state';

export { SANDBOX_OAUTH_APP, ASSUMED_ACCESS_TOKEN_SECONDS, storenvyOAuth } from './oauth';

export const SANDBOX_ACCESS_TOKEN = 'storenvy_test_sandbox_access_token_0000';

function numericId(raw: string, what: string): number {
  if (!/^[1-9]\d*$/.test(raw)) throw new Error(`Storenvy ${what} ids are numeric, got '${raw}'`);
  return Number(raw);
}

function find(state: StorenvySimState, ref: VariantRef): SimVariant | undefined {
  if (!/^\d+$/.test(ref.externalProductId) || !/^\d+$/.test(ref.externalVariantId)) return undefined;
  return state.products.get(Number(ref.externalProductId))?.variants.get(Number(ref.externalVariantId));
}

/** What a merchant typing stock in the Storenvy admin leaves: a count, and "in stock" while it is above 0. */
function applyNeutral(v: SimVariant, to: TargetStock): void {
  v.full_quantity = to.kind === 'unlimited' ? EMULATED_UNLIMITED_QUANTITY : to.kind === 'quantity' ? to.quantity : 0;
  v.in_stock = v.full_quantity > 0;
}

/** The sandbox's own neutral reading (kept apart from the plugin's mapping so each checks the other). */
function neutral(v: SimVariant): TargetStock {
  if (!v.in_stock || v.full_quantity <= 0) return { kind: 'out_of_stock' };
  return v.full_quantity >= 9_000 ? { kind: 'unlimited' } : { kind: 'quantity', quantity: v.full_quantity };
}

function seed(state: StorenvySimState, products: SeedProduct[]): void {
  for (const sp of products) {
    const pid = numericId(sp.productId, 'product');
    let p = state.products.get(pid);
    if (!p) state.products.set(pid, (p = { id: pid, name: sp.title ?? `Product ${pid}`, variants: new Map() }));
    for (const sv of sp.variants) {
      const vid = numericId(sv.variantId, 'variant');
      const v = p.variants.get(vid) ?? {
        id: vid,
        name: sv.sku ?? `Variant ${vid}`,
        sku: sv.sku ?? null,
        full_quantity: 0,
        in_stock: false,
        cents: 2000,
      };
      applyNeutral(v, sv.initial ?? { kind: 'unlimited' });
      p.variants.set(vid, v);
      state.deleted.delete(refKey(pid, vid));
    }
  }
}

const apiDefinition: PlatformSimulatorDefinition<StorenvySimState> = {
  id: 'storenvy',
  displayName: 'Storenvy',
  createState: createStorenvyState,
  credentials: (baseUrl) => ({ baseUrl, accessToken: SANDBOX_ACCESS_TOKEN }),
  seed,
  ...variantHooks<StorenvySimState, SimVariant>({
    find,
    // A shopper can buy it when it is marked in stock and has a count; a count at the emulated level is "unlimited".
    stock: (_state, v) => neutral(v),
    remove(state, v, ref) {
      state.products.get(Number(ref.externalProductId))!.variants.delete(v.id);
      state.deleted.add(refKey(ref.externalProductId, ref.externalVariantId));
    },
    edit: (_state, v, to) => applyNeutral(v, to),
    names: ['Storenvy variant', 'product'],
  }),
  authenticate(req, creds, revoked) {
    // access_token in the query string (every known client), or as an OAuth 2 Bearer header.
    const q = req.query.access_token;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = typeof q === 'string' ? q : bearer;
    if (!token || revoked || token !== creds.accessToken)
      return storenvyError(401, 'OAuthAccessTokenException', 'The access_token provided is invalid.');
    return undefined;
  },
  rateLimit: {
    // Unpublished (unverified): a modest allowance above the plugin's 2/s.
    capacity: 10,
    refillPerSecond: 4,
    throttled: (_req, retryAfterSeconds) =>
      storenvyError(429, 'RateLimitExceeded', 'Too many requests', { 'retry-after': String(retryAfterSeconds) }),
  },
  routes: storenvyRoutes,
};

/** The API with Storenvy's OAuth install mounted (consent, token and refresh grants, issued-token checks). */
export const simulator = withOAuth(apiDefinition, storenvyOAuth);

export default simulator;
