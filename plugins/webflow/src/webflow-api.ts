/**
 * The site's Data API v2 client: ctx.http with the base URL, the bearer token and Webflow's error
 * codes read into the SDK's taxonomy. The only I/O the plugin does goes through here.
 */
import { AuthError, Rejected, type ConnectContext, type HttpClient, type HttpResponse, type PluginError } from '@stock-sync/plugin-sdk';
import { API_VERSION_PATH, DEFAULT_API_HOST } from './manifest';
import { webflowErrorBody } from './webflow-types';

/** `{baseUrl or https://api.webflow.com}/v2`, tolerating a trailing slash or a pasted `/v2`. */
export function apiBaseUrl(credentials: Readonly<Record<string, string>>): string {
  const host = (credentials.baseUrl || DEFAULT_API_HOST).trim().replace(/\/+$/, '').replace(/\/v2$/, '');
  return `${host}${API_VERSION_PATH}`;
}

export function createWebflowApi(ctx: ConnectContext): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  return ctx.http.extend({
    baseURL: apiBaseUrl(ctx.credentials),
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    classify: classifyWebflowResponse,
    secrets: token ? [token] : [],
  });
}

/**
 * - 401 (`not_authorized`, `invalid_credentials`) and 403 (`missing_scopes`) → AuthError with the code.
 * - 404 `collection_not_found`: the configured SKU collection id is wrong — the connection needs
 *   fixing, not the variant → AuthError (the store needs reconnecting), never a per-variant NotFound.
 * - 409 `ecommerce_not_enabled` → Rejected with that reason.
 * (`X-RateLimit-Remaining: 0` is declared in the manifest: `rateLimit.signals`, read by the SDK client.)
 */
export function classifyWebflowResponse(res: HttpResponse): { error?: PluginError } | undefined {
  const body = webflowErrorBody(res.data);
  const code = body?.code;
  if (res.status === 401 || res.status === 403) {
    return {
      error: new AuthError(`Webflow refused the token (${res.status} ${code ?? 'no code'}: ${body?.message ?? 'no message'})`, {
        status: res.status,
        code,
      }),
    };
  }
  if (res.status === 404 && code === 'collection_not_found') {
    return {
      error: new AuthError('Webflow has no such SKU collection on this site: check skuCollectionId (or leave it empty to look it up)', {
        status: 404,
        code,
      }),
    };
  }
  if (res.status === 409 && code === 'ecommerce_not_enabled') {
    return { error: new Rejected('Webflow ecommerce is not enabled on this site (409 ecommerce_not_enabled)', { status: 409, code }) };
  }
  return undefined;
}
