/** The Wix Stores plugin: variant stock on Catalog V1 or V3, whichever the site runs (README.md). No testkit import: production code. */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { createWixApi, wixConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { createWixNotices } from './notices';
import { createWixOAuth, refreshWixCredentials } from './oauth';

/** `now`: the clock token expiries and webhook (JWT) expiries are read on (tests). */
export function createWixPlugin({ now = Date.now }: { now?: () => number } = {}): IntegrationPlugin {
  return {
    manifest,
    credentialFields,
    connect(ctx) {
      return wixConnection(createWixApi(ctx), ctx.log, ctx.credentials);
    },
    refreshCredentials: (ctx) => refreshWixCredentials(ctx, now),
    oauth: createWixOAuth(now),
    notices: createWixNotices(now),
  };
}

export const plugin: IntegrationPlugin = createWixPlugin();

export default plugin;
export { manifest, credentialFields };
export { verifyAppRemoved } from './oauth';
export { createWixNotices, inventoryEventRefs, type WixNotices } from './notices';
export { decodeWixJwt, wixEventOf, type WixEvent } from './webhook-jwt';
