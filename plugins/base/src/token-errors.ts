/**
 * BASE's token endpoint (POST /1/oauth/token) refuses a grant in its own words, not RFC 6749's: every error is
 * HTTP 400 `{error, error_description}` and a spent, unknown or expired refresh token (or code) is
 * `invalid_request` with a Japanese description (base_api_v1_oauth_refresh_token.md, エラーレスポンスの例).
 * The SDK's grant classifier only knows invalid_grant / invalid_client / unauthorized_client, so this one reads
 * BASE's: a refusal a person can only fix by connecting the shop again is an AuthError carrying BASE's reason;
 * a malformed request of ours stays Rejected (reconnecting would not fix it).
 */
import { AuthError, type HttpResponse, type PluginError } from '@stock-sync/plugin-sdk';
import { baseErrorBody } from './base-types';

/** The documented descriptions that mean "this refresh token / code will never work again". */
const SPENT_GRANT = [
  '不正なリフレッシュトークンです。', // invalid refresh token
  'リフレッシュトークンの有効期限が切れています。', // refresh token expired
  '不正な認可コードです。', // invalid authorization code
  '認可コードの有効期限が切れています。', // authorization code expired
];

/** unauthorized_client: unknown or suspended client; access_denied: "ユーザーが存在しません。" (the user is gone). */
const REFUSED_CODES = new Set(['unauthorized_client', 'access_denied', 'invalid_grant', 'invalid_client']);

export function classifyBaseTokenResponse(res: HttpResponse): { error?: PluginError } | undefined {
  if (res.status < 400 || res.status >= 500 || res.status === 429) return undefined;
  const body = baseErrorBody(res.data);
  if (!body) return undefined;
  const spent = body.error === 'invalid_request' && SPENT_GRANT.includes(body.error_description);
  if (!spent && !REFUSED_CODES.has(body.error)) return undefined;
  const reason = `${body.error}: ${body.error_description}`.slice(0, 200);
  return {
    error: new AuthError(`BASE refused the token request (${reason}): connect the shop again`, { status: res.status, error: body.error }),
  };
}
