/** The site's Data API v2 client (ctx.http with the base URL, the bearer token and Webflow's errors classified): the only I/O. */
import { AuthError, Rejected } from '@stock-sync/plugin-api';
import type { ConnectContext, HttpClient, HttpResponse, PluginError } from '@stock-sync/plugin-api';

/** `{baseUrl or https://api.webflow.com}/v2` (every path is under the Data API version), tolerating a trailing slash or a pasted `/v2`. */
export function apiBaseUrl(credentials: Readonly<Record<string, string>>): string {
  return `${(credentials.baseUrl || 'https://api.webflow.com').trim().replace(/\/+$/, '').replace(/\/v2$/, '')}/v2`;
}

export function createWebflowApi({ http, credentials }: Pick<ConnectContext, 'http' | 'credentials'>): HttpClient {
  const token = credentials.accessToken ?? '';
  return http.extend({
    baseURL: apiBaseUrl(credentials),
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    classify: classifyWebflowResponse,
    secrets: token ? [token] : [],
  });
}

/**
 * Webflow's `{code, message}` errors (README "Auth and errors"): 401/403 → AuthError; 404 `collection_not_found` → AuthError
 * (the configured SKU collection is wrong: the connection needs fixing, not the variant); 409 `ecommerce_not_enabled` → Rejected.
 */
export function classifyWebflowResponse(res: HttpResponse): { error?: PluginError } | undefined {
  const { status } = res;
  const body = res.data as { code?: unknown; message?: string } | null | undefined;
  const code = typeof body?.code === 'string' ? body.code : undefined;
  const message = code === undefined ? undefined : body?.message;
  const details = { status, code };
  let error: PluginError | undefined;
  if (status === 401 || status === 403)
    error = new AuthError(`Webflow refused the token (${status} ${code ?? 'no code'}: ${message ?? 'no message'})`, details);
  else if (status === 404 && code === 'collection_not_found')
    error = new AuthError(
      'Webflow has no such SKU collection on this site: check skuCollectionId (or leave it empty to look it up)',
      details,
    );
  else if (status === 409 && code === 'ecommerce_not_enabled')
    error = new Rejected('Webflow ecommerce is not enabled on this site (409 ecommerce_not_enabled)', details);
  return error && { error };
}
