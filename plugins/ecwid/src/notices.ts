/**
 * Ecwid webhooks as the hub's platform notices; facts and their sources in README "Platform notices", fixtures in
 * test/evidence/webhook-*.json. ONE webhook URL per app, set by Ecwid's team (no subscribe); the body names the
 * product, never a combination; the signature (oauth.ts) covers eventCreated and eventId only, not the body.
 */
import { documentedNotice, idText, isJsonObject, jsonObjectOf, noticeHeader } from '@stock-sync/plugin-sdk';
import type { NoticeRef, NoticeRequest, PluginNotices } from '@stock-sync/plugin-api';
import { isSignedByApp, SIGNATURE_HEADER } from './oauth';

const TOPICS = ['product.updated'] as const;

/** The signed fields read from the exact bytes received (the hub has parsed nothing yet); README: what it protects. */
function verify(req: NoticeRequest): boolean {
  const event = jsonObjectOf({ rawBody: Buffer.from(req.rawBody) });
  return !!event && isSignedByApp(event.eventCreated, event.eventId, noticeHeader(req.headers, SIGNATURE_HEADER), req.secret);
}

/** The documented body `{storeId, eventType, entityId, …}`, or a throw (the hub answers 400) for another shape. */
const documented = documentedNotice('Ecwid', { store: 'storeId', event: 'eventType', id: 'entityId' });

/**
 * What a verified notice concerns: the whole product (`entityId`; README "ids → refs"). Other events name nothing;
 * a malformed shape or id throws (the hub answers 400).
 */
export function ecwidNoticeRefs(body: unknown): NoticeRef[] {
  return documented.productIds(body, TOPICS).map((externalProductId) => ({ externalProductId }));
}

export const ecwidNotices: PluginNotices = {
  topics: TOPICS,
  signedWith: 'app',
  verify,
  storeOf: documented.storeOf,
  refs: ecwidNoticeRefs,
  // The event's id, which the signature covers (the body beyond it is not signed): the hub refuses a second
  // notice with the same eventId as a replay, whatever its body.
  noticeId: (body) => (isJsonObject(body) ? idText(body.eventId) : undefined),
};
