/**
 * TikTok Shop webhooks as the hub's platform notices (plugin API 1.4, issue 13). Sources, as fixtures in
 * test/evidence/notice-*.json (README "Platform notices"):
 *  - "(27) Inventory status change" https://partner.tiktokshop.com/docv2/page/672995e79ba2a002fe5dc92e — the only
 *    documented webhook about a seller-managed SKU's stock: sent when a SKU's `current_inventory_status` "has
 *    dropped to LOW_STOCK / OUT_OF_STOCK" (alert_type REALTIME) or when TikTok "predicts the available_quantity
 *    will drop to 0 in X days" (PREDICTION). Body `{type: 27, tts_notification_id, shop_id, timestamp, data:
 *    {product_id, sku_id, trigger_reason, current_inventory_status, inventory_distribution, update_time}}`: it
 *    names the product and the SKU, the same ids the plugin's variants carry. A stock edit that leaves the SKU
 *    above its low-stock alert sends nothing: those still wait for reconciliation.
 *  - the configuration guide https://partner.tiktokshop.com/docv2/page/650512b42f024f02be19755f — ONE "HTTP Server
 *    URL" per app in Partner Center for every shop; the Event API (PUT /event/202309/webhooks) subscribes a shop
 *    per `event_type`, but its documented event types list no inventory topic
 *    (https://partner.tiktokshop.com/docv2/page/650aa064defece02be6df919): so no `subscribe`, the URL is the hub's
 *    `POST /hooks/tiktok-shop`, and `storeOf` names the shop by `shop_id`.
 *  - the signature, the same on every webhook TikTok sends an app (the deauthorization too): the `Authorization`
 *    header carries the lower-case hex HMAC-SHA256, keyed with the app secret, of the app key followed by the raw
 *    body (`signedWith: 'app'`). The configuration guide says only that a signature is "in the 'Authorization'
 *    field of the HTTP request header"; the recipe is the community clients' (EcomPHP's Webhook::verify, README
 *    "Platform notices"): unverified against a TikTok page.
 * Retries reach the URL up to ~15.5 hours after the event (2 min, 30 min, 3 h, 12 h): TikTok documents no
 * freshness window, so none is applied here (the hub's replay refusal stands).
 */
import {
  hmacSha256,
  idText,
  noticeHeader,
  safeEqual,
  type NoticeRef,
  type NoticeRequest,
  type PluginNotices,
} from '@stock-sync/plugin-sdk';
import { isTikTokId } from './connection';

export const SIGNATURE_HEADER = 'authorization';

/** hex HMAC-SHA256(app_secret, app_key + raw body). */
export function tiktokWebhookSignature(appKey: string, appSecret: string, rawBody: Uint8Array): string {
  return hmacSha256(appSecret, Buffer.concat([Buffer.from(appKey, 'utf8'), Buffer.from(rawBody)]), 'hex');
}

/** Whether `given` (the Authorization header) is that signature; false (never a throw) when anything is missing. */
export function isSignedByApp(given: string | undefined, appKey: string | undefined, appSecret: string | undefined, rawBody: Uint8Array) {
  return !!given && !!appKey && !!appSecret && safeEqual(given.trim().toLowerCase(), tiktokWebhookSignature(appKey, appSecret, rawBody));
}

/** The webhook's topic: type 27 (the community clients' name for it; TikTok's page titles it "Inventory status change"). */
export const INVENTORY_STATUS_CHANGE = 27;
export const NOTICE_TOPICS = ['INVENTORY_STATUS_CHANGE'] as const;

/** TikTok's scheme on the exact bytes, with the app's key (`app.clientId`) and secret; false when either is missing. */
export function verifyTikTokNotice(req: NoticeRequest): boolean {
  return isSignedByApp(noticeHeader(req.headers, SIGNATURE_HEADER), req.app?.clientId, req.secret, req.rawBody);
}

/** Every TikTok Shop webhook: `{type, shop_id, timestamp, data}`; a throw (the hub answers 400) otherwise. */
function documentedWebhook(body: unknown): { type: number; shopId?: string; data: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('a TikTok Shop webhook object was expected');
  const b = body as Record<string, unknown>;
  if (typeof b.type !== 'number' || !Number.isInteger(b.type)) throw new Error('the webhook has no numeric type');
  return { type: b.type, shopId: idText(b.shop_id), data: b.data };
}

/** The shop a verified notice concerns: `shop_id`, the id the install flow records (oauth.ts: the shop's `id`). */
export function tiktokNoticeStore(body: unknown): string | undefined {
  try {
    return documentedWebhook(body).shopId;
  } catch {
    return undefined;
  }
}

/**
 * A documented id: a string of digits. TikTok types product_id and sku_id as strings; a number would have lost
 * digits in JSON.parse (19-digit ids exceed 2^53), so it is refused rather than matched against the wrong SKU.
 */
function idOf(data: Record<string, unknown>, field: string): string {
  const v = data[field];
  if (typeof v !== 'string' || !isTikTokId(v)) throw new Error(`the inventory status change has no ${field} string of digits`);
  return v;
}

/**
 * The SKU an "Inventory status change" names (REALTIME and PREDICTION alike: either way TikTok has just
 * re-evaluated that SKU's stock, and the read-back is one Inventory Search); none for every other webhook
 * type the app's one URL also receives (orders, the deauthorization…).
 */
export function tiktokNoticeRefs(body: unknown): NoticeRef[] {
  const w = documentedWebhook(body);
  if (w.type !== INVENTORY_STATUS_CHANGE) return [];
  if (typeof w.data !== 'object' || w.data === null || Array.isArray(w.data)) throw new Error('the inventory status change has no data');
  const data = w.data as Record<string, unknown>;
  return [{ externalProductId: idOf(data, 'product_id'), externalVariantId: idOf(data, 'sku_id') }];
}

export const tiktokNotices: PluginNotices = {
  topics: NOTICE_TOPICS,
  signedWith: 'app',
  verify: verifyTikTokNotice,
  refs: (body) => tiktokNoticeRefs(body),
  storeOf: (body) => tiktokNoticeStore(body),
};
