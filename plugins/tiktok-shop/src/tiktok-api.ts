/**
 * The store's TikTok Shop client: ctx.http with the base URL and access-token header, every ATTEMPT signed through
 * the SDK's per-attempt sign hook (README "Signing"), and TikTok's `{code, message}` answers read into the SDK's
 * error taxonomy; below, the response shapes the plugin reads.
 */
import { AuthError, NotFound, RateLimited, Rejected } from '@stock-sync/plugin-api';
import { hmacSha256 } from '@stock-sync/plugin-sdk';
import type { ConnectContext, HttpRequest, HttpResponse, PluginError } from '@stock-sync/plugin-api';
import { API_VERSION, DEFAULT_BASE_URL } from './manifest';

/** Every answer: `code` 0 is success; anything else names the failure, HTTP status or not. */
export interface TikTokEnvelope<T> {
  code: number;
  message: string;
  request_id?: string;
  data?: T | null;
}

export function isEnvelope(data: unknown): data is TikTokEnvelope<unknown> {
  return typeof data === 'object' && data !== null && typeof (data as { code?: unknown }).code === 'number';
}

export interface TikTokShop {
  id: string;
  name: string;
  region: string;
  cipher: string;
}

export interface InventoryUpdateError {
  code: number;
  message: string;
  detail?: { sku_id?: string; extra_errors?: { code?: number; message?: string }[] };
}

export interface InventoryUpdateData {
  errors?: InventoryUpdateError[];
}

export interface InventorySku {
  id: string;
  /** Across all warehouses, including campaign and creator inventory: not what Update Inventory sets (never read). */
  total_available_quantity: number;
  warehouse_inventory: { warehouse_id: string; available_quantity: number }[];
}

export interface InventorySearchData {
  inventory?: { product_id: string; skus: InventorySku[] }[];
}

/** The string step 4 produces; exported so tests can check each step. */
export function stringToSign(appSecret: string, path: string, query: Readonly<Record<string, string>>, body: string): string {
  const params = Object.keys(query)
    .filter((k) => k !== 'sign' && k !== 'access_token')
    .sort()
    .map((k) => `${k}${query[k]}`)
    .join('');
  return `${appSecret}${path}${params}${body}${appSecret}`;
}

export function signRequest(appSecret: string, path: string, query: Readonly<Record<string, string>>, body: string): string {
  return hmacSha256(appSecret, stringToSign(appSecret, path, query, body), 'hex');
}

/** Throttled: "Too many requests" (integrators' reports; unverified, README "Fact table"). */
const CODE_TOO_MANY_REQUESTS = 36009002;

export interface CallOptions {
  body?: unknown;
  /** Shop-scoped APIs (product, inventory) need shop_cipher; the authorisation API does not. */
  shopScoped?: boolean;
  /** Absolute writes may be sent again after an ambiguous failure. */
  idempotent?: boolean;
}

export interface TikTokApi {
  /** Resolves with TikTok's envelope for a 2xx answer (its `code` may still be non-zero). */
  call<T>(method: 'GET' | 'POST', path: string, options?: CallOptions): Promise<TikTokEnvelope<T>>;
}

/** TikTok's code and (shortened) message, for error messages. */
export function describe(env: TikTokEnvelope<unknown>): string {
  return `${env.code}: ${String(env.message ?? '').slice(0, 200)}`;
}

/**
 * The code in the body names the failure, whatever the status (README "Errors"); 5xx are left to the SDK
 * (Transient, retried), a 429 too (its Retry-After logic).
 */
export function classifyTikTokResponse(res: HttpResponse): { error?: PluginError } | undefined {
  const env = res.data;
  if (!isEnvelope(env) || env.code === 0 || res.status >= 500) return undefined;
  const details = { status: res.status, code: env.code, requestId: env.request_id };
  // 105xxx are access-token errors (105002 "expired credentials"), 106xxx app / signature errors (106001 "Invalid
  // credentials. The 'sign' query parameter is invalid", seen with HTTP 401).
  if (res.status === 401 || res.status === 403 || (env.code >= 105000 && env.code < 107000)) {
    return { error: new AuthError(`TikTok Shop rejected the app credentials or access token (${describe(env)})`, details) };
  }
  if (env.code === CODE_TOO_MANY_REQUESTS && res.status !== 429) {
    return { error: new RateLimited(`TikTok Shop throttled the call (${describe(env)})`, 1_000, details) };
  }
  if (res.status === 404) return { error: new NotFound(`TikTok Shop: not found (${describe(env)})`, details) };
  if (res.status >= 400 && res.status !== 429) return { error: new Rejected(`TikTok Shop refused the call (${describe(env)})`, details) };
  return undefined;
}

/** Signs one attempt (the SDK client's `sign` hook): a fresh `timestamp`, so a retry never carries a 5-minute-old one. */
export function tiktokSigner(appSecret: string, now: () => number = Date.now): (req: HttpRequest) => HttpRequest {
  return (req) => {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.params ?? {})) if (v !== undefined && k !== 'sign' && k !== 'timestamp') query[k] = String(v);
    query.timestamp = String(Math.floor(now() / 1000));
    const body = typeof req.body === 'string' ? req.body : '';
    return { ...req, params: { ...query, sign: signRequest(appSecret, req.url, query, body) } };
  };
}

export function createTikTokApi(ctx: ConnectContext, now: () => number = Date.now): TikTokApi {
  const { appKey = '', appSecret = '', accessToken = '', shopCipher = '' } = ctx.credentials;
  const http = ctx.http.extend({
    baseURL: (ctx.credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, ''),
    headers: { 'x-tts-access-token': accessToken, 'content-type': 'application/json', accept: 'application/json' },
    classify: classifyTikTokResponse,
    secrets: [appSecret, accessToken].filter((s) => s.length > 0),
    sign: tiktokSigner(appSecret, now),
  });

  return {
    async call<T>(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<TikTokEnvelope<T>> {
      // The body is signed as sent, so it is serialised once here and sent as that exact string.
      const body = options.body === undefined ? '' : JSON.stringify(options.body);
      const query: Record<string, string> = { app_key: appKey };
      if (options.shopScoped) query.shop_cipher = shopCipher;
      const res = await http.request<unknown>({
        method,
        url: path,
        params: query,
        body: body || undefined,
        idempotent: options.idempotent,
      });
      if (!isEnvelope(res.data)) {
        throw new Rejected(`TikTok Shop answered ${method} ${path} with something that is not an API response (HTTP ${res.status})`, {
          status: res.status,
        });
      }
      return res.data as TikTokEnvelope<T>;
    },
  };
}

/** Get Authorized Shops: the shops the access token may act for, each with its `cipher` and `id`. */
export async function authorizedShops(api: TikTokApi): Promise<TikTokShop[]> {
  const env = await api.call<{ shops?: TikTokShop[] }>('GET', `/authorization/${API_VERSION}/shops`);
  if (env.code !== 0) throw new Rejected(`TikTok Shop refused Get Authorized Shops (${describe(env)})`, { code: env.code });
  return env.data?.shops ?? [];
}
