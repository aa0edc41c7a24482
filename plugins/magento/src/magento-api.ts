/**
 * The store's REST client: ctx.http with `{site}/rest/{store}/V1`, the Bearer token and Magento's
 * `{message, parameters}` errors read into the SDK's taxonomy.
 */
import { AuthError, type ConnectContext, type HttpClient, type HttpResponse } from '@stock-sync/plugin-sdk';
import type { MagentoErrorBody } from './magento-types';
import { DEFAULT_STORE_CODE } from './manifest';

export function apiBaseUrl(credentials: Readonly<Record<string, string>>): string {
  const root = (credentials.baseUrl || credentials.siteUrl || '')
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/rest(\/[^/]+)?(\/V1)?$/, '');
  const store = encodeURIComponent((credentials.storeCode || DEFAULT_STORE_CODE).trim());
  return `${root}/rest/${store}/V1`;
}

export function createMagentoApi(ctx: ConnectContext): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  return ctx.http.extend({
    baseURL: apiBaseUrl(ctx.credentials),
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    classify: classifyMagentoResponse,
    secrets: token ? [token] : [],
  });
}

export function magentoErrorBody(data: unknown): MagentoErrorBody | undefined {
  let d = data;
  if (typeof d === 'string') {
    try {
      d = JSON.parse(d);
    } catch {
      return undefined;
    }
  }
  return typeof d === 'object' && d !== null && typeof (d as MagentoErrorBody).message === 'string' ? (d as MagentoErrorBody) : undefined;
}

/** Magento's message with its %1 / %name placeholders filled in from `parameters`. */
export function renderMessage(body: MagentoErrorBody | undefined): string {
  if (!body) return '';
  const p = body.parameters;
  return body.message.replace(/%(\w+)/g, (m, key: string) => {
    const v = Array.isArray(p) ? p[Number(key) - 1] : p?.[key];
    return v === undefined ? m : String(v);
  });
}

/**
 * 401 is how Magento answers a missing, wrong or revoked token and a token whose integration lacks the ACL
 * resource ("The consumer isn't authorized to access %resources."); 403 is not used by these routes.
 */
export function classifyMagentoResponse(res: HttpResponse): { error?: AuthError } | undefined {
  if (res.status !== 401 && res.status !== 403) return undefined;
  const text = renderMessage(magentoErrorBody(res.data));
  return {
    error: new AuthError(`Magento refused the access token${text ? `: ${text}` : ` (HTTP ${res.status})`}`, { status: res.status }),
  };
}
