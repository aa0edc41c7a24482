/**
 * The single-click app install (https://developer.bigcommerce.com/docs/integrations/apps/guide/auth), step by step with
 * its sources in README "Connecting": an unsigned auth callback without our `state`, a JSON token request that sends
 * the callback's `context` and `scope` back (the `exchange` quirk), a token that never expires.
 */
import { JsonWebTokenError, verify, type JwtPayload } from 'jsonwebtoken';
import { AuthError } from '@stock-sync/plugin-api';
import { oauthUrl, postTokenRequest, sandboxBase } from '@stock-sync/plugin-sdk';
import type { ConnectedStore, OAuthApp, OAuthExchangeContext, PluginOAuth } from '@stock-sync/plugin-api';

const LOGIN_ORIGIN = 'https://login.bigcommerce.com';
const TOKEN_REQUEST = { clientAuthentication: 'body', encoding: 'json' } as const;
/** The scopes the app profile must grant: Products modify (catalog variants) and Store Inventory modify (spec/*.yml). */
export const BIGCOMMERCE_OAUTH_SCOPES = Object.freeze(['store_v2_products', 'store_inventory']);
/** `stores/{STORE_HASH}`: the auth callback's and the token's `context`, the callback JWT's `sub`. */
const STORE = /^stores\/([A-Za-z0-9]+)$/;
const storeHashOf = (context: unknown): string | undefined => STORE.exec(typeof context === 'string' ? context : '')?.[1];

/** The granted scopes (space-separated) must include every scope the plugin's calls need. */
function requireScopes(granted: unknown, refusal: (missing: string) => string): void {
  const have = new Set((typeof granted === 'string' ? granted : '').split(/\s+/).filter(Boolean));
  const missing = BIGCOMMERCE_OAUTH_SCOPES.filter((s) => !have.has(s));
  if (missing.length > 0) throw new AuthError(refusal(missing.join(', ')));
}

async function exchangeBigCommerceCode(ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const { code, scope, context } = ctx.callback.query;
  if (!code || !context) throw new AuthError('the BigCommerce auth callback carries no code or context');
  if (!storeHashOf(context)) throw new AuthError('the BigCommerce auth callback’s context is not stores/{STORE_HASH}');
  // "validate the list of scopes to ensure that it matches the scopes currently configured in your app profile"
  requireScopes(scope, (missing) => `the BigCommerce app profile does not grant ${missing}: add the scope(s) and install again`);
  // An RFC 6749 refusal (a spent or unknown code) is an AuthError: the body BigCommerce sends is unverified.
  const token = await postTokenRequest({
    http: ctx.http,
    url: oauthUrl(`${LOGIN_ORIGIN}/oauth2/token`, {}, ctx.app).toString(),
    params: { code, context, scope, grant_type: 'authorization_code', redirect_uri: ctx.redirectUri },
    app: ctx.app,
    options: TOKEN_REQUEST,
    what: 'the BigCommerce code exchange',
    secrets: [code],
  });
  const accessToken = token.access_token;
  const storeHash = storeHashOf(token.context);
  if (typeof accessToken !== 'string' || accessToken === '' || !storeHash)
    throw new AuthError('BigCommerce answered the token request without an access_token and a stores/{STORE_HASH} context');
  if (storeHash !== storeHashOf(context)) throw new AuthError('BigCommerce issued the token for another store than the callback named');
  requireScopes(token.scope, (missing) => `the BigCommerce token lacks ${missing}: add the scope(s) to the app profile and install again`);
  // In a sandbox one origin (the simulator) serves the login host and the API.
  const sandbox = ctx.app.baseUrl ? sandboxBase(ctx.app.baseUrl) : undefined;
  const loginOrigin = sandbox ? `${sandbox.origin}${sandbox.prefix}` : LOGIN_ORIGIN;
  // `external_install`: "make a GET request to the install succeeded endpoint" (guide/buttons); a failure is only logged.
  if (ctx.callback.query.external_install !== undefined)
    await ctx.http
      .extend({ baseURL: loginOrigin })
      .request({ method: 'GET', url: `/app/${encodeURIComponent(ctx.app.clientId)}/install/succeeded` })
      .catch((e: Error) => ctx.log.warn('BigCommerce: could not report the external install as succeeded', { error: e.message }));
  return { credentials: { storeHash, accessToken, ...(sandbox ? { baseUrl: loginOrigin } : {}) }, externalStoreId: storeHash };
}

