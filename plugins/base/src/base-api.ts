/** The store's BASE client: ctx.http with the API root and the Bearer token, BASE's error answers read into the taxonomy. */
import { AuthError, RateLimited, Rejected } from '@stock-sync/plugin-api';
import { parseRetryAfter } from '@stock-sync/plugin-sdk';
import type { ConnectContext, HttpClient, HttpResponse, PluginError } from '@stock-sync/plugin-api';
import { API_PREFIX, DEFAULT_BASE_URL } from './manifest';

/** The BASE API v1 item this plugin reads. */
export interface BaseItem {
  item_id: number;
  stock: number;
  variations: { variation_id: number; variation_stock: number }[];
}

export function itemOf(data: unknown): BaseItem | undefined {
  const item = typeof data === 'object' && data !== null ? (data as { item?: unknown }).item : undefined;
  return typeof item === 'object' && item !== null && typeof (item as BaseItem).item_id === 'number' ? (item as BaseItem) : undefined;
}

/**
 * Every error: HTTP 400 with `{ error, error_description }` (the description is Japanese text). A 4xx other than 429
 * with that body → its parts and `reason` (the two for messages, 200 characters at most); anything else → undefined.
 */
export function baseRefusal(res: HttpResponse): { error: string; error_description: string; reason: string } | undefined {
  if (res.status < 400 || res.status >= 500 || res.status === 429 || typeof res.data !== 'object' || res.data === null) return undefined;
  const d = res.data as Record<string, unknown>;
  if (typeof d.error !== 'string') return undefined;
  const description = typeof d.error_description === 'string' ? d.error_description : '';
  return { error: d.error, error_description: description, reason: `${d.error}: ${description}`.slice(0, 200) };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** BASE counts days in Japan time (UTC+9, no daylight saving). */
const JST_OFFSET_MS = 9 * HOUR_MS;

/** "00分になると利用回数がリセットされます": the hourly count resets on the hour. */
export function msUntilNextHour(now: number): number {
  return HOUR_MS - (now % HOUR_MS);
}

/** The daily count resets when the date changes (Japan time). */
export function msUntilNextJstDay(now: number): number {
  return DAY_MS - ((now + JST_OFFSET_MS) % DAY_MS);
}

/** "アクセストークンが無効です。" = "the access token is invalid" (an `invalid_request` like several others). */
const TOKEN_INVALID = /アクセストークン|access.?token/i;
const AUTH_CODES = new Set(['invalid_scope', 'access_denied', 'invalid_token', 'unauthorized']);

/**
 * BASE answers every refusal with HTTP 400, so the `error` code decides (README "Errors"); a Retry-After header,
 * when present, wins (BASE documents none, the sandbox sends one). Anything else is Rejected carrying BASE's code
 * in `details.error` for the connection to read.
 */
export function classifyBaseResponse(res: HttpResponse, now: number = Date.now()): { error?: PluginError } | undefined {
  const body = baseRefusal(res);
  if (!body) return undefined;
  const details = { status: res.status, error: body.error };
  if (body.error === 'hour_api_limit' || body.error === 'day_api_limit') {
    const header = parseRetryAfter(res.headers['retry-after'], now);
    const wait = header ?? (body.error === 'hour_api_limit' ? msUntilNextHour(now) : msUntilNextJstDay(now));
    return { error: new RateLimited(`BASE API call limit reached (${body.reason})`, wait, { ...details, retryAfterMs: wait }) };
  }
  const auth =
    res.status === 401 ||
    res.status === 403 ||
    AUTH_CODES.has(body.error) ||
    (body.error === 'invalid_request' && TOKEN_INVALID.test(body.error_description));
  if (auth) return { error: new AuthError(`BASE refused the access token (${body.reason})`, details) };
  return { error: new Rejected(`BASE refused the call (${body.reason})`, details) };
}

/** `now`: the clock the limit waits are computed from (injectable, so tests do not depend on the wall clock). */
export function createBaseApi(ctx: ConnectContext, now: () => number = Date.now): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  return ctx.http.extend({
    baseURL: `${(ctx.credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '')}${API_PREFIX}`,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    classify: (res) => classifyBaseResponse(res, now()),
    secrets: token ? [token] : [],
  });
}

/** BASE's own error code of a refusal the classifier produced (undefined for anything else). */
export function baseErrorCode(e: PluginError): string | undefined {
  return e instanceof Rejected && typeof e.details?.error === 'string' ? e.details.error : undefined;
}
