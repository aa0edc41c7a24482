/**
 * The store's Weebly client: ctx.http with the site's store path, the versioned Accept header and
 * X-Weebly-Access-Token; 401/403 become AuthError with Weebly's message.
 */
import { AuthError, type ConnectContext, type HttpClient, type HttpResponse } from '@stock-sync/plugin-sdk';
import { ACCEPT, API_PREFIX, DEFAULT_BASE_URL } from './manifest';
import { weeblyErrorMessage } from './weebly-types';

/** "Bad credentials return 401; repeated failures return 403": both mean the token does not work here. */
export function classifyWeeblyResponse(res: HttpResponse): { error?: AuthError } | undefined {
  if (res.status !== 401 && res.status !== 403) return undefined;
  const message = weeblyErrorMessage(res.data) ?? `HTTP ${res.status}`;
  return {
    error: new AuthError(`Weebly refused the access token for this site (${res.status}: ${message.slice(0, 200)})`, { status: res.status }),
  };
}

/** The API's origin (https://api.weebly.com, or the configured base URL's): redirects are followed only on it. */
export function apiOrigin(credentials: Readonly<Record<string, string>>): string {
  const root = (credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
  try {
    return new URL(root).origin;
  } catch {
    return root;
  }
}

export function createWeeblyApi(ctx: ConnectContext): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  const siteId = encodeURIComponent(ctx.credentials.siteId ?? '');
  return ctx.http.extend({
    baseURL: `${(ctx.credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '')}${API_PREFIX}/user/sites/${siteId}/store`,
    headers: { 'X-Weebly-Access-Token': token, Accept: ACCEPT, 'Content-Type': 'application/json' },
    classify: classifyWeeblyResponse,
    secrets: token ? [token] : [],
  });
}
