/** The Square plugin: item-variation stock at one location over the Catalog and Inventory APIs (README.md). */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { squareConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { refreshSquareCredentials, squareOAuth } from './oauth';
import { squareNotices } from './notices';
import { createSquareApi } from './square-api';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect: (ctx) => squareConnection(createSquareApi(ctx), ctx.log, (ctx.credentials.locationId ?? '').trim()),
  refreshCredentials: refreshSquareCredentials,
  oauth: squareOAuth,
  notices: squareNotices,
};

export default plugin;
export { manifest, credentialFields } from './manifest';
export { squareNoticeRefs, squareSignature, squareStoreOf } from './notices';
