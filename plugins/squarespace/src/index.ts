/**
 * The Squarespace integration plugin: variant stock over the Commerce Inventory API 1.0.
 * Decisions and their sources: README.md. (No testkit import here: this module runs in production.)
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { SquarespaceConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { refreshSquarespaceCredentials } from './oauth/refresh-credentials';
import { squarespaceOAuth } from './oauth/squarespace-oauth';
import { createSquarespaceApi } from './squarespace-api';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    return new SquarespaceConnection(createSquarespaceApi(ctx), ctx.log);
  },
  refreshCredentials: refreshSquarespaceCredentials,
  oauth: squarespaceOAuth,
};

export default plugin;
export { manifest, credentialFields };
export { squarespaceOAuth, SQUARESPACE_OAUTH_SCOPES } from './oauth/squarespace-oauth';
export { adjustmentFor, fromInventoryItem } from './stock-mapping';
