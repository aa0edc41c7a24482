/**
 * The account's API client: ctx.http with the base URL, the JSON:API headers and User-Agent Big Cartel
 * requires, and either OAuth Bearer or (own store) HTTP Basic auth.
 */
import { AuthError, type ConnectContext, type HttpClient, type HttpResponse } from '@stock-sync/plugin-sdk';
import { DEFAULT_BASE_URL, JSON_API, USER_AGENT } from './manifest';

/** `{baseUrl or https://api.bigcartel.com}/v1/accounts/{account_id}`, tolerating a trailing slash. */
export function accountBaseUrl(credentials: Readonly<Record<string, string>>): string {
  const host = (credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${host}/v1/accounts/${encodeURIComponent((credentials.accountId ?? '').trim())}`;
}

/** Bearer when an OAuth token is given, else Basic subdomain:password; undefined when neither is complete. */
export function authorizationValue(credentials: Readonly<Record<string, string>>): { header: string; secrets: string[] } | undefined {
  const token = credentials.accessToken?.trim();
  if (token) return { header: `Bearer ${token}`, secrets: [token] };
  const subdomain = credentials.subdomain?.trim();
  const password = credentials.password ?? '';
  if (!subdomain || !password) return undefined;
  const basic = Buffer.from(`${subdomain}:${password}`, 'utf8').toString('base64');
  return { header: `Basic ${basic}`, secrets: [basic, password] };
}

export function createBigCartelApi(ctx: ConnectContext): HttpClient | AuthError {
  const auth = authorizationValue(ctx.credentials);
  if (!auth) return new AuthError('Big Cartel needs an accessToken, or subdomain and password');
  return ctx.http.extend({
    baseURL: accountBaseUrl(ctx.credentials),
    headers: { Authorization: auth.header, Accept: JSON_API, 'Content-Type': JSON_API, 'User-Agent': USER_AGENT },
    classify: classifyBigCartelResponse,
    secrets: auth.secrets,
  });
}

/**
 * 401 → AuthError (the SDK does that too; here with Big Cartel's words). 402 "Request Failed - valid
 * parameters, but the request failed" is left to the SDK (Rejected): the docs do not tie it to billing.
 */
export function classifyBigCartelResponse(res: HttpResponse): { error?: AuthError } | undefined {
  if (res.status !== 401) return undefined;
  return { error: new AuthError('Big Cartel rejected the API credentials (401 Unauthorized - invalid API credentials)', { status: 401 }) };
}
