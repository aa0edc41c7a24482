/**
 * Connecting a Weebly site by Weebly's app authorization (OAuth 2 "following RFC 6749" in Weebly's words,
 * with Weebly's own parameter names). Facts, sources and what is unverified: README.md "Connecting".
 * - the install normally starts in Weebly: Weebly sends the merchant to the app's manifest callback with
 *   user_id, site_id, timestamp and an HMAC, and the app answers with the authorize URL. The hub starts it
 *   from its connect route instead, with the user id and site id as connect inputs;
 * - authorize: https://www.weebly.com/app-center/oauth/authorize?client_id&user_id&site_id&redirect_uri&scope
 *   (scopes joined by a comma — the official PHP client); no state parameter is documented, so the host
 *   binds the state to its own cookie hop (stateInCallback false);
 * - the redirect carries authorization_code (not code) and callback_url;
 * - token: POST JSON {client_id, client_secret, authorization_code} to
 *   https://www.weebly.com/app-center/oauth/access_token (or the callback_url Weebly sent, accepted only on
 *   that origin: the client secret never goes to another host) → {access_token}, "permanent";
 * - no uninstall notice is implemented (Weebly's app webhooks and their signature are not verified here).
 */
import {
  AuthError,
  oauthUrl,
  postTokenRequest,
  type ConnectedStore,
  type OAuthExchangeContext,
  type PluginOAuth,
} from '@stock-sync/plugin-sdk';

export const WEEBLY_AUTHORIZE_URL = 'https://www.weebly.com/app-center/oauth/authorize';
export const WEEBLY_TOKEN_URL = 'https://www.weebly.com/app-center/oauth/access_token';
export const WEEBLY_SCOPES = ['read:store-catalog', 'write:store-catalog'] as const;

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Weebly's callback_url when it is on the token endpoint's own origin, else the configured token URL. */
export function tokenEndpoint(callbackUrl: string | undefined, configured: string): string {
  if (!callbackUrl) return configured;
  try {
    const given = new URL(callbackUrl);
    const expected = new URL(configured);
    if (given.origin === expected.origin && !given.username && !given.password) return given.toString();
  } catch {
    // An unreadable callback_url is ignored: the configured endpoint is used.
  }
  return configured;
}

async function exchange(ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const code = nonEmpty(ctx.callback.query.authorization_code);
  if (!code) throw new AuthError('Weebly callback has no authorization_code (the site owner may have declined)');
  const siteId = nonEmpty(ctx.inputs.siteId);
  if (!siteId) throw new AuthError('Weebly connect needs the siteId');
  const configured = oauthUrl(WEEBLY_TOKEN_URL, {}, ctx.app).toString();
  // Weebly's own parameter names: authorization_code, no grant_type; client id and secret in the JSON body.
  const token = await postTokenRequest({
    http: ctx.http,
    url: tokenEndpoint(nonEmpty(ctx.callback.query.callback_url), configured),
    params: { authorization_code: code },
    app: ctx.app,
    options: { clientAuthentication: 'body', encoding: 'json' },
    what: 'the Weebly authorization code exchange',
    secrets: [code],
  });
  const accessToken = nonEmpty(token.access_token);
  if (!accessToken) throw new AuthError('Weebly token answer has no access_token');
  return { credentials: { accessToken, siteId }, externalStoreId: siteId };
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
    url.searchParams.set('client_id', req.app.clientId);
    url.searchParams.set('user_id', req.inputs.userId ?? '');
    url.searchParams.set('site_id', req.inputs.siteId ?? '');
    url.searchParams.set('redirect_uri', req.redirectUri);
    url.searchParams.set('scope', WEEBLY_SCOPES.join(','));
    return url.toString();
  },
  exchange,
};
