/** The store's wc/v3 client: ctx.http at `{baseUrl or siteUrl}/wp-json/wc/v3` with HTTP Basic key:secret (README.md "Auth"). */
import { AuthError } from '@stock-sync/plugin-api';
import type { ConnectContext, HttpClient, HttpResponse } from '@stock-sync/plugin-api';
import { API_PREFIX } from './manifest';
import type { WooErrorBody } from './woo-types';

export function createWooApi(ctx: ConnectContext): HttpClient {
  const { consumerKey = '', consumerSecret = '', baseUrl, siteUrl } = ctx.credentials;
  const root = (baseUrl || siteUrl || '')
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/wp-json$/, '');
  const token = Buffer.from(`${consumerKey}:${consumerSecret}`, 'utf8').toString('base64');
  return ctx.http.extend({
    baseURL: `${root}${API_PREFIX}`,
    headers: { Authorization: `Basic ${token}`, Accept: 'application/json' },
    classify: classifyWooResponse,
    // The derived header value is as secret as the key and secret it encodes.
    secrets: [token, consumerKey, consumerSecret].filter((s) => s.length > 0),
  });
}

/**
 * 401/403 always mean the key (or its user) may not do this. The WordPress error body `{ code, message }` names
 * why; it never includes request data, so no secret can leak through it.
 */
function classifyWooResponse(res: HttpResponse): { error?: AuthError } | undefined {
  if (res.status !== 401 && res.status !== 403) return undefined;
  const d = (typeof res.data === 'object' && res.data !== null ? res.data : {}) as Partial<WooErrorBody>;
  const body = typeof d.code === 'string' && typeof d.message === 'string' ? d : undefined;
  const detail = body ? `${body.code}: ${body.message}` : `HTTP ${res.status}`;
  return { error: new AuthError(`WooCommerce rejected the API credentials (${detail})`, { status: res.status, code: body?.code }) };
}
