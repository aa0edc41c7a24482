/**
 * Which platforms can connect a store by their install flow here: the plugin declares `oauth` AND the
 * operator configured the platform's app (HUB_OAUTH_<PLATFORM>_CLIENT_ID / _SECRET).
 */
import type { IntegrationPlugin, OAuthApp, PluginOAuth } from '@stock-sync/plugin-sdk';

export type InstallFlow =
  | { ok: true; plugin: IntegrationPlugin; spec: PluginOAuth; app: OAuthApp }
  | { ok: false; reason: 'unknown_platform' | 'no_install_flow' | 'not_configured'; message: string };

export function installFlowOf(platform: string, plugin: IntegrationPlugin | undefined, app: OAuthApp | undefined): InstallFlow {
  if (!plugin) return { ok: false, reason: 'unknown_platform', message: `no integration "${platform}" is loaded` };
  if (!plugin.oauth) {
    return {
      ok: false,
      reason: 'no_install_flow',
      message: `${plugin.manifest.displayName} has no install flow in this hub: create the store with POST /v1/stores and its credentials`,
    };
  }
  if (!app) {
    const key = platform.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    return {
      ok: false,
      reason: 'not_configured',
      message: `the install flow of ${plugin.manifest.displayName} is not configured: the operator sets HUB_OAUTH_${key}_CLIENT_ID and HUB_OAUTH_${key}_CLIENT_SECRET`,
    };
  }
  return { ok: true, plugin, spec: plugin.oauth, app };
}
