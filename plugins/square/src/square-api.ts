/**
 * The seller's Square client: ctx.http with the base URL, the Bearer token, the pinned Square-Version and
 * Square's `{errors:[{category, code, detail}]}` bodies read into the SDK's taxonomy.
 */
import { AuthError, type ConnectContext, type HttpClient, type HttpResponse } from '@stock-sync/plugin-sdk';
import { DEFAULT_BASE_URL, SQUARE_VERSION } from './manifest';
import type { SquareError } from './square-types';

export function apiBaseUrl(credentials: Readonly<Record<string, string>>): string {
  return (credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '').replace(/\/v2$/, '');
}

export function createSquareApi(ctx: ConnectContext): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  return ctx.http.extend({
    baseURL: apiBaseUrl(ctx.credentials),
    headers: {
      Authorization: `Bearer ${token}`,
      'Square-Version': SQUARE_VERSION,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    classify: classifySquareResponse,
    secrets: token ? [token] : [],
  });
}

export function squareErrors(data: unknown): SquareError[] {
  const errors = (data as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors)
    ? errors.filter((e): e is SquareError => typeof e === 'object' && e !== null && typeof (e as SquareError).code === 'string')
    : [];
}

/** `CODE: detail` of the first few errors; Square's details never echo the token. */
export function describeSquareErrors(errors: SquareError[]): string {
  return errors
    .slice(0, 3)
    .map((e) => `${e.code}${e.field ? ` (${e.field})` : ''}${e.detail ? `: ${e.detail}` : ''}`)
    .join('; ');
}

/**
 * 401 UNAUTHORIZED / ACCESS_TOKEN_EXPIRED / ACCESS_TOKEN_REVOKED and 403 INSUFFICIENT_SCOPES all need the
 * seller to reconnect: AuthError naming Square's code.
 */
export function classifySquareResponse(res: HttpResponse): { error?: AuthError } | undefined {
  if (res.status !== 401 && res.status !== 403) return undefined;
  const errors = squareErrors(res.data);
  const codes = errors.map((e) => e.code).join(', ');
  return {
    error: new AuthError(`Square refused the access token${codes ? ` (${codes})` : ` (HTTP ${res.status})`}`, {
      status: res.status,
      codes,
    }),
  };
}
