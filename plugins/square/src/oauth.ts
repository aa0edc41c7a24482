/**
 * Square's OAuth code flow (https://developer.squareup.com/docs/oauth-api/overview; decisions and SPEC sources: README
 * "Connecting"): the SDK's standard authorize URL, then a quirky `exchange`, ObtainToken
 * (https://developer.squareup.com/reference/square/oauth-api/obtain-token): a JSON body with the client in it, an
 * answer with `expires_at` (ISO 8601) instead of `expires_in` and the seller as `merchant_id`. A refused grant's shape
 * (https://developer.squareup.com/forums/t/getting-error-while-renew-token/11056) and status are **unverified**.
 */
import { ACCESS_TOKEN_EXPIRES_AT, AuthError, REFRESH_TOKEN_EXPIRES_AT, Transient } from '@stock-sync/plugin-api';
import { postTokenRequest, sandboxBase } from '@stock-sync/plugin-sdk';
import type { ConnectContext, ConnectedStore, HttpResponse, OAuthExchangeContext, PluginOAuth } from '@stock-sync/plugin-api';
import type { TokenCall } from '@stock-sync/plugin-sdk';
import { DEFAULT_BASE_URL } from './manifest';
import { apiBaseUrl, createSquareApi, retrieveLocation, squareErrors } from './square-api';

/** What the plugin calls (README "Auth"): catalog and inventory read/write, and the location check. */
export const SQUARE_OAUTH_SCOPES = Object.freeze([
  'ITEMS_READ',
  'ITEMS_WRITE',
  'INVENTORY_READ',
  'INVENTORY_WRITE',
  'MERCHANT_PROFILE_READ',
]);

const TOKEN_PATH = '/oauth2/token';
const TOKEN_REQUEST = { clientAuthentication: 'body', encoding: 'json' } as const;

/** "OAuth access tokens expire in 30 days" (SPEC ObtainTokenResponse.access_token). */
const ACCESS_TOKEN_SECONDS = 30 * 24 * 3600;
/** Renewed once 7 days old (https://developer.squareup.com/docs/oauth-api/refresh-revoke-limit-scope; README "Token lifetimes"). */
export const REFRESH_AHEAD_SECONDS = ACCESS_TOKEN_SECONDS - 7 * 24 * 3600;

/** Square's own refusals (the SDK reads RFC 6749 §5.2 ones first) are an AuthError whatever their 4xx status. */
function refusedBySquare(what: string) {
  return (res: HttpResponse): { error?: AuthError } | undefined => {
    if (res.status < 400 || res.status === 429 || res.status >= 500) return undefined;
    const body = (res.data ?? {}) as { type?: unknown; message?: unknown };
    let reason: string | undefined;
    if (typeof body.type === 'string' && body.type.startsWith('service.not_authorized'))
      reason = typeof body.message === 'string' && body.message !== '' ? `${body.type}: ${body.message}` : body.type;
    const auth = squareErrors(res.data).filter((e) => e.category === 'AUTHENTICATION_ERROR');
    if (!reason && auth.length > 0) reason = auth.map((e) => (e.detail ? `${e.code}: ${e.detail}` : e.code)).join('; ');
    return reason
      ? { error: new AuthError(`Square refused ${what} (${reason}): reconnect the seller`, { status: res.status, reason }) }
      : undefined;
  };
}

