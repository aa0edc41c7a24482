/**
 * Ecwid webhooks as the hub's platform notices (plugin API 1.4, issue 13). Sources, as fixtures in
 * test/evidence/webhook-*.json (README "Platform notices"):
 *  - https://api-docs.ecwid.com/reference/set-up-webhooks — ONE webhook URL per app, set by Ecwid's team in the
 *    app's details (no API to subscribe): every store's notices reach the hub's `POST /hooks/ecwid`;
 *  - https://api-docs.ecwid.com/reference/webhooks-structure and
 *    https://docs.ecwid.com/build-apps/webhook-automations/learn-ecwid-webhooks/event-data-in-webhooks — the body
 *    `{eventId, eventCreated, storeId, entityId, eventType, data?}`; for `product.updated` `entityId` is the
 *    product's id and no `data` is documented: the body never names a combination;
 *  - https://api-docs.ecwid.com/reference/about-webhook-events-and-data — `product.updated` fires for any change of
 *    a product (its quantity, its variations…), whatever the source: the admin, the checkout or the REST API;
 *  - the signature: webhook-signature.ts (base64 HMAC-SHA256 of "{eventCreated}.{eventId}" with the app's
 *    client_secret) — it covers those two fields, not the body.
 */
import { idText, noticeHeader, type NoticeRef, type NoticeRequest, type PluginNotices } from '@stock-sync/plugin-sdk';
import { parseEcwidId } from './ids';
import { isSignedByApp, SIGNATURE_HEADER } from './webhook-signature';

export const NOTICE_TOPICS = ['product.updated'] as const;

/** The documented body's fields, or undefined when the bytes are not a JSON object. */
function eventOf(raw: Uint8Array): Record<string, unknown> | undefined {
  try {
    const body: unknown = JSON.parse(Buffer.from(raw).toString('utf8'));
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Ecwid's scheme on the exact bytes received: the signed fields are read from the raw body by this function
 * itself (the hub has parsed nothing yet). It proves that Ecwid sent an event with this eventId at this time —
 * NOT that storeId, entityId or eventType are Ecwid's (README "Platform notices": what it protects).
 */
export function verifyEcwidNotice(req: NoticeRequest): boolean {
  const event = eventOf(req.rawBody);
  if (!event) return false;
  return isSignedByApp(event.eventCreated, event.eventId, noticeHeader(req.headers, SIGNATURE_HEADER), req.secret);
}

/** The documented body, or a throw (the hub answers 400) when the bytes are not Ecwid's event shape. */
function documentedEvent(body: unknown): { eventType: string; storeId: string; entityId: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('an Ecwid webhook object was expected');
  const b = body as Record<string, unknown>;
  const storeId = idText(b.storeId);
  if (typeof b.eventType !== 'string' || !b.eventType) throw new Error('the webhook has no eventType');
  if (!storeId) throw new Error('the webhook has no storeId');
  return { eventType: b.eventType, storeId, entityId: b.entityId };
}

/** The store a verified notice concerns: `storeId`, as the install flow records it (oauth.ts: token `store_id`). */
export function ecwidNoticeStore(body: unknown): string | undefined {
  try {
    return documentedEvent(body).storeId;
  } catch {
    return undefined;
  }
}

/** The product a `product.updated` notice names (`entityId`); none for other events; throws on a malformed id. */
export function ecwidNoticeProducts(body: unknown): string[] {
  const e = documentedEvent(body);
  if (!(NOTICE_TOPICS as readonly string[]).includes(e.eventType)) return [];
  const id = idText(e.entityId);
  if (id === undefined || parseEcwidId(id) === undefined) throw new Error('product.updated without a product id in entityId');
  return [id];
}

/**
 * What a verified notice concerns: the whole product (`entityId`) — `product.updated` names no combination and
 * `refs` is pure (no call to list them), so the hub reads back every synced combination of that product. The
 * documented shape is checked (a throw → 400); other events name nothing.
 */
export function ecwidNoticeRefs(body: unknown): NoticeRef[] {
  return ecwidNoticeProducts(body).map((externalProductId) => ({ externalProductId }));
}

/**
 * The event's id, which the signature covers (the body beyond it is not signed): the hub refuses a second
 * notice with the same eventId as a replay, whatever its body.
 */
export function ecwidNoticeId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return idText((body as Record<string, unknown>).eventId);
}

export const ecwidNotices: PluginNotices = {
  topics: NOTICE_TOPICS,
  signedWith: 'app',
  verify: verifyEcwidNotice,
  storeOf: (body) => ecwidNoticeStore(body),
  refs: (body) => ecwidNoticeRefs(body),
  noticeId: (body) => ecwidNoticeId(body),
};
