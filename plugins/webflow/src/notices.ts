/**
 * Webflow's `ecomm_inventory_changed` webhook as the hub's platform notices (plugin API 1.4, `shown` 1.6): the webhook
 * calls, the payload and the signature with their sources in README "Platform notices". The plugin creates the
 * webhooks with its Data Client app (oauth.ts), so the app's client secret signs them: `signedWith: 'app'`.
 */
import { isJsonObject, hmacSha256, noticeHeader, safeEqual } from '@stock-sync/plugin-sdk';
import type { ConnectContext, NoticeRef, NoticeRequest, PluginNotices, TargetStock } from '@stock-sync/plugin-api';
import { fromInventory } from './stock-mapping';
import { createWebflowApi } from './webflow-api';

const INVENTORY_CHANGED = 'ecomm_inventory_changed';
const TIMESTAMP_HEADER = 'x-webflow-timestamp';

/** hex(HMAC-SHA256(secret, `${timestamp}:${body}`)) — the SDK's verifySignature. */
export function webflowSignature(timestamp: string, rawBody: Uint8Array | string, secret: string): string {
  return hmacSha256(secret, Buffer.concat([Buffer.from(`${timestamp}:`), Buffer.from(rawBody)]), 'hex');
}

/** Constant-time; false on a missing or malformed header or a timestamp more than 5 minutes away, either way. */
function verifyWebflowSignature(req: NoticeRequest, nowMs: number): boolean {
  const timestamp = noticeHeader(req.headers, TIMESTAMP_HEADER)?.trim();
  const given = noticeHeader(req.headers, 'x-webflow-signature')?.trim().toLowerCase();
  if (!req.secret || !timestamp || !given || !/^\d{1,16}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(nowMs - Number(timestamp)) > 5 * 60_000) return false; // a timestamp from the future is as suspect as an old one
  return safeEqual(given, webflowSignature(timestamp, req.rawBody, req.secret));
}

/** What the payload says the SKU shows, read with readStock's fromInventory; undefined (the hub reads back) off the documented shapes. */
export function webflowShownStock({ inventoryType: type, quantity: n }: Record<string, unknown>): TargetStock | undefined {
  if (type === 'infinite') return fromInventory({ inventoryType: type });
  return type === 'finite' && typeof n === 'number' && Number.isFinite(n) ? fromInventory({ inventoryType: type, quantity: n }) : undefined;
}

/** The SKU an `ecomm_inventory_changed` delivery names (the plugin's externalVariantId), with what it shows; another trigger none. */
export function webflowNoticeRefs(body: unknown): NoticeRef[] {
  if (!isJsonObject(body) || typeof body.triggerType !== 'string') throw new Error('a Webflow webhook {triggerType, payload} was expected');
  if (body.triggerType !== INVENTORY_CHANGED) return [];
  const payload = isJsonObject(body.payload) ? body.payload : {};
  const sku = payload.id;
  if (typeof sku !== 'string' || sku === '') throw new Error('ecomm_inventory_changed without payload.id (the SKU)');
  // The payload names the SKU only: the hub matches it within the store (a SKU id is unique on the site).
  const shown = webflowShownStock(payload);
  return [{ externalVariantId: sku, ...(shown ? { shown } : {}) }];
}

/** The site's API and its app-created webhooks of our trigger delivering to `deliveryUrl` (one page: at most 75 per trigger). */
async function webhooksTo(ctx: ConnectContext, deliveryUrl: string) {
  const siteId = (ctx.credentials.siteId ?? '').trim();
  if (!siteId) throw new Error('the Webflow store has no siteId');
  const api = createWebflowApi(ctx);
  const url = `/sites/${encodeURIComponent(siteId)}/webhooks`;
  const res = await api.request<{ webhooks?: { id?: string; triggerType?: string; url?: string }[] }>({ method: 'GET', url });
  const list = Array.isArray(res.data?.webhooks) ? res.data.webhooks : [];
  return { api, url, hooks: list.filter((w) => w?.triggerType === INVENTORY_CHANGED && w.url === deliveryUrl) };
}

export function createWebflowNotices(now: () => number = Date.now): PluginNotices {
  return {
    topics: [INVENTORY_CHANGED],
    signedWith: 'app',
    verify: (req) => verifyWebflowSignature(req, now()),
    refs: (body) => webflowNoticeRefs(body),
    // The signature covers the timestamp with the body: the pair is the delivery's identity (two changes to the
    // same quantity send the same body at different times).
    noticeId: (body, headers) => {
      const timestamp = noticeHeader(headers, TIMESTAMP_HEADER)?.trim();
      return timestamp ? `${timestamp}:${JSON.stringify(body)}` : undefined;
    },
    async subscribe(ctx, { deliveryUrl }) {
      const { api, url, hooks } = await webhooksTo(ctx, deliveryUrl);
      // The app's client secret signs every webhook: an existing one to the same URL is kept as it is.
      if (hooks.length === 0) await api.request({ method: 'POST', url, body: { triggerType: INVENTORY_CHANGED, url: deliveryUrl } });
    },
    async unsubscribe(ctx, { deliveryUrl }) {
      const { api, hooks } = await webhooksTo(ctx, deliveryUrl);
      for (const w of hooks)
        if (w.id) await api.request({ method: 'DELETE', url: `/webhooks/${encodeURIComponent(w.id)}`, idempotent: true });
    },
  };
}