/** Clock skew tolerated on nbf/exp (seconds): BigCommerce's clock and ours. */
export const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * The `signed_payload_jwt` of the `load`, `uninstall` and `remove_user` callbacks (README "Uninstall";
 * https://developer.bigcommerce.com/docs/integrations/apps/guide/callbacks), verified as BigCommerce's own Node client
 * does: HS256 only (`none` and RS/ES refused), audience, issuer, nbf and exp; then the subject's form. Null when
 * missing, forged, for another app, not yet or no longer valid (jti: the same on a replay).
 */
export function verifySignedPayloadJwt(
  token: string | undefined,
  app: Pick<OAuthApp, 'clientId' | 'clientSecret'>,
  nowSeconds?: number,
): { storeHash: string; jti?: string; userId?: number; ownerId?: number } | null {
  if (!token || !app.clientSecret) return null;
  let claims: JwtPayload | string;
  try {
    claims = verify(token, app.clientSecret, {
      algorithms: ['HS256'],
      audience: app.clientId,
      issuer: 'bc',
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      ...(nowSeconds !== undefined ? { clockTimestamp: nowSeconds } : {}),
    });
  } catch (e) {
    if (e instanceof JsonWebTokenError) return null; // includes TokenExpiredError and NotBeforeError
    throw e;
  }
  const storeHash = typeof claims === 'string' ? undefined : storeHashOf(claims.sub);
  // exp is documented ("24 hours after nbf"): a token without one would never expire.
  if (typeof claims === 'string' || typeof claims.exp !== 'number' || !storeHash) return null;
  const user = claims.user as { id?: unknown } | undefined;
  const owner = claims.owner as { id?: unknown } | undefined;
  return {
    storeHash,
    ...(typeof claims.jti === 'string' ? { jti: claims.jti } : {}),
    ...(typeof user?.id === 'number' ? { userId: user.id } : {}),
    ...(typeof owner?.id === 'number' ? { ownerId: owner.id } : {}),
  };
}

export const bigcommerceOAuth: PluginOAuth = {
  // The install link's path holds the client id, which no template placeholder can fill: authorizeUrlFor builds it.
  authorizeUrl: `${LOGIN_ORIGIN}/app`,
  tokenUrl: `${LOGIN_ORIGIN}/oauth2/token`,
  scopes: BIGCOMMERCE_OAUTH_SCOPES,
  stateInCallback: false,
  tokenRequest: TOKEN_REQUEST,
  // BigCommerce takes the auth callback URL from the app profile; a sandbox simulator has none, so there only (the
  // operator's baseUrl set) the install link carries it as `redirect_uri`.
  authorizeUrlFor: ({ app, redirectUri }) => {
    const url = oauthUrl(`${LOGIN_ORIGIN}/app/{clientId}/install`, { clientId: app.clientId }, app);
    if (app.baseUrl && redirectUri) url.searchParams.set('redirect_uri', redirectUri);
    return url.toString();
  },
  exchange: exchangeBigCommerceCode,
  /** The `uninstall` callback: GET ?signed_payload_jwt=… (guide/callbacks), verified with the app's client secret. */
  verifyUninstall: (req, app) => {
    const claims = verifySignedPayloadJwt(req.query.signed_payload_jwt, app);
    if (!claims) return null;
    return { externalStoreId: claims.storeHash, reason: 'app uninstalled from the BigCommerce control panel (uninstall callback)' };
  },
};
