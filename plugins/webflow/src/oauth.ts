/**
 * Connecting a Webflow site by Webflow's own consent screen (OAuth 2 authorization code grant, a Data
 * Client app). Facts and sources: README.md "Connecting".
 * - authorize: https://webflow.com/oauth/authorize — response_type=code, client_id, redirect_uri, state,
 *   scope joined by a space (the official SDK's authorizeURL): the SDK's standard authorize URL;
 * - token: POST https://api.webflow.com/oauth/access_token — client_id, client_secret, code,
 *   grant_type=authorization_code, redirect_uri, JSON as the official SDK sends it → access_token;
 * - lifetime: no expires_in and no refresh token in any source: the token lives until revoked, so there is
 *   no refreshCredentials;
 * - the callback is not signed (the state check stands alone); no app-removed notice is documented.
 * Quirk (code): the token answer names no site, so the exchange asks List Sites which site it covers.
 */
import type { ConnectedStore, OAuthExchangeContext, PluginOAuth, TokenResponse } from '@stock-sync/plugin-sdk';
import { chooseSite, type ListedSite } from './site-choice';
import { apiBaseUrl, classifyWebflowResponse } from './webflow-api';

export const WEBFLOW_AUTHORIZE_URL = 'https://webflow.com/oauth/authorize';
export const WEBFLOW_TOKEN_URL = 'https://api.webflow.com/oauth/access_token';
/**
 * ecommerce:* for the inventory calls, cms:read for List Collections (the SKU collection), sites:read for List Sites
 * and List Webhooks, sites:write for Create / Delete Webhook (the inventory notices, notices.ts).
 */
export const WEBFLOW_SCOPES = ['ecommerce:read', 'ecommerce:write', 'cms:read', 'sites:read', 'sites:write'] as const;
const TOKEN_REQUEST = { clientAuthentication: 'body', encoding: 'json' } as const;

async function listSites(ctx: OAuthExchangeContext, accessToken: string): Promise<ListedSite[]> {
  const api = ctx.http.extend({
    baseURL: apiBaseUrl(ctx.app.baseUrl ? { baseUrl: ctx.app.baseUrl } : {}),
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
    classify: classifyWebflowResponse,
    secrets: [accessToken],
  });
  const res = await api.request<{ sites?: ListedSite[] }>({ method: 'GET', url: '/sites' });
  return Array.isArray(res.data?.sites) ? res.data.sites : [];
}

/** The standard code grant's answer names no site: List Sites with the new token says which one it covers. */
async function toConnectedStore(token: TokenResponse, ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const accessToken = token.access_token as string; // the SDK's exchange has checked it is a non-empty string
  const siteId = chooseSite(await listSites(ctx, accessToken), ctx.inputs.siteId);
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
  authorizeUrl: WEBFLOW_AUTHORIZE_URL,
  tokenUrl: WEBFLOW_TOKEN_URL,
  scopes: WEBFLOW_SCOPES,
  scopeDelimiter: ' ',
  tokenRequest: TOKEN_REQUEST,
  tokenLifetime: {
    // No expires_in, no refresh token: long-lived until the merchant or the app revokes it.
    source: 'https://developers.webflow.com/data/reference/oauth-app',
  },
  toConnectedStore,
};
