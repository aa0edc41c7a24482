/**
 * The BASE (thebase.in) integration plugin: item and variation stock over BASE API v1.
 * Decisions and their sources: README.md.
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { createBaseApi } from './base-api';
import { BaseConnection } from './connection';
import { credentialFields, manifest } from './manifest';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    return new BaseConnection(createBaseApi(ctx), ctx.log);
  },
};

export default plugin;
export { manifest, credentialFields } from './manifest';
export { stockFor, stockOfCount, EMULATED_UNLIMITED_STOCK, UNLIMITED_READ_THRESHOLD } from './stock-mapping';
export { editStockForm } from './edit-form';
