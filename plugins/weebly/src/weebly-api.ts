/** The store's Weebly client (ctx.http with the site's store path and headers) and Weebly's documented redirects. */
import { authRefusalClassifier } from '@stock-sync/plugin-sdk';
import { PluginError } from '@stock-sync/plugin-api';
import type { ConnectContext, HttpClient, HttpRequest, HttpResponse } from '@stock-sync/plugin-api';
import { ACCEPT, API_PREFIX, DEFAULT_BASE_URL } from './manifest';

/** The SKU fields the plugin reads (test/evidence/get-sku.json has them all). */
export interface WeeblySku {
  product_sku_id: string;
  /** How many are available; null = not tracked. */
  inventory: number | null;
}

/** "Bad credentials return 401; repeated failures return 403": both mean the token does not work here. */
export const classifyWeeblyResponse = authRefusalClassifier(
  'Weebly',
  // Weebly's error body (shape unverified): `{ error: { code, message } }`.
  (data) => {
    const e = typeof data === 'object' ? (data as { error?: string | { message?: unknown } } | null)?.error : undefined;
    return typeof e === 'string' ? e : typeof e?.message === 'string' ? e.message : undefined;
  },
  { credential: 'access token for this site' },
);

const root = (credentials: Readonly<Record<string, string>>) => (credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');

/** The API's origin (https://api.weebly.com, or the configured base URL's): redirects are followed only on it. */
export function apiOrigin(credentials: Readonly<Record<string, string>>): string {
  const base = root(credentials);
  return URL.canParse(base) ? new URL(base).origin : base;
}

export function createWeeblyApi(ctx: ConnectContext): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  return ctx.http.extend({
    baseURL: `${root(ctx.credentials)}${API_PREFIX}/user/sites/${encodeURIComponent(ctx.credentials.siteId ?? '')}/store`,
    headers: { 'X-Weebly-Access-Token': token, Accept: ACCEPT, 'Content-Type': 'application/json' },
    classify: classifyWeeblyResponse,
    secrets: token ? [token] : [],
  });
}

/*
 * Weebly's documented redirects (https://dev.weebly.com/pf_apis_about.html "HTTP Redirects"; README "Redirects"):
 * the identical call again, any method, only on the API's own origin and to a Location without a query string.
 */
const MAX_REDIRECTS = 3;

/** The URL an error says to call instead, when it is a redirect this plugin may follow; else undefined. */
export function redirectTarget(e: unknown, apiOrigin: string): string | undefined {
  if (!(e instanceof PluginError)) return undefined;
  const status = Number(e.details?.status);
  const location = e.details?.location;
  if (!(status >= 300 && status < 400) || typeof location !== 'string' || location.includes('?') || !URL.canParse(location))
    return undefined;
  const url = new URL(location);
  return url.origin === apiOrigin && !url.username && !url.password ? url.toString() : undefined;
}

/** api.request, making the identical call again to a redirect's Location (see above). */
export async function requestFollowingRedirects<T>(api: HttpClient, req: HttpRequest, apiOrigin: string): Promise<HttpResponse<T>> {
  for (let hop = 0, current = req; ; hop++) {
    try {
      return await api.request<T>(current);
    } catch (e) {
      const target = hop < MAX_REDIRECTS ? redirectTarget(e, apiOrigin) : undefined;
      if (!target) throw e;
      current = { ...current, url: target };
    }
  }
}
