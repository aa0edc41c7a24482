/**
 * The store's Storenvy client (README "Calls used", "Errors"): ctx.http with the v1 root and the token as the
 * `access_token` query parameter, the `{meta: {error_type, error_message}}` error envelope (unverified) quoted on
 * refusals; the documented envelope and pagination (https://developers.storenvy.com/docs), read purely.
 */
import { authRefusalClassifier } from '@stock-sync/plugin-sdk';
import type { HttpClient } from '@stock-sync/plugin-api';

const DEFAULT_BASE_URL = 'https://api.storenvy.com';

const fieldOf = (body: unknown, key: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;

export function storenvyErrorMessage(data: unknown): string | undefined {
  const meta = fieldOf(data, 'meta');
  const parts = [fieldOf(meta, 'error_type'), fieldOf(meta, 'error_message')].filter((x): x is string => typeof x === 'string' && x !== '');
  return parts.length ? parts.join(': ') : undefined;
}

export interface StorenvyApi {
  http: HttpClient;
  /** Query parameters every call carries. */
  auth: Record<string, string>;
  /** https://api.storenvy.com or the configured base URL: pagination links must stay on its origin. */
  root: string;
}

/** The client for one token: the store's (connect) or a new install's (the OAuth exchange, with the app's baseUrl). */
export function createStorenvyApi(http: HttpClient, token: string, baseUrl: string | undefined): StorenvyApi {
  const root = (baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
  return {
    http: http.extend({
      baseURL: `${root}/v1`,
      headers: { Accept: 'application/json' },
      classify: authRefusalClassifier('Storenvy', storenvyErrorMessage),
      secrets: token ? [token] : [],
    }),
    auth: { access_token: token },
    root,
  };
}

/** GET /v1/store.json: "Get the basic details of your Store" (store_read), the envelope as answered. */
export async function getStore(api: StorenvyApi): Promise<unknown> {
  return (await api.http.request({ method: 'GET', url: '/store.json', params: api.auth })).data;
}

/** `data[key]` of an envelope, or undefined. */
export function dataOf<T>(body: unknown, key: string): T | undefined {
  const data = fieldOf(body, 'data');
  return data && typeof data === 'object' && !Array.isArray(data) ? (fieldOf(data, key) as T | undefined) : undefined;
}

/**
 * The next page's URL, only when safe to follow: absolute http(s) on the API's origin (it carries the access
 * token) and not already fetched (a loop). Otherwise undefined: the listing ends there.
 */
export function nextPageUrl(body: unknown, apiRoot: string, seen: ReadonlySet<string>): string | undefined {
  const next = fieldOf(fieldOf(body, 'pagination'), 'next_url');
  if (typeof next !== 'string' || next.trim() === '' || !URL.canParse(next)) return undefined;
  const url = new URL(next);
  return url.origin !== new URL(apiRoot).origin || seen.has(url.toString()) ? undefined : url.toString();
}
