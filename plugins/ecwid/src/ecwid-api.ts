/**
 * The store's REST v3 client: ctx.http with the store's base URL, the Bearer token and Ecwid's error
 * codes read into the SDK taxonomy. The only I/O the plugin does goes through here.
 */
import { AuthError, type ConnectContext, type HttpClient, type HttpResponse } from '@stock-sync/plugin-sdk';
import { DEFAULT_BASE_URL } from './manifest';
import { errorBodyOf } from './ecwid-types';

/** `{baseUrl or https://app.ecwid.com}/api/v3/{storeId}`, tolerating a trailing slash. */
export function apiBaseUrl(credentials: Readonly<Record<string, string>>): string {
  const root = (credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
  return `${root}/api/v3/${encodeURIComponent((credentials.storeId ?? '').trim())}`;
}

export function createEcwidApi(ctx: ConnectContext): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  return ctx.http.extend({
    baseURL: apiBaseUrl(ctx.credentials),
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    classify: classifyEcwidResponse,
    secrets: token ? [token] : [],
  });
}

/**
 * 403 INVALID_API_TOKEN / INSUFFICIENT_APP_SCOPE and 401 → AuthError; 404 STORE_NOT_FOUND is a wrong
 * store id, i.e. credentials to fix, so AuthError too (not a missing variant). The message carries
 * Ecwid's code only, never request data.
 */
export function classifyEcwidResponse(res: HttpResponse): { error?: AuthError } | undefined {
  const body = errorBodyOf(res.data);
  if (res.status === 401 || res.status === 403) {
    return {
      error: new AuthError(`Ecwid refused the access token (${body?.errorCode ?? `HTTP ${res.status}`})`, {
        status: res.status,
        code: body?.errorCode,
      }),
    };
  }
  if (res.status === 404 && body?.errorCode === 'STORE_NOT_FOUND') {
    return { error: new AuthError('Ecwid has no store with this store id (STORE_NOT_FOUND)', { status: 404, code: body.errorCode }) };
  }
  return undefined;
}
