/**
 * refreshCredentials for expiring offline tokens (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens;
 * the official library's refresh-token.ts): POST https://{shop}/admin/oauth/access_token with JSON
 * { client_id, client_secret, refresh_token, grant_type: "refresh_token" } → a new access token (60 min) and a
 * NEW refresh token (rotation; the returned one must be stored). A store connected with a custom app's
 * non-expiring token has no refresh token: its AuthError stays an AuthError (the store needs a person), as before.
 */
import { refreshTokenGrant, type ConnectContext } from '@stock-sync/plugin-sdk';
import { ACCESS_TOKEN_URL } from './oauth-endpoints';
import { shopDomainFromInput } from './shop-domain';

export function refreshShopifyCredentials(ctx: ConnectContext, now?: () => number): Promise<Record<string, string>> {
  const shop = shopDomainFromInput(ctx.credentials.shop);
  return refreshTokenGrant(
    { ...ctx, credentials: { ...ctx.credentials, shop } },
    { platform: 'Shopify', tokenUrl: ACCESS_TOKEN_URL, tokenRequest: { clientAuthentication: 'body', encoding: 'json' }, now },
  );
}
