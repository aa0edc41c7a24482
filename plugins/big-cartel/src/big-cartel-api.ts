/**
 * The account's API client: ctx.http with `{baseUrl or https://api.bigcartel.com}/v1/accounts/{account_id}` (a
 * trailing slash or /v1 tolerated), the JSON:API headers and User-Agent Big Cartel requires, and OAuth Bearer or
 * (own store) HTTP Basic subdomain:password; an AuthError when neither is complete.
 */
import { AuthError } from '@stock-sync/plugin-api';
import type { ConnectContext, HttpClient, HttpResponse } from '@stock-sync/plugin-api';
import { DEFAULT_BASE_URL, JSON_API, USER_AGENT } from './manifest';

export function createBigCartelApi({ credentials: c, http }: ConnectContext): HttpClient | AuthError {
  const token = c.accessToken?.trim();
  const subdomain = c.subdomain?.trim();
  const basic = subdomain && c.password ? Buffer.from(`${subdomain}:${c.password}`, 'utf8').toString('base64') : undefined;
  if (!token && !basic) return new AuthError('Big Cartel needs an accessToken, or subdomain and password');
  const host = (c.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '').replace(/\/v1$/, '');
  return http.extend({
    baseURL: `${host}/v1/accounts/${encodeURIComponent((c.accountId ?? '').trim())}`,
    headers: {
      Authorization: token ? `Bearer ${token}` : `Basic ${basic}`,
      Accept: JSON_API,
      'Content-Type': JSON_API,
      'User-Agent': USER_AGENT,
    },
    classify: classifyBigCartelResponse,
    secrets: token ? [token] : [basic!, c.password],
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
