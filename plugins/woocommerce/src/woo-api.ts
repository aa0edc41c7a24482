/**
 * The store's wc/v3 client: ctx.http with the site's base URL, HTTP Basic auth and WooCommerce's
 * error bodies read into the SDK's error taxonomy. The only I/O the plugin does goes through here.
 */
import type { ConnectContext, HttpClient, HttpResponse } from '@stock-sync/plugin-sdk';
import { AuthError } from '@stock-sync/plugin-sdk';
import { API_PREFIX } from './manifest';
import type { WooErrorBody } from './woo-types';

/** `{baseUrl or siteUrl}/wp-json/wc/v3`, tolerating a trailing slash or a pasted `/wp-json`. */
export function apiBaseUrl(credentials: Readonly<Record<string, string>>): string {
  const root = (credentials.baseUrl || credentials.siteUrl || '')
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/wp-json$/, '');
  return `${root}${API_PREFIX}`;
}

/**
 * Basic auth with key:secret — what WooCommerce documents for HTTPS. (Over plain http core expects
 * OAuth 1.0a; the only plain-http target is the loopback sandbox, which accepts Basic: README.md.)
 */
export function basicAuthValue(consumerKey: string, consumerSecret: string): string {
  return Buffer.from(`${consumerKey}:${consumerSecret}`, 'utf8').toString('base64');
}

export function createWooApi(ctx: ConnectContext): HttpClient {
  const { consumerKey = '', consumerSecret = '' } = ctx.credentials;
  const token = basicAuthValue(consumerKey, consumerSecret);
  return ctx.http.extend({
    baseURL: apiBaseUrl(ctx.credentials),
    headers: { Authorization: `Basic ${token}`, Accept: 'application/json' },
    classify: classifyWooResponse,
    // The derived header value is as secret as the key and secret it encodes.
    secrets: [token, consumerKey, consumerSecret].filter((s) => s.length > 0),
  });
}

/**
 * 401/403 from WooCommerce always mean the key (or its user) may not do this: wrong or deleted key,
 * wrong secret, a Read-only key writing, or a user without shop-manager rights. The code names which;
 * the message never includes request data, so no secret can leak through it.
 */
export function classifyWooResponse(res: HttpResponse): { error?: AuthError } | undefined {
  if (res.status !== 401 && res.status !== 403) return undefined;
  const body = wooErrorBody(res.data);
  const detail = body ? `${body.code}: ${body.message}` : `HTTP ${res.status}`;
  return { error: new AuthError(`WooCommerce rejected the API credentials (${detail})`, { status: res.status, code: body?.code }) };
}

export function wooErrorBody(data: unknown): WooErrorBody | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  return typeof d.code === 'string' && typeof d.message === 'string' ? (d as unknown as WooErrorBody) : undefined;
}
