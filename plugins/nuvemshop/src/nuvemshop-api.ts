/**
 * The store's API client (README.md "Auth"): `Authentication: bearer` (not `Authorization`) and the User-Agent
 * without which the platform answers 400; its rate and error signals read into the SDK's taxonomy.
 */
import { AuthError, RateLimited } from '@stock-sync/plugin-api';
import { headerNumber } from '@stock-sync/plugin-sdk';
import type { ConnectContext, HttpClient, HttpResponse } from '@stock-sync/plugin-api';
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
 * 429: wait `x-rate-limit-reset` (ms until the bucket is empty, the only timing given), at least one leak.
 * 401/403, and 402 (store or app subscription unpaid: every call fails until the merchant pays) → AuthError.
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
