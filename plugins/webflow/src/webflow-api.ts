/**
 * The site's Data API v2 client: ctx.http with the base URL, the bearer token and Webflow's error
 * codes read into the SDK's taxonomy. The only I/O the plugin does goes through here.
 */
import { AuthError, Rejected, type ConnectContext, type HttpClient, type HttpResponse, type PluginError } from '@stock-sync/plugin-sdk';

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
 * Every v2 error body is `{code, message, externalReference, details}`:
 * - 401 (`not_authorized`, `invalid_credentials`) and 403 (`missing_scopes`) → AuthError with the code.
 * - 404 `collection_not_found`: the configured SKU collection id is wrong — the connection needs
 *   fixing, not the variant → AuthError (the store needs reconnecting), never a per-variant NotFound.
 * - 409 `ecommerce_not_enabled` → Rejected with that reason.
 * (`X-RateLimit-Remaining: 0` is declared in the manifest: `rateLimit.signals`, read by the SDK client.)
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
