/** The Webflow integration plugin: SKU inventory over the Data API v2 (decisions and sources: README.md). */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { connectWebflow } from './connection';
import { credentialFields, manifest } from './manifest';
import { createWebflowNotices } from './notices';
import { oauth } from './oauth';

export const plugin: IntegrationPlugin = { manifest, credentialFields, connect: connectWebflow, oauth, notices: createWebflowNotices() };

export default plugin;
export { manifest, credentialFields } from './manifest';
export { createWebflowNotices, webflowNoticeRefs, webflowShownStock, webflowSignature } from './notices';
