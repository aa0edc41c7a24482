/**
 * Wix's Create Access Token (https://dev.wix.com/docs/rest/app-management/oauth-2/create-access-token):
 *   POST https://www.wixapis.com/oauth2/token, JSON
 *   {"grant_type": "client_credentials", "client_id": <app id>, "client_secret": <app secret>, "instance_id": <app instance id>}
 *   → {"access_token", "token_type": "Bearer", "expires_in": 14400}   ("Always 14400 (4 hours)")
 * Wix's OAuth for apps issues no refresh token: a new access token is created the same way whenever one is
 * needed, for as long as the app stays installed on the site. A refusal (the app was removed, or the app's
 * secret is wrong) is a 4xx whose codes the page does not list ("standard errors", unverified): every 4xx but 429
 * is read as a refused grant (AuthError with Wix's words), so the store goes to needs_reconnect.
 */
import {
  AuthError,
  expiresAtFrom,
  postTokenRequest,
  Transient,
  type HttpClient,
  type HttpResponse,
  type OAuthApp,
  type PluginError,
} from '@stock-sync/plugin-sdk';
import { DEFAULT_BASE_URL } from '../manifest';
import { wixErrorCode } from '../wix-api';

export const TOKEN_PATH = '/oauth2/token';
/** "Time the access token expires in seconds. Always 14400 (4 hours)." */
export const ACCESS_TOKEN_SECONDS = 14_400;

function wixWords(data: unknown): string {
  const d = (data ?? {}) as { message?: unknown; error?: unknown; error_description?: unknown };
  const text = [wixErrorCode(data), d.error, d.error_description, d.message].filter((x) => typeof x === 'string' && x !== '').join(': ');
  return text.slice(0, 200);
}

export function classifyCreateTokenResponse(res: HttpResponse): { error?: PluginError } | undefined {
  if (res.status < 400 || res.status >= 500 || res.status === 429) return undefined;
  const words = wixWords(res.data) || `HTTP ${res.status}`;
  return {
    error: new AuthError(`Wix refused to create an access token for the app instance (${words}): install the app on the site again`, {
      status: res.status,
    }),
  };
}

/** A new four-hour access token for one app instance: { accessToken, accessTokenExpiresAt }. */
export async function createAccessToken(
  http: HttpClient,
  app: OAuthApp,
  instanceId: string,
  baseUrl: string | undefined,
  now: () => number,
): Promise<{ accessToken: string; accessTokenExpiresAt: string }> {
  if (!instanceId) throw new AuthError('no Wix app instance id is stored for this site: install the app again');
  const origin = (baseUrl || app.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
  const token = await postTokenRequest({
    http: http.extend({ classify: classifyCreateTokenResponse }),
    url: `${origin}${TOKEN_PATH}`,
    params: { grant_type: 'client_credentials', instance_id: instanceId },
    app,
    options: { clientAuthentication: 'body', encoding: 'json' },
    what: 'the Wix access token creation',
    secrets: [],
  });
  const issuedAt = now();
  if (typeof token.access_token !== 'string' || token.access_token === '')
    throw new Transient('Wix answered Create Access Token without an access_token');
  return { accessToken: token.access_token, accessTokenExpiresAt: expiresAtFrom(token.expires_in ?? ACCESS_TOKEN_SECONDS, issuedAt)! };
}
