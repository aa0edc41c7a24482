/** The Nuvemshop / Tiendanube integration plugin: variant stock over the store REST API. Decisions and sources: README.md. */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { nuvemshopConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { nuvemshopNotices } from './notices';
import { oauth } from './oauth';
import { createNuvemshopApi } from './nuvemshop-api';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect(ctx) {
    return nuvemshopConnection(createNuvemshopApi(ctx), ctx.log, (ctx.credentials.locationId ?? '').trim() || undefined);
  },
  oauth,
  notices: nuvemshopNotices,
};

export default plugin;
export { manifest, credentialFields } from './manifest';
export { nuvemshopNoticeProducts, nuvemshopNoticeRefs } from './notices';
