/**
 * The code exchange (authorization code grant, "Get an access token"; expiring offline tokens): POST
 * https://{shop}/admin/oauth/access_token with JSON { client_id, client_secret, code, expiring: "1" } — no
 * grant_type, no redirect_uri, as Shopify's document and its official library send it. The answer:
 * { access_token, scope, expires_in: 3600, refresh_token, refresh_token_expires_in }. An answer without a
 * refresh token means Shopify gave a non-expiring token, which public apps may no longer use from 1 January 2027:
 * refused loudly instead of stored. The body of a refused code is unverified (Shopify documents none): an RFC 6749
 * `error` of invalid_grant / invalid_client is an AuthError with Shopify's words, any other 4xx a Rejected.
 */
import {
  ACCESS_TOKEN_EXPIRES_AT,
  AuthError,
  expiresAtFrom,
  oauthUrl,
  postTokenRequest,
  REFRESH_TOKEN_EXPIRES_AT,
  Rejected,
  type ConnectedStore,
  type OAuthExchangeContext,
} from '@stock-sync/plugin-sdk';
import { ACTIVATE_AT_LOCATION_FIELD } from '../manifest';
import { ACCESS_TOKEN_URL } from './oauth-endpoints';
import { shopDomainFromInput, shopDomainFromShopify } from './shop-domain';

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export async function exchangeShopifyCode(ctx: OAuthExchangeContext, now: () => number = Date.now): Promise<ConnectedStore> {
  const shop = shopDomainFromShopify(ctx.callback.query.shop);
  if (!shop) throw new AuthError('the Shopify callback carries no myshopify.com shop');
  if (shop !== shopDomainFromInput(ctx.inputs.shop))
    throw new AuthError(`the Shopify callback is for another shop than the one being connected (${shop})`);
  const code = ctx.callback.query.code;
  if (!code) throw new AuthError('the Shopify callback carries no authorization code');

  const token = await postTokenRequest({
    http: ctx.http,
    url: oauthUrl(ACCESS_TOKEN_URL, { shop }, ctx.app).toString(),
    params: { code, expiring: '1' },
    app: ctx.app,
    options: { clientAuthentication: 'body', encoding: 'json' },
    what: 'the Shopify authorization code exchange',
    secrets: [code],
  });
  const accessToken = text(token.access_token);
  const refreshToken = text(token.refresh_token);
  if (!accessToken) throw new Rejected('Shopify answered the code exchange without an access_token');
  if (!refreshToken) {
    throw new Rejected(
      'Shopify answered the code exchange without a refresh_token: it gave a non-expiring token, which public apps may not use (expiring offline tokens are required)',
    );
  }
  const issuedAt = now();
  const credentials: Record<string, string> = { shop, accessToken, refreshToken, locationId: ctx.inputs.locationId ?? '' };
  const accessExpiry = expiresAtFrom(token.expires_in, issuedAt);
  const refreshExpiry = expiresAtFrom(token.refresh_token_expires_in, issuedAt);
  if (accessExpiry) credentials[ACCESS_TOKEN_EXPIRES_AT] = accessExpiry;
  if (refreshExpiry) credentials[REFRESH_TOKEN_EXPIRES_AT] = refreshExpiry;
  const activate = ctx.inputs[ACTIVATE_AT_LOCATION_FIELD];
  if (activate !== undefined && activate !== '') credentials[ACTIVATE_AT_LOCATION_FIELD] = activate;
  return { externalStoreId: shop, credentials };
}
