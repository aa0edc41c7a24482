/**
 * The Squarespace integration plugin: variant stock over the Commerce Inventory API 1.0.
 * Decisions and their sources: README.md. (No testkit import here: this module runs in production.)
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { SquarespaceConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { createSquarespaceApi } from './squarespace-api';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    return new SquarespaceConnection(createSquarespaceApi(ctx), ctx.log);
  },
};

export default plugin;
export { manifest, credentialFields };
export { adjustmentFor, fromInventoryItem } from './stock-mapping';
