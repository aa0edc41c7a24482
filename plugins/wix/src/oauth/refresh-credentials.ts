/**
 * refreshCredentials for Wix: OAuth for apps has no refresh token; the next four-hour access token is created
 * with the app's id and secret (hub configuration) for the site's app instance (access-token.ts). Without the
 * app configured or without an instanceId (a site connected by posting an API key or token) there is nothing
 * to renew it with: AuthError.
 */
import { AuthError, type ConnectContext } from '@stock-sync/plugin-sdk';
import { createAccessToken } from './access-token';

export async function refreshWixCredentials(ctx: ConnectContext, now: () => number = Date.now): Promise<Record<string, string>> {
  const c = ctx.credentials;
  if (!c.instanceId)
    throw new AuthError(
      'this Wix site has no instanceId (connected without the install flow): its token cannot be renewed, connect it again',
    );
  if (!ctx.app) throw new AuthError('no Wix app (app id / secret) is configured in the hub: the access token cannot be renewed');
  const token = await createAccessToken(ctx.http, ctx.app, c.instanceId, c.baseUrl, now);
  return { ...c, accessToken: token.accessToken, accessTokenExpiresAt: token.accessTokenExpiresAt };
}
