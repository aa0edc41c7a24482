/** The BASE (thebase.in) integration plugin: item and variation stock over BASE API v1. Decisions and sources: README.md. */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { createBaseApi } from './base-api';
import { baseConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { createBaseOAuth, refreshBaseCredentials } from './oauth';

/** The plugin on an injectable clock (tests) for BASE's limit waits and token expiries; the hub uses `plugin`. */
export function createBasePlugin({ now = Date.now }: { now?: () => number } = {}): IntegrationPlugin {
  return {
    manifest,
    credentialFields,
    connect: (ctx) => baseConnection(createBaseApi(ctx, now), ctx.log),
    refreshCredentials: (ctx) => refreshBaseCredentials(ctx, now),
    oauth: createBaseOAuth(now),
  };
}

export const plugin: IntegrationPlugin = createBasePlugin();

export default plugin;
export { manifest, credentialFields } from './manifest';
