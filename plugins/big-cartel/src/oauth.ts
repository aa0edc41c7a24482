/**
 * Connecting a Big Cartel account by its authorization page (OAuth 2; facts, sources and what is unverified: README.md
 * "Connecting"): the SDK's standard authorize URL and code grant, the account id, no refresh (long-lived until revoked),
 * and the account.deauthorized (formerly account.closed) webhook, signed like every webhook (notices.ts).
 */
import { AuthError } from '@stock-sync/plugin-api';
import { idText, jsonObjectOf } from '@stock-sync/plugin-sdk';
import type {
  ConnectedStore,
  InboundRequest,
  OAuthApp,
  OAuthExchangeContext,
  PluginOAuth,
  TokenResponse,
  UninstallNotice,
} from '@stock-sync/plugin-api';
import { classifyBigCartelResponse } from './big-cartel-api';
import { DEFAULT_BASE_URL, JSON_API, USER_AGENT } from './manifest';
import { isSignedByApp, SIGNATURE_HEADER } from './notices';

/** GET /v1/accounts with the new token: the first account's id (a token is one account's). */
async function accountIdOf(ctx: OAuthExchangeContext, accessToken: string): Promise<string> {
  const host = (ctx.app.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
  const api = ctx.http.extend({
    headers: { Authorization: `Bearer ${accessToken}`, Accept: JSON_API, 'User-Agent': USER_AGENT },
    classify: classifyBigCartelResponse,
    secrets: [accessToken],
  });
  const res = await api.request<{ data?: Array<{ id?: unknown }> | { id?: unknown } }>({ method: 'GET', url: `${host}/v1/accounts` });
  const data = res.data?.data;
  const id = idText(Array.isArray(data) ? data[0]?.id : data?.id);
  if (!id) throw new AuthError('Big Cartel: GET /v1/accounts named no account for the new token');
  return id;
}

/** The standard code grant's answer → the account; its id from the answer, else from GET /v1/accounts. */
async function toConnectedStore(token: TokenResponse, ctx: OAuthExchangeContext): Promise<ConnectedStore> {
  const accessToken = token.access_token as string; // the SDK's exchange has checked it is a non-empty string
  const accountId = idText(token.account_id) ?? (await accountIdOf(ctx, accessToken));
  return { credentials: { accountId, accessToken }, externalStoreId: accountId };
}

const UNINSTALL_REASONS = new Map([
  ['account.deauthorized', 'access revoked on Big Cartel (account.deauthorized webhook)'],
  ['account.closed', 'account closed on Big Cartel (account.closed webhook)'],
]);

/** A verified account.deauthorized (or account.closed) webhook names the account; anything else is null. */
export function verifyUninstall(req: InboundRequest, app: OAuthApp): UninstallNotice | null {
  if (!isSignedByApp(req.rawBody, req.headers[SIGNATURE_HEADER], app.clientSecret)) return null;
  const b = jsonObjectOf(req);
  const accountId = idText(b?.account_id);
  const reason = typeof b?.type === 'string' ? UNINSTALL_REASONS.get(b.type) : undefined;
  return accountId && reason ? { externalStoreId: accountId, reason } : null;
}

export const oauth: PluginOAuth = {
  authorizeUrl: 'https://my.bigcartel.com/oauth/authorize',
  tokenUrl: 'https://api.bigcartel.com/oauth/token',
  scopes: [],
  tokenRequest: { clientAuthentication: 'body', encoding: 'form' },
  tokenLifetime: {
    // Not stated by Big Cartel; no expires_in or refresh token is documented (long-lived, unverified).
    source: 'https://help.bigcartel.com/developers/api/v1/oauth/',
  },
  toConnectedStore,
  verifyUninstall,
};
