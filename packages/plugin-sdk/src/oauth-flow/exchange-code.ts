/**
 * exchangeCode: an approved callback → the store's credentials. The plugin's `exchange` when the platform
 * departs from the standard; otherwise the RFC 6749 §4.1.3 authorization_code grant at `tokenUrl` (with the
 * PKCE code_verifier, RFC 7636 §4.5) and the plugin's `toConnectedStore`. In the sandbox (the app has a
 * `baseUrl`) the store's credentials get that `baseUrl` too, so its API calls reach the same simulator.
 */
import { AuthError, Rejected } from '../errors';
import type { ConnectedStore, OAuthExchangeContext, PluginOAuth } from '../oauth';
import { oauthUrl } from './oauth-url';
import { postTokenRequest } from './token-request';

/** A callback that says the merchant did not approve (RFC 6749 §4.1.2.1) is an AuthError naming the reason. */
function refusedConsent(query: Readonly<Record<string, string>>): AuthError | undefined {
  const error = query.error;
  if (error === undefined) return undefined;
  const description = query.error_description ? `: ${query.error_description.slice(0, 200)}` : '';
  return new AuthError(`the platform did not grant access (${error}${description})`, { error });
}

function checked(store: unknown): ConnectedStore {
  const s = store as Partial<ConnectedStore> | null;
  if (typeof s !== 'object' || s === null) throw new Rejected('the code exchange gave no connected store');
  if (typeof s.externalStoreId !== 'string' || s.externalStoreId === '') throw new Rejected('the code exchange gave no externalStoreId');
  if (typeof s.credentials !== 'object' || s.credentials === null) throw new Rejected('the code exchange gave no credentials');
  for (const [name, value] of Object.entries(s.credentials)) {
    if (typeof value !== 'string') throw new Rejected(`the code exchange gave a credential '${name}' that is not a string`);
  }
  return { externalStoreId: s.externalStoreId, credentials: { ...s.credentials } };
}

async function standardExchange(spec: PluginOAuth, ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  if (!spec.tokenUrl || !spec.toConnectedStore) throw new Error('this oauth part has neither exchange nor tokenUrl + toConnectedStore');
  const code = ctx.callback.query.code;
  if (!code) throw new AuthError('the callback carries no authorization code');
  const params: Record<string, string> = { grant_type: 'authorization_code', code, redirect_uri: ctx.redirectUri };
  if (spec.pkce === 'S256') {
    if (!ctx.codeVerifier) throw new Error('this platform requires PKCE: the exchange has no code verifier');
    params.code_verifier = ctx.codeVerifier;
  }
  const token = await postTokenRequest({
    http: ctx.http,
    url: oauthUrl(spec.tokenUrl, ctx.inputs, ctx.app).toString(),
    params,
    app: ctx.app,
    options: spec.tokenRequest,
    what: 'the authorization code exchange',
    secrets: [code, ...(ctx.codeVerifier ? [ctx.codeVerifier] : [])],
  });
  if (typeof token.access_token !== 'string' || token.access_token === '') {
    throw new Rejected('the platform answered the code exchange without an access_token');
  }
  return spec.toConnectedStore(token, ctx);
}

export async function exchangeCode(spec: PluginOAuth, ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const refused = refusedConsent(ctx.callback.query);
  if (refused) throw refused;
  const store = checked(spec.exchange ? await spec.exchange(ctx) : await standardExchange(spec, ctx));
  if (ctx.app.baseUrl && store.credentials.baseUrl === undefined) store.credentials.baseUrl = ctx.app.baseUrl;
  return store;
}
