/**
 * The store's API client: ctx.http with `{api host or baseUrl}/{version}/{store_id}`, the platform's
 * `Authentication: bearer` header (README "Making a request"; not `Authorization`), the "App name (contact)"
 * User-Agent without which it answers 400, and its rate and error signals read into the SDK's taxonomy.
 */
import { AuthError, headerNumber, RateLimited, type ConnectContext, type HttpClient, type HttpResponse } from '@stock-sync/plugin-sdk';
import { API_VERSION, DEFAULT_API_HOST } from './manifest';

export function createNuvemshopApi(ctx: ConnectContext): HttpClient {
  const { accessToken: token = '', baseUrl, storeId = '', contact = '' } = ctx.credentials;
  const host = (baseUrl || DEFAULT_API_HOST).trim().replace(/\/+$/, '');
  return ctx.http.extend({
    baseURL: `${host}/${API_VERSION}/${encodeURIComponent(storeId.trim())}`,
    headers: {
      Authentication: `bearer ${token}`,
      'User-Agent': `StockSyncHub (${contact.trim() || 'https://github.com/stock-sync-hub'})`,
      Accept: 'application/json',
    },
    classify: classifyNuvemshopResponse,
    secrets: token ? [token] : [],
  });
}

/** One request leaks out of the bucket every 500 ms (2 req/s). */
const LEAK_MS = 500;

/**
 * - 429: wait `x-rate-limit-reset` (ms until the bucket is empty: the only timing the platform gives), never
 *   shorter than one leak. (`x-rate-limit-remaining: 0` on any answer is declared in `rateLimit.signals`.)
 * - 401/403: the token is wrong, revoked (app uninstalled) or lacks a scope → AuthError.
 * - 402: the store or the app's subscription is unpaid; every call fails until it is paid → AuthError (the
 *   store needs the merchant), with the reason from the `{ code, message, description }` body.
 */
export function classifyNuvemshopResponse(res: HttpResponse): { error?: AuthError | RateLimited; pauseMs?: number } | undefined {
  if (res.status === 429) {
    const wait = Math.max(LEAK_MS, headerNumber(res.headers ?? {}, 'x-rate-limit-reset') ?? 0);
    return {
      error: new RateLimited(`Nuvemshop rate limit reached (leaky bucket full); waiting ${wait} ms`, wait, { status: 429 }),
      pauseMs: wait,
    };
  }
  if (res.status !== 401 && res.status !== 403 && res.status !== 402) return undefined;
  const body = typeof res.data === 'object' && res.data !== null ? (res.data as { message?: unknown; description?: unknown }) : {};
  const why = [body.message, body.description].filter((s) => typeof s === 'string' && s.length > 0).join(': ');
  const what =
    res.status === 402
      ? 'Nuvemshop suspended API access for this store (402 Payment Required: the store or the app subscription is unpaid)'
      : 'Nuvemshop rejected the access token';
  return { error: new AuthError(`${what}${why ? ` (${why})` : ''}`, { status: res.status }) };
}
