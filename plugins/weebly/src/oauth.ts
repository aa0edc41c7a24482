/**
 * Connecting a Weebly site by Weebly's app authorization (OAuth 2 with Weebly's own parameter names): the steps,
 * their sources and what is unverified are in README.md "Connecting".
 */
import { AuthError } from '@stock-sync/plugin-api';
import { idText, oauthUrl, postTokenRequest } from '@stock-sync/plugin-sdk';
import type { PluginOAuth } from '@stock-sync/plugin-api';

const WEEBLY_AUTHORIZE_URL = 'https://www.weebly.com/app-center/oauth/authorize';
export const WEEBLY_TOKEN_URL = 'https://www.weebly.com/app-center/oauth/access_token';
const WEEBLY_SCOPES = ['read:store-catalog', 'write:store-catalog'];

/** Weebly's callback_url when it is on the token endpoint's own origin, else the configured token URL. */
export function tokenEndpoint(callbackUrl: string | undefined, configured: string): string {
  // No callback_url, or an unreadable one: the configured endpoint is used.
  if (callbackUrl === undefined || !URL.canParse(callbackUrl) || !URL.canParse(configured)) return configured;
  const given = new URL(callbackUrl);
  return given.origin === new URL(configured).origin && !given.username && !given.password ? given.toString() : configured;
}

export const oauth: PluginOAuth = {
  connectFields: [
    {
      name: 'userId',
      secret: false,
      required: true,
      description: 'The Weebly user id of the site owner (Weebly sends it as user_id when the app is installed).',
    },
    { name: 'siteId', secret: false, required: true, description: 'The Weebly site id whose store the hub syncs (site_id).' },
  ],
  authorizeUrl: WEEBLY_AUTHORIZE_URL,
  tokenUrl: WEEBLY_TOKEN_URL,
  scopes: WEEBLY_SCOPES,
  scopeDelimiter: ',',
  stateInCallback: false,
  tokenLifetime: {
    // "a permanent access_token" (the official PHP client); no expiry or refresh token documented.
    source: 'https://github.com/Weebly/weebly-client-php/blob/4a7c7629fddbcdd006651b76c856504cbec3495e/src/Weebly/WeeblyClient.php',
  },
  authorizeUrlFor(req) {
    const url = oauthUrl(WEEBLY_AUTHORIZE_URL, {}, req.app);
    const q = url.searchParams;
    q.set('client_id', req.app.clientId);
    q.set('user_id', req.inputs.userId ?? '');
    q.set('site_id', req.inputs.siteId ?? '');
    q.set('redirect_uri', req.redirectUri);
    q.set('scope', WEEBLY_SCOPES.join(','));
    return url.toString();
  },
  async exchange(ctx) {
    const code = idText(ctx.callback.query.authorization_code);
    if (!code) throw new AuthError('Weebly callback has no authorization_code (the site owner may have declined)');
    const siteId = idText(ctx.inputs.siteId);
    if (!siteId) throw new AuthError('Weebly connect needs the siteId');
    // Weebly's own parameter names: authorization_code, no grant_type; client id and secret in the JSON body.
    const token = await postTokenRequest({
      http: ctx.http,
      url: tokenEndpoint(idText(ctx.callback.query.callback_url), oauthUrl(WEEBLY_TOKEN_URL, {}, ctx.app).toString()),
      params: { authorization_code: code },
      app: ctx.app,
      options: { clientAuthentication: 'body', encoding: 'json' },
      what: 'the Weebly authorization code exchange',
      secrets: [code],
    });
    const accessToken = idText(token.access_token);
    if (!accessToken) throw new AuthError('Weebly token answer has no access_token');
    return { credentials: { accessToken, siteId }, externalStoreId: siteId };
  },
};
