/**
 * The store's Storenvy client: ctx.http with the v1 root and the token as the `access_token` query
 * parameter (how every known client sends it); Storenvy's `{meta: {code, error_type, error_message}}`
 * error envelope (unverified) read into the SDK taxonomy. And the documented envelope and pagination, read
 * purely: "Responses are wrapped in an envelope … The data response will be in the "data" attribute" and "We
 * limit the number of responses for each request to 50 objects … Simply call the url in the next_url parameter
 * and we'll respond with the next set of data." (https://developers.storenvy.com/docs, "Response Structure",
 * "Pagination").
 */
import { authRefusalClassifier, type HttpClient } from '@stock-sync/plugin-sdk';

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
 * The next page's URL, only when it is safe to follow: an absolute http(s) URL on the same origin as the
 * API (the URL carries the access token), and not one already fetched (a loop). Otherwise undefined: the
 * listing ends there.
 */
export function nextPageUrl(body: unknown, apiRoot: string, seen: ReadonlySet<string>): string | undefined {
  const next = fieldOf(fieldOf(body, 'pagination'), 'next_url');
  if (typeof next !== 'string' || next.trim() === '' || !URL.canParse(next)) return undefined;
  const url = new URL(next);
  return url.origin !== new URL(apiRoot).origin || seen.has(url.toString()) ? undefined : url.toString();
}
