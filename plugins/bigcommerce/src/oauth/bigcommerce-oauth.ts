/**
 * How a merchant connects BigCommerce to the hub: the single-click app install
 * (https://developer.bigcommerce.com/docs/integrations/apps/guide/auth):
 *  1. the merchant is sent to the app's install link, https://login.bigcommerce.com/app/{CLIENT_ID}/install
 *     (guide/buttons), signs in to the store and accepts the scopes configured in the app profile (all of them:
 *     "merchants cannot pick and choose scopes");
 *  2. the browser calls the app's auth callback with ?code&scope&context=stores/{STORE_HASH}&account_uuid —
 *     no `state`: the callback cannot carry ours (`stateInCallback: false`: the host binds the state to a cookie);
 *  3. POST https://login.bigcommerce.com/oauth2/token, JSON {client_id, client_secret, code, context, scope,
 *     grant_type: "authorization_code", redirect_uri} → {access_token, scope, user, owner, context, account_uuid}
 *     — a quirk (`exchange`): the callback's `context` and `scope` go back in the request;
 *  4. the token does not expire ("permanent"; a scope change or the merchant's email change invalidates it and
 *     brings a fresh auth callback): no refresh.
 * The auth callback is not signed; the `uninstall` callback carries a signed JWT (signed-payload-jwt.ts).
 */
import {
  AuthError,
  oauthUrl,
  refusedGrantClassifier,
  sandboxBase,
  type AuthorizeRequest,
  type ConnectedStore,
  type InboundRequest,
  type OAuthApp,
  type OAuthExchangeContext,
  type PluginOAuth,
  type UninstallNotice,
} from '@stock-sync/plugin-sdk';
import { verifySignedPayloadJwt } from './signed-payload-jwt';

export const LOGIN_ORIGIN = 'https://login.bigcommerce.com';
export const TOKEN_URL = `${LOGIN_ORIGIN}/oauth2/token`;
/** The scopes the app profile must grant: Products modify (catalog variants) and Store Inventory modify (spec/*.yml). */
export const BIGCOMMERCE_OAUTH_SCOPES = Object.freeze(['store_v2_products', 'store_inventory']);

const CONTEXT = /^stores\/([A-Za-z0-9]+)$/;

/**
 * The install link of this app (guide/buttons: "Redirect anyone who presses your button to …/app/{CLIENT_ID}/install").
 * BigCommerce takes the auth callback URL from the app profile; a sandbox simulator has no profile, so in a sandbox
 * only (the operator's baseUrl set) the link carries it as `redirect_uri`. Real BigCommerce is never sent one.
 */
export function installUrl(app: OAuthApp, redirectUri?: string): string {
  const url = oauthUrl(`${LOGIN_ORIGIN}/app/{clientId}/install`, { clientId: app.clientId }, app);
  if (app.baseUrl && redirectUri) url.searchParams.set('redirect_uri', redirectUri);
  return url.toString();
}

/** Where the login host lives for this app: the operator's sandbox base (origin + prefix), else BigCommerce's. */
export function loginBase(app: Pick<OAuthApp, 'baseUrl'>): string {
  if (!app.baseUrl) return LOGIN_ORIGIN;
  const { origin, prefix } = sandboxBase(app.baseUrl);
  return `${origin}${prefix}`;
}

function storeHashOf(context: string | undefined): string | undefined {
  return CONTEXT.exec(context ?? '')?.[1];
}

/** The granted scopes (space-separated) must include every scope the plugin's calls need. */
export function missingScopes(granted: string | undefined): string[] {
  const have = new Set((granted ?? '').split(/\s+/).filter(Boolean));
  return BIGCOMMERCE_OAUTH_SCOPES.filter((s) => !have.has(s));
}

interface TokenAnswer {
  access_token?: unknown;
  scope?: unknown;
  context?: unknown;
}

