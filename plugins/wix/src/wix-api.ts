/**
 * The site's Wix REST client: ctx.http with the base URL, the token in Authorization (Wix takes it
 * as is), wix-site-id for API keys, and 401/403 read into AuthError.
 */
import { AuthError, type ConnectContext, type HttpClient } from '@stock-sync/plugin-sdk';
import { DEFAULT_BASE_URL } from './manifest';

/** The code of Wix's error envelope `{ message, details: { applicationError: { code, description } } }`. */
export function wixErrorCode(data: unknown): string | undefined {
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  const code = (data as { details?: { applicationError?: { code?: unknown } } } | null)?.details?.applicationError?.code;
  return typeof code === 'string' ? code : undefined;
}

export function createWixApi(ctx: ConnectContext): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  const headers: Record<string, string> = { Authorization: token, Accept: 'application/json' };
  if (ctx.credentials.siteId) headers['wix-site-id'] = ctx.credentials.siteId;
  return ctx.http.extend({
    baseURL: (ctx.credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, ''),
    headers,
    classify(res) {
      if (res.status !== 401 && res.status !== 403) return undefined;
      const code = wixErrorCode(res.data);
      return { error: new AuthError(`Wix refused the access token (${code ?? `HTTP ${res.status}`})`, { status: res.status, code }) };
    },
    secrets: token ? [token] : [],
  });
}
