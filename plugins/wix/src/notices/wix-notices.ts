/**
 * Wix webhooks as the hub's platform notices (plugin API 1.4, issue 13). Wix has no API to subscribe: an app's
 * webhooks are created in its app dashboard, one callback URL per event, for every site that installs the app
 * (https://dev.wix.com/docs/build-apps/develop-your-app/frameworks/self-hosting/webhooks/handle-events-with-webhooks-for-self-hosting-without-the-java-script-sdk:
 * "Go to the Webhooks page in your app's dashboard … + Create Webhook … Choose a webhook event"): the operator sets
 * the hub's `POST /hooks/wix` there for the events in `topics`. So no subscribe; `storeOf` names the site.
 * Every delivery's body is a JWT signed RS256 with Wix's key for the app (../webhook-jwt.ts), verified with the
 * app's PUBLIC key (`req.app.publicKey`, the same key App Instance Removed is verified with): `signedWith: 'app'`;
 * the client secret plays no part. The envelope's instanceId is the app instance — what the install flow records
 * as the store's externalStoreId (../oauth/wix-oauth.ts).
 * The body is not JSON: `parse` turns a verified body into what `refs` and `storeOf` read (the JWT's decoded
 * payload); they also take the JWT text itself.
 */
import type { NoticeRef, NoticeRequest, PluginNotices } from '@stock-sync/plugin-sdk';
import { decodeWixJwt, verifyWixJwt, wixEventOf, type WixEvent } from '../webhook-jwt';
import { INVENTORY_EVENTS, inventoryEventRefs } from './inventory-events';

/** PluginNotices plus the body reader a JWT body needs (not yet part of the plugin API: README "Platform notices"). */
export type WixNotices = PluginNotices & { parse(req: Pick<NoticeRequest, 'rawBody'>): unknown };

/** The event of a verified body: the JWT text or its decoded payload. Throws when it is neither. */
function eventOf(body: unknown): WixEvent {
  const payload = typeof body === 'string' ? decodeWixJwt(body) : body;
  const event = wixEventOf(payload);
  if (!event) throw new Error('not a Wix webhook: a JWT whose data holds eventType and instanceId was expected');
  return event;
}

export function createWixNotices(now: () => number = Date.now): WixNotices {
  return {
    topics: INVENTORY_EVENTS,
    signedWith: 'app',
    verify(req) {
      const key = req.app?.publicKey;
      if (!key) return false;
      return verifyWixJwt(Buffer.from(req.rawBody).toString('utf8'), key, Math.floor(now() / 1000)) !== undefined;
    },
    parse: (req) => decodeWixJwt(Buffer.from(req.rawBody).toString('utf8')),
    refs: (body): NoticeRef[] => inventoryEventRefs(eventOf(body)),
    storeOf(body) {
      try {
        return eventOf(body).instanceId;
      } catch {
        return undefined;
      }
    },
  };
}
