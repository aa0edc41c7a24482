/**
 * The store's API client: ctx.http with the store's base URL, the platform's `Authentication: bearer`
 * header, the User-Agent it requires, and its rate and error signals read into the SDK's taxonomy.
 * The only I/O the plugin does goes through here.
 */
import {
  AuthError,
  headerNumber,
  RateLimited,
  type ConnectContext,
  type HttpClient,
  type HttpResponse,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import { API_VERSION, DEFAULT_API_HOST, USER_AGENT_APP } from './manifest';

/** A platform id: a positive integer, given to us as a string. */
export function parseNuvemId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,18}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Product and variant ids, or undefined when either cannot be a Nuvemshop id. */
export function nuvemIds(ref: VariantRef): { productId: number; variantId: number } | undefined {
  const productId = parseNuvemId(ref.externalProductId);
  const variantId = parseNuvemId(ref.externalVariantId);
  return productId === undefined || variantId === undefined ? undefined : { productId, variantId };
}

/** `{baseUrl or api host}/{version}/{store_id}`, tolerating a trailing slash on the override. */
export function apiBaseUrl(credentials: Readonly<Record<string, string>>): string {
  const host = (credentials.baseUrl || DEFAULT_API_HOST).trim().replace(/\/+$/, '');
  return `${host}/${API_VERSION}/${encodeURIComponent((credentials.storeId ?? '').trim())}`;
}

/** "App name (contact)": without it the platform answers 400. */
export function userAgent(credentials: Readonly<Record<string, string>>): string {
  const contact = (credentials.contact ?? '').trim() || 'https://github.com/stock-sync-hub';
  return `${USER_AGENT_APP} (${contact})`;
}

export function createNuvemshopApi(ctx: ConnectContext): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  return ctx.http.extend({
    baseURL: apiBaseUrl(ctx.credentials),
    headers: {
      // The platform's own header name (README "Making a request"); not `Authorization`.
      Authentication: `bearer ${token}`,
      'User-Agent': userAgent(ctx.credentials),
      Accept: 'application/json',
    },
    classify: classifyNuvemshopResponse,
    secrets: token ? [token] : [],
  });
}

/** One request leaks out of the bucket every 500 ms (2 req/s). */
const LEAK_MS = 500;

/**
 * - 429: wait `x-rate-limit-reset` (ms until the bucket is empty: the only timing the platform gives;
 *   conservative, never shorter than one leak).
 * (`x-rate-limit-remaining: 0` on any answer, the bucket full, is declared in the manifest: `rateLimit.signals`.)
 * - 401/403: the token is wrong, revoked (app uninstalled) or lacks a scope → AuthError.
 * - 402: the store or the app's subscription is unpaid; every call fails until it is paid. Not
 *   retryable and needs the merchant → AuthError (the store needs attention), with the reason.
 */
export function classifyNuvemshopResponse(res: HttpResponse): { error?: AuthError | RateLimited; pauseMs?: number } | undefined {
  const headers = res.headers ?? {};
  if (res.status === 429) {
    const reset = headerNumber(headers, 'x-rate-limit-reset');
    const wait = Math.max(LEAK_MS, reset ?? 0);
    return {
      error: new RateLimited(`Nuvemshop rate limit reached (leaky bucket full); waiting ${wait} ms`, wait, { status: 429 }),
      pauseMs: wait,
    };
  }
  if (res.status === 401 || res.status === 403 || res.status === 402) {
    // The platform's error body: `{ code, message, description }`.
    const body = typeof res.data === 'object' && res.data !== null ? (res.data as { message?: unknown; description?: unknown }) : {};
    const why = [body.message, body.description].filter((s) => typeof s === 'string' && s.length > 0).join(': ');
    const what =
      res.status === 402
        ? 'Nuvemshop suspended API access for this store (402 Payment Required: the store or the app subscription is unpaid)'
        : 'Nuvemshop rejected the access token';
    return { error: new AuthError(`${what}${why ? ` (${why})` : ''}`, { status: res.status }) };
  }
  return undefined;
}
