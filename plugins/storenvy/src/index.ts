/** The Storenvy integration plugin: variant stock over Storenvy API v1 (largely unverified: README.md). */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { storenvyConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { oauth, refreshCredentials } from './oauth';
import { createStorenvyApi } from './storenvy-api';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    return storenvyConnection(createStorenvyApi(ctx.http, ctx.credentials.accessToken ?? '', ctx.credentials.baseUrl), ctx.log);
  },
  oauth,
  // Only when Storenvy issued a refresh token (unverified platform behaviour: README "Connecting").
  refreshCredentials,
};

export default plugin;
export { manifest, credentialFields };
