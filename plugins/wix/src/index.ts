/**
 * The Wix Stores integration plugin: variant stock on Catalog V1 (Inventory API) or Catalog V3
 * (Inventory Items API), whichever the site runs. Decisions and sources: README.md.
 * (No testkit import here: this module runs in production.)
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { WixConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { createWixApi } from './wix-api';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    return new WixConnection(createWixApi(ctx), ctx.log, ctx.credentials);
  },
};

export default plugin;
export { manifest, credentialFields };
