/** The store's REST v3 client (all the plugin's I/O): ctx.http with the base URL, the Bearer token, Ecwid's error codes. */
import { AuthError, authRefusalClassifier, type ConnectContext, type HttpClient, type HttpResponse } from '@stock-sync/plugin-sdk';
import { DEFAULT_BASE_URL } from './manifest';

export function createEcwidApi(ctx: ConnectContext): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  // `{baseUrl or https://app.ecwid.com}/api/v3/{storeId}`, tolerating a trailing slash.
  const root = (ctx.credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
  return ctx.http.extend({
    baseURL: `${root}/api/v3/${encodeURIComponent((ctx.credentials.storeId ?? '').trim())}`,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    classify: classifyEcwidResponse,
    secrets: token ? [token] : [],
  });
}

/**
 * Ecwid error bodies: `{ errorMessage, errorCode }` (errorCode on newer endpoints; the official Java client's
 * EcwidApiError). The legacy batch-create error example shows `error_message`: read too.
 */
export function errorBodyOf(data: unknown): { errorMessage?: string; errorCode?: string } | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  const message = typeof d.errorMessage === 'string' ? d.errorMessage : typeof d.error_message === 'string' ? d.error_message : undefined;
  const code = typeof d.errorCode === 'string' ? d.errorCode : undefined;
  return message === undefined && code === undefined ? undefined : { errorMessage: message, errorCode: code };
}

/**
 * 403 INVALID_API_TOKEN / INSUFFICIENT_APP_SCOPE and 401 → AuthError; 404 STORE_NOT_FOUND is a wrong store id,
 * i.e. credentials to fix, so AuthError too (not a missing variant). The message carries Ecwid's code only.
 */
export function classifyEcwidResponse(res: HttpResponse): { error?: AuthError } | undefined {
  const code = errorBodyOf(res.data)?.errorCode;
  if (res.status === 404 && code === 'STORE_NOT_FOUND') {
    return { error: new AuthError('Ecwid has no store with this store id (STORE_NOT_FOUND)', { status: 404, code }) };
  }
  return refusedToken(res);
}

const refusedToken = authRefusalClassifier('Ecwid', (data) => errorBodyOf(data)?.errorCode, { reasonKey: 'code' });
