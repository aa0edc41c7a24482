/** The Etsy integration plugin. Stateless: everything a store needs lives in its connection. */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { connectEtsy } from './etsy-connection';
import { credentialFields, manifest } from './manifest';
import { createEtsyOAuth, refreshEtsyCredentials } from './oauth';

/** `now`: the clock token expiries are computed from (tests); default Date.now. */
export function createEtsyPlugin(options: { now?: () => number } = {}): IntegrationPlugin {
  const now = options.now ?? Date.now;
  return {
    manifest,
    credentialFields,
    connect: connectEtsy,
    refreshCredentials: (ctx) => refreshEtsyCredentials(ctx, now),
    oauth: createEtsyOAuth(now),
  };
}

export const plugin: IntegrationPlugin = createEtsyPlugin();

export default plugin;
export { manifest, credentialFields };
