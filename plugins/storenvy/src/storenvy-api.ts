/**
 * The store's Storenvy client: ctx.http with the v1 root and the token as the `access_token` query
 * parameter (how every known client sends it); Storenvy's `{meta: {code, error_type, error_message}}`
 * error envelope (unverified) read into the SDK taxonomy.
 */
import { AuthError, type ConnectContext, type HttpClient, type HttpResponse } from '@stock-sync/plugin-sdk';
import { API_PREFIX, DEFAULT_BASE_URL } from './manifest';

export function storenvyErrorMessage(data: unknown): string | undefined {
  const meta =
    typeof data === 'object' && data !== null ? (data as { meta?: { error_type?: unknown; error_message?: unknown } }).meta : undefined;
  if (!meta || typeof meta !== 'object') return undefined;
  const parts = [meta.error_type, meta.error_message].filter((x): x is string => typeof x === 'string' && x !== '');
  return parts.length ? parts.join(': ') : undefined;
}

export function classifyStorenvyResponse(res: HttpResponse): { error?: AuthError } | undefined {
  if (res.status !== 401 && res.status !== 403) return undefined;
  const message = storenvyErrorMessage(res.data) ?? `HTTP ${res.status}`;
  return { error: new AuthError(`Storenvy refused the access token (${message.slice(0, 200)})`, { status: res.status }) };
}

export interface StorenvyApi {
  http: HttpClient;
  /** Query parameters every call carries. */
  auth: Record<string, string>;
  /** The API's origin (https://api.storenvy.com, or the configured base URL's): pagination links must stay on it. */
  origin: string;
}

export function createStorenvyApi(ctx: ConnectContext): StorenvyApi {
  const token = ctx.credentials.accessToken ?? '';
  const root = (ctx.credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
  const http = ctx.http.extend({
    baseURL: `${root}${API_PREFIX}`,
    headers: { Accept: 'application/json' },
    classify: classifyStorenvyResponse,
    secrets: token ? [token] : [],
  });
  let origin = root;
  try {
    origin = new URL(root).origin;
  } catch {
    // An unreadable base URL fails on the first request with the SDK's own error.
  }
  return { http, auth: { access_token: token }, origin };
}
