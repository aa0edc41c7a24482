/**
 * The BASE (thebase.in) integration plugin: item and variation stock over BASE API v1.
 * Decisions and their sources: README.md.
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { createBaseApi } from './base-api';
import { BaseConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { createBaseOAuth } from './oauth';
import { refreshBaseCredentials } from './refresh-credentials';

export interface BasePluginOptions {
  /**
   * The clock BASE's limit waits ("until the hour / the JST day changes") and token expiries are computed
   * from; default Date.now.
   */
  now?: () => number;
}

/** The plugin with an injectable clock (tests); the hub uses `plugin`, on the wall clock. */
export function createBasePlugin(options: BasePluginOptions = {}): IntegrationPlugin {
  const now = options.now ?? Date.now;
  return {
    manifest,
    credentialFields,
    connect(ctx) {
      return new BaseConnection(createBaseApi(ctx, now), ctx.log);
    },
    refreshCredentials: (ctx) => refreshBaseCredentials(ctx, now),
    oauth: createBaseOAuth(now),
  };
}

export const plugin: IntegrationPlugin = createBasePlugin();

export default plugin;
export { manifest, credentialFields } from './manifest';
export { stockFor, stockOfCount, EMULATED_UNLIMITED_STOCK, UNLIMITED_READ_THRESHOLD } from './stock-mapping';
export { editStockForm } from './edit-form';
export { classifyBaseTokenResponse } from './token-errors';
export { credentialsFromToken } from './oauth';
