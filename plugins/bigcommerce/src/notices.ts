/** BigCommerce inventory webhooks as the hub's platform notices (plugin API 1.4): decisions and sources in README "Platform notices". */
import { isJsonObject, hmacSha256, noticeHeader, safeEqual } from '@stock-sync/plugin-sdk';
import type { ConnectContext, NoticeRef, NoticeRequest, PluginNotices } from '@stock-sync/plugin-api';
import { allPages, createBcApi } from './bc-api';

/**
 * The variants an inventory webhook names (README "Platform notices", with the event pages): `data.inventory` of
 * `store/sku/inventory/updated` (its `data.id` is the SKU's id, NOT the variant's), `data` of `stock_changed`
 * (subscribed as `store/channel/*\/…`). No variant_id (a product-level count: undocumented): nothing named.
 */
const SKU_INVENTORY_UPDATED = 'store/sku/inventory/updated';
const STOCK_CHANGED = 'store/channel/*/inventory/product/stock_changed';
const STOCK_CHANGED_DELIVERED = /^store\/channel\/[^/]+\/inventory\/product\/stock_changed$/;
export const NOTICE_TOPICS = [SKU_INVENTORY_UPDATED, STOCK_CHANGED] as const;

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

function ref(ids: Record<string, unknown>, scope: string): NoticeRef[] {
  if (!isId(ids.product_id)) throw new Error(`a ${scope} callback without its product_id`);
  if (ids.variant_id === undefined || ids.variant_id === null) return [];
  if (!isId(ids.variant_id)) throw new Error(`a ${scope} callback with a malformed variant_id`);
  return [{ externalProductId: String(ids.product_id), externalVariantId: String(ids.variant_id) }];
}

export function bigcommerceNoticeRefs(body: unknown): NoticeRef[] {
  if (!isJsonObject(body) || typeof body.scope !== 'string') throw new Error('a BigCommerce webhook callback was expected');
  const { scope, data } = body;
  if (scope === SKU_INVENTORY_UPDATED) {
    if (!isJsonObject(data) || !isJsonObject(data.inventory))
      throw new Error('a store/sku/inventory/updated callback without data.inventory');
    return ref(data.inventory, scope);
  }
  if (scope === STOCK_CHANGED || STOCK_CHANGED_DELIVERED.test(scope)) {
    if (!isJsonObject(data)) throw new Error('a stock_changed callback without data');
    return ref(data, scope);
  }
  return []; // another scope
}

/**
 * Standard Webhooks' `v1` signature keyed with the app's client secret (its own bytes: BigCommerce's samples give the
 * library the secret base64-encoded); scheme, key and 5-minute tolerance with their sources in README "Platform notices".
 */
export function standardWebhookSignature(id: string, timestamp: number, rawBody: Uint8Array | string, clientSecret: string): string {
  return `v1,${hmacSha256(clientSecret, Buffer.concat([Buffer.from(`${id}.${timestamp}.`), Buffer.from(rawBody)]), 'base64')}`;
}

/** Constant-time; false (never a throw) on a missing header, a stale or future timestamp, or no matching v1 signature. */
export function verifyStandardWebhook(req: NoticeRequest, nowSeconds: number = Date.now() / 1000): boolean {
  const id = noticeHeader(req.headers, 'webhook-id');
  const ts = noticeHeader(req.headers, 'webhook-timestamp');
  const given = noticeHeader(req.headers, 'webhook-signature');
  if (!id || !ts || !given || !req.secret || !/^\d{1,12}$/.test(ts)) return false;
  if (Math.abs(nowSeconds - Number(ts)) > 5 * 60) return false;
  const expected = standardWebhookSignature(id, Number(ts), req.rawBody, req.secret);
  // Every candidate is compared (no early exit), each in constant time.
  return given
    .trim()
    .split(/\s+/)
    .map((candidate) => safeEqual(candidate, expected))
    .includes(true);
}

/** The store's API and the hooks of the token's client delivering to `destination` (v3 Webhooks API, GET /hooks, paged). */
async function hooksTo(ctx: ConnectContext, destination: string) {
  const api = createBcApi(ctx);
  type Hook = { id: number; scope?: string; destination?: string; is_active?: boolean };
  const listed = await allPages<Hook>(api, '/hooks', (page) => ({ destination, page, limit: 250 }), 40);
  return { api, hooks: listed.filter((h) => h && typeof h.id === 'number' && h.destination === destination) };
}

export const bigcommerceNotices: PluginNotices = {
  topics: NOTICE_TOPICS,
  // Standard Webhooks signature with the app's client secret (the hub's OAuth app configuration).
  signedWith: 'app',
  verify: (req) => verifyStandardWebhook(req),
  refs: (body) => bigcommerceNoticeRefs(body),
  // The signature covers `webhook-id` (Standard Webhooks: the same id on every retry of one message), so it is
  // the message's identity: one stock change may send the very same body twice with different ids.
  noticeId: (_body, headers) => noticeHeader(headers, 'webhook-id'),
  // One active hook per topic: duplicates deleted, an existing one re-activated (BigCommerce deactivates a hook
  // after 48 h of failed retries).
  async subscribe(ctx, { deliveryUrl }) {
    const { api, hooks } = await hooksTo(ctx, deliveryUrl);
    for (const scope of NOTICE_TOPICS) {
      const [kept, ...extra] = hooks.filter((h) => h.scope === scope);
      for (const h of extra) await api.request({ method: 'DELETE', url: `/hooks/${h.id}`, idempotent: true });
      if (!kept) await api.request({ method: 'POST', url: '/hooks', body: { scope, destination: deliveryUrl, is_active: true } });
      else if (kept.is_active !== true)
        await api.request({ method: 'PUT', url: `/hooks/${kept.id}`, body: { is_active: true }, idempotent: true });
    }
  },
  /** Deletes every hook of this client delivering to `deliveryUrl`. */
  async unsubscribe(ctx, { deliveryUrl }) {
    const { api, hooks } = await hooksTo(ctx, deliveryUrl);
    for (const h of hooks) await api.request({ method: 'DELETE', url: `/hooks/${h.id}`, idempotent: true });
  },
};
