/** The Weebly integration plugin: SKU inventory over the Platform API (store catalog). Decisions: README.md. */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { weeblyConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { oauth } from './oauth';
import { apiOrigin, createWeeblyApi } from './weebly-api';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect: (ctx) => weeblyConnection(createWeeblyApi(ctx), ctx.log, apiOrigin(ctx.credentials)),
  oauth,
};

export default plugin;
export { manifest, credentialFields } from './manifest';
