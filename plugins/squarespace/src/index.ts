/** The Squarespace plugin: variant stock over the Commerce Inventory API 1.0 (README.md). No testkit import: production code. */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
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
