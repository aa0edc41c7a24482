/** The TikTok Shop integration plugin: SKU stock over the signed Open API (version 202309). Decisions and sources: README.md. */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { tiktokShopConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { tiktokNotices } from './notices';
import { refreshTikTokCredentials, tiktokOAuth } from './oauth';
import { createTikTokApi } from './tiktok-api';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    const { shopCipher = '', warehouseId } = ctx.credentials;
    return tiktokShopConnection(createTikTokApi(ctx), { shopCipher, warehouseId: warehouseId || undefined }, ctx.log);
  },
  refreshCredentials: refreshTikTokCredentials,
  oauth: tiktokOAuth,
  notices: tiktokNotices,
};

export default plugin;
export { manifest, credentialFields } from './manifest';
export { signRequest, stringToSign } from './tiktok-api';
export { verifyDeauthorization, chooseShop, tokensFrom } from './oauth';
export { tiktokNoticeRefs, tiktokNoticeStore, tiktokWebhookSignature } from './notices';
