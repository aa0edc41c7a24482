/**
 * The Etsy integration plugin. Stateless: everything a store needs lives in its connection.
 * (No testkit import here: this module runs in production; the simulator lives in ./simulator.)
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { connectEtsy } from './etsy-connection';
import { credentialFields, manifest } from './manifest';
import { refreshEtsyCredentials } from './refresh-credentials';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect: connectEtsy,
  refreshCredentials: refreshEtsyCredentials,
};

export default plugin;
export { manifest, credentialFields };
export { EMULATED_UNLIMITED_QUANTITY, UNLIMITED_READ_THRESHOLD } from './stock-mapping';
