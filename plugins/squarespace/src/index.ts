/**
 * The Squarespace integration plugin: variant stock over the Commerce Inventory API 1.0.
 * Decisions and their sources: README.md. (No testkit import here: this module runs in production.)
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { connectSquarespace } from './connection';
import { credentialFields, manifest } from './manifest';
import { refreshSquarespaceCredentials, squarespaceOAuth } from './oauth';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect: connectSquarespace,
  refreshCredentials: refreshSquarespaceCredentials,
  oauth: squarespaceOAuth,
};

export default plugin;
export { manifest, credentialFields };
export { squarespaceOAuth, SQUARESPACE_OAUTH_SCOPES } from './oauth';
export { adjustmentFor, fromInventoryItem } from './stock-mapping';
