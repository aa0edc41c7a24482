/**
 * Ecwid webhooks as the hub's platform notices; facts and their sources in README "Platform notices", fixtures in
 * test/evidence/webhook-*.json. ONE webhook URL per app, set by Ecwid's team (no subscribe); the body names the
 * product, never a combination; the signature (oauth.ts) covers eventCreated and eventId only, not the body.
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
import { isObject } from './ecwid-api';
import { isSignedByApp, SIGNATURE_HEADER } from './oauth';

const TOPICS = ['product.updated'] as const;

/** The signed fields read from the exact bytes received (the hub has parsed nothing yet); README: what it protects. */
function verify(req: NoticeRequest): boolean {
  const event = jsonObjectOf({ rawBody: Buffer.from(req.rawBody) });
  return !!event && isSignedByApp(event.eventCreated, event.eventId, noticeHeader(req.headers, SIGNATURE_HEADER), req.secret);
}

/** The documented body, or a throw (the hub answers 400) when it is not Ecwid's event shape. */
function documentedEvent(body: unknown): { eventType: string; storeId: string; entityId: unknown } {
  if (!isObject(body)) throw new Error('an Ecwid webhook object was expected');
  const storeId = idText(body.storeId);
  if (typeof body.eventType !== 'string' || !body.eventType) throw new Error('the webhook has no eventType');
  if (!storeId) throw new Error('the webhook has no storeId');
  return { eventType: body.eventType, storeId, entityId: body.entityId };
}

/**
 * What a verified notice concerns: the whole product (`entityId`; README "ids → refs"). Other events name nothing;
 * a malformed shape or id throws (the hub answers 400).
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
  noticeId: (body) => (isObject(body) ? idText(body.eventId) : undefined),
};
