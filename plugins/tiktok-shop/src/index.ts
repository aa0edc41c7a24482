/**
 * The TikTok Shop integration plugin: SKU stock over the signed Open API (version 202309).
 * Decisions and their sources: README.md.
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { TikTokShopConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { tiktokNotices } from './notices';
import { tiktokOAuth } from './oauth';
import { refreshTikTokCredentials } from './refresh-credentials';
import { createTikTokApi } from './tiktok-api';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    const { shopCipher = '', warehouseId } = ctx.credentials;
    return new TikTokShopConnection(createTikTokApi(ctx), { shopCipher, warehouseId: warehouseId || undefined }, ctx.log);
  },
  refreshCredentials: refreshTikTokCredentials,
  oauth: tiktokOAuth,
  notices: tiktokNotices,
};

export default plugin;
export { manifest, credentialFields } from './manifest';
export { signRequest, stringToSign } from './signing';
export { quantityFor, stockOfQuantity, EMULATED_UNLIMITED_QUANTITY, UNLIMITED_READ_THRESHOLD } from './stock-mapping';
export { verifyDeauthorization, chooseShop, SELLER_DEAUTHORIZATION } from './oauth';
export { tokensFrom, classifyTokenResponse } from './token-api';
export { tiktokNotices, tiktokNoticeRefs, tiktokNoticeStore, verifyTikTokNotice, INVENTORY_STATUS_CHANGE, NOTICE_TOPICS } from './notices';
export { tiktokWebhookSignature } from './webhook-signature';
