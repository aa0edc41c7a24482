/**
 * Connecting a Webflow site by Webflow's own consent screen (a Data Client app): the SDK's standard authorize URL and
 * code grant, no refresh, no signed callback, no uninstall notice (README "Connecting"). Quirk (code): the token
 * answer names no site, so List Sites says which one it covers.
 */
import { AuthError } from '@stock-sync/plugin-api';
import type { ConnectedStore, OAuthExchangeContext, PluginOAuth, TokenResponse } from '@stock-sync/plugin-api';
import { createWebflowApi } from './webflow-api';

/** ecommerce:* for inventory, cms:read for List Collections, sites:read / sites:write for List Sites and the webhooks. */
export const WEBFLOW_SCOPES = ['ecommerce:read', 'ecommerce:write', 'cms:read', 'sites:read', 'sites:write'] as const;

/** Which site of List Sites an install connects (README "Connecting"): the one the merchant named, else the only one. */
export function chooseSite(sites: readonly { id?: unknown }[], requested: string | undefined): string {
  const ids = sites.map((s) => s?.id).filter((id): id is string => typeof id === 'string' && id.length > 0);
  const wanted = requested?.trim();
  if (wanted) {
    if (ids.includes(wanted)) return wanted;
    throw new AuthError(
      `Webflow: the authorization does not cover site ${wanted} (${ids.length} site(s) authorized); approve that site on the consent screen`,
    );
  }
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0)
    throw new AuthError(
      'Webflow: the authorization covers no site (List Sites is empty); approve the site that sells on the consent screen',
    );
  throw new AuthError(`Webflow: the authorization covers ${ids.length} sites; start the connect again with the siteId to sync`);
}

async function toConnectedStore(token: TokenResponse, ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const accessToken = token.access_token as string; // the SDK's exchange has checked it is a non-empty string
  const api = createWebflowApi({ http: ctx.http, credentials: { accessToken, ...(ctx.app.baseUrl ? { baseUrl: ctx.app.baseUrl } : {}) } });
  const res = await api.request<{ sites?: { id?: unknown }[] }>({ method: 'GET', url: '/sites' });
  const siteId = chooseSite(Array.isArray(res.data?.sites) ? res.data.sites : [], ctx.inputs.siteId);
  return { credentials: { siteId, accessToken }, externalStoreId: siteId };
}

export const oauth: PluginOAuth = {
  connectFields: [
    {
      name: 'siteId',
      secret: false,
      required: false,
      description: 'The Webflow site to sync, when the merchant authorizes a workspace or several sites (else the only authorized site).',
    },
  ],
  authorizeUrl: 'https://webflow.com/oauth/authorize',
  tokenUrl: 'https://api.webflow.com/oauth/access_token',
  scopes: WEBFLOW_SCOPES,
  tokenRequest: { clientAuthentication: 'body', encoding: 'json' },
  // No expires_in, no refresh token: long-lived until the merchant or the app revokes it.
  tokenLifetime: { source: 'https://developers.webflow.com/data/reference/oauth-app' },
  toConnectedStore,
};
