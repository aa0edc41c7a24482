/**
 * Big Cartel webhooks as the hub's platform notices (facts and sources: README "Platform notices";
 * https://help.bigcartel.com/developers/api/v1/webhooks/). The payload is shown only as `{ ... }`: read as the
 * product object's attribute table, or as a JSON:API resource (`relationships.options.data[]`).
 */
import { isJsonObject, hmacSha256, idText, noticeHeader, safeEqual } from '@stock-sync/plugin-sdk';
import type { NoticeRef, PluginNotices } from '@stock-sync/plugin-api';

export const NOTICE_TOPICS = ['product.updated'] as const;

type Json = Record<string, unknown>;

export const SIGNATURE_HEADER = 'x-webhook-signature';

/** `X-Webhook-Signature`: hex HMAC-SHA256 of the raw body with the app's client_secret, compared in constant time. */
export function isSignedByApp(rawBody: Buffer, header: string | undefined, clientSecret: string): boolean {
  if (!header || !clientSecret) return false;
  return safeEqual(header.trim().toLowerCase(), hmacSha256(clientSecret, rawBody, 'hex'));
}

/** Path-safe ids only (they go into URL segments); Big Cartel's are numeric strings. */
export const usableId = (id: string) => /^[A-Za-z0-9_-]+$/.test(id);

/** `{account_id, type, payload}`, or a throw (400). */
function documentedWebhook(body: unknown): { type: string; payload: unknown } {
  if (!isJsonObject(body)) throw new Error('a Big Cartel webhook object was expected');
  if (typeof body.type !== 'string' || body.type === '') throw new Error('the webhook has no type');
  return { type: body.type, payload: body.payload };
}

/** The account a verified webhook concerns: `account_id`, the externalStoreId the OAuth install records. */
export function bigCartelNoticeStore(body: unknown): string | undefined {
  return isJsonObject(body) && typeof body.type === 'string' && body.type !== '' ? idText(body.account_id) : undefined;
}

/** The option ids of a product object: its `options[]` (attribute table) or its JSON:API options linkage. */
function optionIdsOf(product: Json): unknown[] | undefined {
  const rel =
    isJsonObject(product.relationships) && isJsonObject(product.relationships.options) ? product.relationships.options.data : undefined;
  const options = Array.isArray(product.options) ? product.options : rel;
  return Array.isArray(options) ? options.map((o) => (isJsonObject(o) ? o.id : undefined)) : undefined;
}

function usable(v: unknown, what: string): string {
  const id = idText(v);
  if (!id || !usableId(id)) throw new Error(`product.updated with an unusable ${what} id`);
  return id;
}

/** The options of the product a `product.updated` carries; none for other webhook types. */
export function bigCartelNoticeRefs(body: unknown): NoticeRef[] {
  const w = documentedWebhook(body);
  if (!(NOTICE_TOPICS as readonly string[]).includes(w.type)) return [];
  // A JSON:API document ({data: resource}) is unwrapped; the attribute-table object is used as it is.
  const product = isJsonObject(w.payload) && isJsonObject(w.payload.data) ? w.payload.data : w.payload;
  if (!isJsonObject(product)) throw new Error('product.updated without a product payload');
  const productId = usable(product.id, 'product');
  const optionIds = optionIdsOf(product);
  // No options listed (a payload form not seen in the documents): the whole product is read back (API 1.4 product ref).
  if (!optionIds || optionIds.length === 0) return [{ externalProductId: productId }];
  return optionIds.map((id) => ({ externalProductId: productId, externalVariantId: usable(id, 'option') }));
}

export const bigCartelNotices: PluginNotices = {
  topics: NOTICE_TOPICS,
  signedWith: 'app',
  verify: (req) => isSignedByApp(Buffer.from(req.rawBody), noticeHeader(req.headers, SIGNATURE_HEADER), req.secret),
  refs: bigCartelNoticeRefs,
  storeOf: bigCartelNoticeStore,
};
