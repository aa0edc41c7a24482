/**
 * Shopify's authorize URL (authorization code grant, "Ask for permission"): on the shop's own host,
 * client_id, scope (comma-separated), redirect_uri, state. No grant_options[]: offline access, the default,
 * is what the hub needs (no user session). No response_type: Shopify's documented request has none.
 */
import { oauthUrl, type AuthorizeRequest } from '@stock-sync/plugin-sdk';
import { AUTHORIZE_URL, SCOPES } from './oauth-endpoints';
import { shopDomainFromInput } from './shop-domain';

export function shopifyAuthorizeUrl(req: AuthorizeRequest): string {
  const url = oauthUrl(AUTHORIZE_URL, { shop: shopDomainFromInput(req.inputs.shop) }, req.app);
  url.searchParams.set('client_id', req.app.clientId);
  url.searchParams.set('scope', SCOPES.join(','));
  url.searchParams.set('redirect_uri', req.redirectUri);
  url.searchParams.set('state', req.state);
  return url.toString();
}
