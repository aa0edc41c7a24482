/** The Magento / Adobe Commerce plugin: child-SKU stock over the REST stock-item and MSI source-item APIs (README.md). */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { magentoConnection } from './connection';
import { createMagentoApi } from './magento-api';
import { credentialFields, DEFAULT_SOURCE_CODE, manifest } from './manifest';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect: (ctx) => magentoConnection(createMagentoApi(ctx), ctx.log, (ctx.credentials.sourceCode || DEFAULT_SOURCE_CODE).trim()),
};

export default plugin;
export { manifest, credentialFields };
