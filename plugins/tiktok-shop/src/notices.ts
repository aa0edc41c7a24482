/**
 * TikTok Shop webhooks as the hub's platform notices (plugin API 1.4, issue 13); sources and decisions in README
 * "Platform notices", fixtures in test/evidence/notice-*.json. Only "(27) Inventory status change" concerns a
 * seller-managed SKU's stock; ONE URL per app receives every type (so no `subscribe`), `storeOf` reads `shop_id`.
 * Every webhook is signed with the app's key and secret (`signedWith: 'app'`): the community clients' recipe,
 * unverified against a TikTok page. No freshness window is documented (retries come up to ~15.5 hours late).
 */
import { hmacSha256, idText, noticeHeader, safeEqual } from '@stock-sync/plugin-sdk';
import type { NoticeRef, PluginNotices } from '@stock-sync/plugin-api';
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

/** The webhook type of an "Inventory status change" (INVENTORY_STATUS_CHANGE, the community clients' name). */
const INVENTORY_STATUS_CHANGE = 27;

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

/** A string of digits: a number would have lost digits in JSON.parse (19-digit ids exceed 2^53), so it is refused. */
function idOf(data: Record<string, unknown>, field: string): string {
  const v = data[field];
  if (typeof v !== 'string' || !isTikTokId(v)) throw new Error(`the inventory status change has no ${field} string of digits`);
  return v;
}

/** The SKU an "Inventory status change" names (either alert type); none for every other type the one URL receives. */
export function tiktokNoticeRefs(body: unknown): NoticeRef[] {
  const w = documentedWebhook(body);
  if (w.type !== INVENTORY_STATUS_CHANGE) return [];
  if (typeof w.data !== 'object' || w.data === null || Array.isArray(w.data)) throw new Error('the inventory status change has no data');
  const data = w.data as Record<string, unknown>;
  return [{ externalProductId: idOf(data, 'product_id'), externalVariantId: idOf(data, 'sku_id') }];
}

export const tiktokNotices: PluginNotices = {
  topics: ['INVENTORY_STATUS_CHANGE'],
  signedWith: 'app',
  // TikTok's scheme on the exact bytes, with the app's key (`app.clientId`) and secret; false when either is missing.
  verify: (req) => isSignedByApp(noticeHeader(req.headers, SIGNATURE_HEADER), req.app?.clientId, req.secret, req.rawBody),
  refs: tiktokNoticeRefs,
  storeOf: tiktokNoticeStore,
};
