/**
 * The TikTok Shop sandbox: a small, faithful model of the signed 202309 product inventory API for the
 * testkit's simulator framework (real HTTP, auth, rate limit, faults). Decisions: ../../README.md.
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-api';
import type { PlatformSimulatorDefinition, SeedProduct, SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { EMULATED_UNLIMITED_QUANTITY, UNLIMITED_READ_THRESHOLD } from '../stock-mapping';
import { authenticateTikTok } from './auth';
import { withTikTokOAuth } from './oauth';
import { answer, CODES } from './responses';
import { tiktokRoutes } from './routes';
import {
  createTikTokState,
  inShopAvailable,
  refKey,
  SIM_DEFAULT_WAREHOUSE_ID,
  type SimProduct,
  type SimSku,
  type TikTokSimState,
} from './state';
import { withStockWebhook } from './webhooks';

export type { TikTokSimState, SimProduct, SimSku, SimShop, SimProductStatus } from './state';
export { SIM_DEFAULT_WAREHOUSE_ID, SIM_SECOND_WAREHOUSE_ID } from './state';

/** Obviously fake credentials in TikTok's shapes. */
export const SANDBOX_APP_KEY = 'tts_test_appkey01';
export const SANDBOX_APP_SECRET = 'tts_test_appsecret_0000sandbox0000';
export const SANDBOX_ACCESS_TOKEN = 'TTP_test_sandbox_access_token_000000000000';
export const SANDBOX_SHOP_CIPHER = 'ROW_test_sandbox_cipher_0000';
/** The sandbox app the hub is configured with to connect a shop through the authorization flow (test values). */
export const SANDBOX_OAUTH_APP = { clientId: SANDBOX_APP_KEY, clientSecret: SANDBOX_APP_SECRET };
export { signedDeauthorization, SANDBOX_TOKEN_REFUSED, AUTHORIZE_PATH } from './oauth';
export { inventoryStatus, inventoryStatusBody } from './webhooks';

/** What a merchant typing a stock figure in Seller Center would leave for a neutral state. */
function quantityOf(to: TargetStock): number {
  return to.kind === 'unlimited' ? EMULATED_UNLIMITED_QUANTITY : to.kind === 'quantity' ? to.quantity : 0;
}

function findSku(state: TikTokSimState, ref: VariantRef): { product: SimProduct; sku: SimSku } | undefined {
  const product = state.products.get(ref.externalProductId);
  const sku = product && product.status !== 'DELETED' ? product.skus.get(ref.externalVariantId) : undefined;
  return product && sku ? { product, sku } : undefined;
}

function seed(state: TikTokSimState, products: SeedProduct[]): void {
  for (const sp of products) {
    let product = state.products.get(sp.productId);
    if (!product) {
      product = { id: sp.productId, title: sp.title ?? `Product ${sp.productId}`, status: 'ACTIVATE', skus: new Map() };
      state.products.set(sp.productId, product);
    }
    for (const sv of sp.variants) {
      const sku: SimSku = product.skus.get(sv.variantId) ?? {
        id: sv.variantId,
        sellerSku: sv.sku ?? '',
        stock: [{ warehouseId: SIM_DEFAULT_WAREHOUSE_ID, available: 0, committed: 0 }],
      };
      if (sv.sku !== undefined) sku.sellerSku = sv.sku;
      product.skus.set(sku.id, sku);
      state.deleted.delete(refKey(product.id, sku.id));
      setSkuStock(sku, sv.initial ?? { kind: 'unlimited' });
    }
  }
}

/** A merchant's edit: the whole count in the SKU's first warehouse, the others emptied. */
function setSkuStock(sku: SimSku, to: TargetStock): void {
  sku.stock.forEach((w, i) => (w.available = i === 0 ? quantityOf(to) : 0));
}

const apiSimulator: PlatformSimulatorDefinition<TikTokSimState> = {
  id: 'tiktok-shop',
  displayName: 'TikTok Shop',
  createState: () => ({ ...createTikTokState(SANDBOX_SHOP_CIPHER), noticeApp: SANDBOX_OAUTH_APP }),
  credentials: (baseUrl: string) => ({
    baseUrl,
    appKey: SANDBOX_APP_KEY,
    appSecret: SANDBOX_APP_SECRET,
    accessToken: SANDBOX_ACCESS_TOKEN,
    shopCipher: SANDBOX_SHOP_CIPHER,
  }),
  seed,
  inspect(state, ref): TargetStock | 'deleted' | undefined {
    const sku = findSku(state, ref)?.sku;
    if (!sku) return state.deleted.has(refKey(ref.externalProductId, ref.externalVariantId)) ? 'deleted' : undefined;
    // The sandbox's neutral reading: a count at the emulated-unlimited level is "unlimited", 0 is sold out.
    const n = inShopAvailable(sku);
    if (n <= 0) return { kind: 'out_of_stock' };
    return n >= UNLIMITED_READ_THRESHOLD ? { kind: 'unlimited' } : { kind: 'quantity', quantity: n };
  },
  deleteVariant(state, ref) {
    const p = state.products.get(ref.externalProductId);
    if (p?.skus.delete(ref.externalVariantId)) state.deleted.add(refKey(ref.externalProductId, ref.externalVariantId));
  },
  manualEdit(state, ref, to) {
    const found = findSku(state, ref);
    if (!found) throw new Error(`no SKU ${ref.externalVariantId} in product ${ref.externalProductId}`);
    withStockWebhook(state, found.product, found.sku, () => setSkuStock(found.sku, to));
  },
  setAppNoticeUrl(state, url) {
    state.appNoticeUrl = url;
  },
  authenticate: (req, creds, revoked) => authenticateTikTok(req, creds, revoked),
  rateLimit: {
    // Per-API QPS is unpublished (README: rate limits); 10 requests/s with bursts of 10 models a typical
    // allowance, above the plugin's own 5/s, so only injected faults trip it in tests.
    capacity: 10,
    refillPerSecond: 10,
    throttled(_req: SimRequest, _retryAfterSeconds: number): SimResponse {
      // HTTP 429 with code 36009002; TikTok documents no Retry-After header, so none is sent.
      return answer(429, CODES.TOO_MANY_REQUESTS, 'Too many requests. Please retry later.');
    },
  },
  routes: tiktokRoutes,
};

/** The shop's API plus TikTok's authorization endpoints (authorize link, token get / refresh on the auth host). */
export const simulator = withTikTokOAuth(apiSimulator, SANDBOX_OAUTH_APP, (req, creds, revoked, issued) =>
  authenticateTikTok(req, creds, revoked, Date.now, issued),
);

export default simulator;
