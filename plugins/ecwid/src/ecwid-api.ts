/** The store's REST v3 client (all the plugin's I/O): ctx.http with the base URL, the Bearer token, Ecwid's error codes. */
import { isJsonObject, authRefusalClassifier } from '@stock-sync/plugin-sdk';
import { AuthError } from '@stock-sync/plugin-api';
import type { ConnectContext, HttpClient, HttpResponse } from '@stock-sync/plugin-api';
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

/** Ecwid error bodies: `{ errorMessage, errorCode }`, or the batch-create example's `error_message` (README "Errors"). */
export function errorBodyOf(data: unknown): { errorMessage?: string; errorCode?: string } | undefined {
  if (!isJsonObject(data)) return undefined;
  const message =
    typeof data.errorMessage === 'string' ? data.errorMessage : typeof data.error_message === 'string' ? data.error_message : undefined;
  const code = typeof data.errorCode === 'string' ? data.errorCode : undefined;
  return message === undefined && code === undefined ? undefined : { errorMessage: message, errorCode: code };
}

/** 401 / 403 → AuthError; 404 STORE_NOT_FOUND too, a wrong store id (README "Errors"). The message carries Ecwid's code only. */
export function classifyEcwidResponse(res: HttpResponse): { error?: AuthError } | undefined {
  const code = errorBodyOf(res.data)?.errorCode;
  if (res.status === 404 && code === 'STORE_NOT_FOUND') {
    return { error: new AuthError('Ecwid has no store with this store id (STORE_NOT_FOUND)', { status: 404, code }) };
  }
  return refusedToken(res);
}

const refusedToken = authRefusalClassifier('Ecwid', (data) => errorBodyOf(data)?.errorCode, { reasonKey: 'code' });
