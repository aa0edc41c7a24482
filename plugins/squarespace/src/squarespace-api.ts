/**
 * The store's Commerce API client: ctx.http with the base URL, the Bearer key, the User-Agent
 * Squarespace requires, and its rate-limit answer read into the SDK taxonomy.
 */
import { AuthError, RateLimited, type ConnectContext, type HttpClient, type HttpResponse, type PluginError } from '@stock-sync/plugin-sdk';
import { DEFAULT_BASE_URL, COMMERCE_PATH, RATE_LIMIT_COOLDOWN_MS, USER_AGENT } from './manifest';
import { errorBodyOf } from './squarespace-types';

export function apiBaseUrl(credentials: Readonly<Record<string, string>>): string {
  return `${(credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '')}${COMMERCE_PATH}`;
}

export function createSquarespaceApi(ctx: ConnectContext): HttpClient {
  const key = ctx.credentials.apiKey ?? '';
  return ctx.http.extend({
    baseURL: apiBaseUrl(ctx.credentials),
    headers: { Authorization: `Bearer ${key}`, 'User-Agent': USER_AGENT, Accept: 'application/json' },
    classify: classifySquarespaceResponse,
    secrets: key ? [key] : [],
  });
}

/**
 * 401/403 → AuthError with Squarespace's error type. A 429 without Retry-After means the documented
 * one-minute cool-down: the client is told to hold off that long (it then fails fast with
 * RateLimited and the orchestrator reschedules rather than sleeping through it).
 */
export function classifySquarespaceResponse(res: HttpResponse): { error?: PluginError; pauseMs?: number } | undefined {
  if (res.status === 401 || res.status === 403) {
    const body = errorBodyOf(res.data);
    return {
      error: new AuthError(`Squarespace refused the API key (${body?.type ?? `HTTP ${res.status}`})`, {
        status: res.status,
        type: body?.type,
      }),
    };
  }
  if (res.status === 429 && !res.headers['retry-after']) {
    return {
      error: new RateLimited('Squarespace rate limit reached (one-minute cool-down)', RATE_LIMIT_COOLDOWN_MS, { status: 429 }),
      pauseMs: RATE_LIMIT_COOLDOWN_MS,
    };
  }
  return undefined;
}