export async function exchangeBigCommerceCode(ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const { code, scope, context } = ctx.callback.query;
  if (!code || !context) throw new AuthError('the BigCommerce auth callback carries no code or context');
  if (!storeHashOf(context)) throw new AuthError('the BigCommerce auth callback’s context is not stores/{STORE_HASH}');
  // "validate the list of scopes to ensure that it matches the scopes currently configured in your app profile"
  const missing = missingScopes(scope);
  if (missing.length > 0)
    throw new AuthError(`the BigCommerce app profile does not grant ${missing.join(', ')}: add the scope(s) and install again`);
  const loginOrigin = loginBase(ctx.app);
  const http = ctx.http.extend({
    baseURL: loginOrigin,
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    // An RFC 6749 refusal (a spent or unknown code) is an AuthError: the body BigCommerce sends is unverified.
    classify: refusedGrantClassifier('the BigCommerce code exchange'),
    secrets: [ctx.app.clientSecret, code],
  });
  const res = await http.request<TokenAnswer>({
    method: 'POST',
    url: '/oauth2/token',
    body: JSON.stringify({
      client_id: ctx.app.clientId,
      client_secret: ctx.app.clientSecret,
      code,
      context,
      scope,
      grant_type: 'authorization_code',
      redirect_uri: ctx.redirectUri,
    }),
  });
  const accessToken = res.data?.access_token;
  const storeHash = storeHashOf(typeof res.data?.context === 'string' ? res.data.context : undefined);
  if (typeof accessToken !== 'string' || accessToken === '' || !storeHash) {
    throw new AuthError('BigCommerce answered the token request without an access_token and a stores/{STORE_HASH} context');
  }
  if (storeHash !== storeHashOf(context)) throw new AuthError('BigCommerce issued the token for another store than the callback named');
  const granted = missingScopes(typeof res.data?.scope === 'string' ? res.data.scope : undefined);
  if (granted.length > 0)
    throw new AuthError(`the BigCommerce token lacks ${granted.join(', ')}: add the scope(s) to the app profile and install again`);
  if (ctx.callback.query.external_install !== undefined) await confirmExternalInstall(ctx, loginOrigin);
  const credentials: Record<string, string> = { storeHash, accessToken };
  // In a sandbox one origin serves the login host and the API (the simulator).
  if (ctx.app.baseUrl) credentials.baseUrl = loginOrigin;
  return { credentials, externalStoreId: storeHash };
}

/**
 * An install started from an external link "will send your auth callback endpoint an extra parameter called
 * external_install … make a GET request to the install succeeded endpoint" (guide/buttons). A failure here does
 * not undo a granted token: it is logged, and the store is connected.
 */
async function confirmExternalInstall(ctx: OAuthExchangeContext, loginOrigin: string): Promise<void> {
  try {
    await ctx.http
      .extend({ baseURL: loginOrigin })
      .request({ method: 'GET', url: `/app/${encodeURIComponent(ctx.app.clientId)}/install/succeeded` });
  } catch (e) {
    ctx.log.warn('BigCommerce: could not report the external install as succeeded', { error: (e as Error).message });
  }
}

/** The `uninstall` callback: GET ?signed_payload_jwt=… (guide/callbacks), verified with the app's client secret. */
export function verifyBigCommerceUninstall(req: InboundRequest, app: OAuthApp): UninstallNotice | null {
  const claims = verifySignedPayloadJwt(req.query.signed_payload_jwt, app);
  if (!claims) return null;
  return { externalStoreId: claims.storeHash, reason: 'app uninstalled from the BigCommerce control panel (uninstall callback)' };
}

export const bigcommerceOAuth: PluginOAuth = {
  // The install link's path holds the client id, which no template placeholder can fill: authorizeUrlFor builds it.
  authorizeUrl: `${LOGIN_ORIGIN}/app`,
  tokenUrl: TOKEN_URL,
  scopes: BIGCOMMERCE_OAUTH_SCOPES,
  stateInCallback: false,
  tokenRequest: { clientAuthentication: 'body', encoding: 'json' },
  authorizeUrlFor: (req: AuthorizeRequest) => installUrl(req.app, req.redirectUri),
  exchange: exchangeBigCommerceCode,
  verifyUninstall: verifyBigCommerceUninstall,
};