/** An ISO 8601 instant, or undefined when Square sent none or an unreadable one. */
function instantOf(value: unknown): string | undefined {
  const t = typeof value === 'string' && value.trim() !== '' ? Date.parse(value) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

/** ObtainToken → the token credentials (refresh_token_expires_at comes only with the PKCE flow) and the merchant. */
async function obtainToken({ origin, ...call }: Omit<TokenCall, 'url' | 'options'> & { origin: string }) {
  const answer = await postTokenRequest({
    ...call,
    http: call.http.extend({ classify: refusedBySquare(call.what) }),
    url: `${origin}${TOKEN_PATH}`,
    options: TOKEN_REQUEST,
  });
  const { access_token: accessToken, refresh_token: refreshToken, merchant_id: merchantId } = answer;
  const expiresAt = instantOf(answer.expires_at);
  if (typeof accessToken !== 'string' || !accessToken || typeof refreshToken !== 'string' || !refreshToken || !expiresAt) {
    // Never echo the body: it may hold a token.
    throw new Transient(`Square answered ${call.what} without an access_token, refresh_token and expires_at`);
  }
  const credentials: Record<string, string> = { accessToken, refreshToken, [ACCESS_TOKEN_EXPIRES_AT]: expiresAt };
  const refreshExpiry = instantOf(answer.refresh_token_expires_at);
  if (refreshExpiry) credentials[REFRESH_TOKEN_EXPIRES_AT] = refreshExpiry;
  return { credentials, merchantId: typeof merchantId === 'string' && merchantId !== '' ? merchantId : undefined };
}

export async function exchangeSquareCode(ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const code = ctx.callback.query.code;
  if (!code) throw new AuthError('the Square callback carries no authorization code');
  // The operator's sandbox base (origin + prefix) serves both the OAuth API and the API, else Square's origin.
  const sandbox = ctx.app.baseUrl ? sandboxBase(ctx.app.baseUrl) : undefined;
  const origin = sandbox ? `${sandbox.origin}${sandbox.prefix}` : DEFAULT_BASE_URL;
  const params = { grant_type: 'authorization_code', code, redirect_uri: ctx.redirectUri };
  // Sent once (postTokenRequest): a code is spent by the first request that reaches Square.
  const token = await obtainToken({ http: ctx.http, origin, app: ctx.app, params, what: 'the authorization code', secrets: [code] });
  if (!token.merchantId) throw new AuthError('Square answered the code exchange without a merchant_id');
  const credentials: Record<string, string> = { ...token.credentials, ...(sandbox ? { baseUrl: origin } : {}) };
  // The location the seller named when connecting, else the seller's main location.
  const wanted = (ctx.inputs.locationId ?? '').trim() || 'main';
  const locationId = await retrieveLocation(createSquareApi({ credentials, http: ctx.http, log: ctx.log }), wanted);
  if (typeof locationId !== 'string' || !locationId)
    throw new AuthError(`Square answered RetrieveLocation '${wanted}' without a location id`);
  credentials.locationId = locationId;
  return { credentials, externalStoreId: token.merchantId };
}

/** ObtainToken with grant_type=refresh_token at the store's API origin; the app's client id/secret from hub configuration. */
export async function refreshSquareCredentials(ctx: ConnectContext): Promise<Record<string, string>> {
  const c = ctx.credentials;
  if (!c.refreshToken)
    throw new AuthError(
      'the Square access token needs renewing and no refreshToken is stored: reconnect the seller through the install flow',
    );
  if (!ctx.app)
    throw new AuthError(
      'the Square access token needs renewing but the hub has no Square app (client id/secret) configured: configure it, or reconnect the seller',
    );
  const { credentials } = await obtainToken({
    http: ctx.http,
    resendable: true, // the refresh token is multi-use and comes back unchanged (README "Refresh")
    origin: apiBaseUrl(c),
    app: ctx.app,
    params: { grant_type: 'refresh_token', refresh_token: c.refreshToken },
    what: 'the token refresh',
    secrets: [c.refreshToken, c.accessToken ?? ''],
  });
  const next = { ...c, ...credentials };
  if (!credentials[REFRESH_TOKEN_EXPIRES_AT]) delete next[REFRESH_TOKEN_EXPIRES_AT];
  return next;
}

export const squareOAuth: PluginOAuth = {
  connectFields: [
    {
      name: 'locationId',
      secret: false,
      required: false,
      description: "The Square location whose stock the hub keeps; empty: the seller's main location.",
    },
  ],
  authorizeUrl: `${DEFAULT_BASE_URL}/oauth2/authorize`,
  tokenUrl: `${DEFAULT_BASE_URL}${TOKEN_PATH}`,
  scopes: SQUARE_OAUTH_SCOPES,
  scopeDelimiter: ' ',
  tokenRequest: TOKEN_REQUEST,
  tokenLifetime: {
    accessTokenSeconds: ACCESS_TOKEN_SECONDS,
    refreshAheadSeconds: REFRESH_AHEAD_SECONDS,
    source: 'https://developer.squareup.com/docs/oauth-api/refresh-revoke-limit-scope',
  },
  exchange: exchangeSquareCode,
};
