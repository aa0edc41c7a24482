/**
 * Ecwid webhooks as the hub's platform notices; facts in README "Platform notices", fixtures in
 * test/evidence/webhook-*.json. ONE webhook URL per app, set by Ecwid's team in the app's details (no API to
 * subscribe: https://api-docs.ecwid.com/reference/set-up-webhooks). The body `{eventId, eventCreated, storeId,
 * entityId, eventType, data?}` names the product, never a combination (https://api-docs.ecwid.com/reference/webhooks-structure,
 * https://docs.ecwid.com/build-apps/webhook-automations/learn-ecwid-webhooks/event-data-in-webhooks); `product.updated`
 * fires for any change of a product, whatever the source (https://api-docs.ecwid.com/reference/about-webhook-events-and-data).
 * The signature (oauth.ts) covers eventCreated and eventId only, not the body.
 */
import {
  idText,
  jsonObjectOf,
  noticeHeader,
  positiveIntegerId,
  type NoticeRef,
  type NoticeRequest,
  type PluginNotices,
} from '@stock-sync/plugin-sdk';
import { isSignedByApp, SIGNATURE_HEADER } from './oauth';

const TOPICS = ['product.updated'] as const;

/**
 * The signed fields read from the exact bytes received (the hub has parsed nothing yet). Proves that Ecwid sent an
 * event with this eventId at this time — NOT that storeId, entityId or eventType are Ecwid's (README: what it protects).
 */
function verify(req: NoticeRequest): boolean {
  const event = jsonObjectOf({ rawBody: Buffer.from(req.rawBody) });
  return !!event && isSignedByApp(event.eventCreated, event.eventId, noticeHeader(req.headers, SIGNATURE_HEADER), req.secret);
}

const asObject = (body: unknown) =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;

/** The documented body, or a throw (the hub answers 400) when it is not Ecwid's event shape. */
function documentedEvent(body: unknown): { eventType: string; storeId: string; entityId: unknown } {
  const b = asObject(body);
  if (!b) throw new Error('an Ecwid webhook object was expected');
  const storeId = idText(b.storeId);
  if (typeof b.eventType !== 'string' || !b.eventType) throw new Error('the webhook has no eventType');
  if (!storeId) throw new Error('the webhook has no storeId');
  return { eventType: b.eventType, storeId, entityId: b.entityId };
}

/**
 * What a verified notice concerns: the whole product (`entityId`) — `product.updated` names no combination and
 * `refs` is pure (no call to list them), so the hub reads back every synced combination of that product. Other
 * events name nothing; a malformed shape or id throws (the hub answers 400).
 */
export function ecwidNoticeRefs(body: unknown): NoticeRef[] {
  const e = documentedEvent(body);
  if (!(TOPICS as readonly string[]).includes(e.eventType)) return [];
  const id = idText(e.entityId);
  if (id === undefined || positiveIntegerId(id) === undefined) throw new Error('product.updated without a product id in entityId');
  return [{ externalProductId: id }];
}

export const ecwidNotices: PluginNotices = {
  topics: TOPICS,
  signedWith: 'app',
  verify,
  // `storeId`, as the install flow records it (oauth.ts: the token's `store_id`).
  storeOf: (body) => {
    try {
      return documentedEvent(body).storeId;
    } catch {
      return undefined;
    }
  },
  refs: ecwidNoticeRefs,
  // The event's id, which the signature covers (the body beyond it is not signed): the hub refuses a second
  // notice with the same eventId as a replay, whatever its body.
  noticeId: (body) => idText(asObject(body)?.eventId),
};
