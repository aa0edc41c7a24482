/**
 * BASE's OAuth 2.0 side of the sandbox, on the testkit's OAuth kit with BASE's own paths and words
 * (base_api_v1_oauth_authorize.md, base_api_v1_oauth_access_token.md, base_api_v1_oauth_refresh_token.md):
 * - GET /1/oauth/authorize auto-approves (→ ?code&state) or, denied, answers ?error=access_denied&state;
 * - POST /1/oauth/token: authorization_code and refresh_token grants, client_id + client_secret in the body
 *   or by Basic authentication; the refresh grant requires redirect_uri (必須) like the code grant;
 * - answers {access_token, token_type: "bearer", expires_in: 3600, refresh_token}; a refresh token lives
 *   30 days; a refresh spends the one sent (BASE does not say: unverified, the strict reading);
 * - every refusal is HTTP 400 {error, error_description} with BASE's documented words, and an API call with
 *   an expired or revoked token answers BASE's invalid_request "アクセストークンが無効です。".
 */
import { withOAuth } from '@stock-sync/plugin-testkit/simulator';
import type {
  DefinitionWithOAuth,
  OAuthSimulatorConfig,
  PlatformSimulatorDefinition,
  SimResponse,
  SimRoute,
} from '@stock-sync/plugin-testkit/simulator';
import { ACCESS_TOKEN_SECONDS, OAUTH_TOKEN_PATH, REFRESH_TOKEN_SECONDS } from '../manifest';
import { baseError, ERRORS } from './errors';

export const OAUTH_AUTHORIZE_PATH = '/1/oauth/authorize';

/** The sandbox's BASE app (test values only: what the hub is configured with for the sandbox). */
export const SANDBOX_OAUTH_APP = { clientId: 'base_sandbox_client_id', clientSecret: 'base_sandbox_client_secret_test_only' };

/** The kit's RFC 6749 refusals in BASE's documented words (エラーレスポンスの例). */
export function baseTokenError(_status: number, error: string, description: string): SimResponse {
  const refresh = /refresh token/i.test(description);
  const expired = /expired/i.test(description);
  if (error === 'invalid_grant' && refresh)
    return baseError('invalid_request', expired ? 'リフレッシュトークンの有効期限が切れています。' : '不正なリフレッシュトークンです。');
  if (error === 'invalid_grant')
    return baseError('invalid_request', expired ? '認可コードの有効期限が切れています。' : '不正な認可コードです。');
  if (error === 'invalid_client') return baseError('unauthorized_client', 'クライアントが見つかりませんでした。');
  if (error === 'unsupported_grant_type') return baseError('invalid_request', '不正なgrant_typeです。');
  return baseError('invalid_request', '不正なパラメーターです。');
}

export function baseOAuthConfig<TState>(): OAuthSimulatorConfig<TState> {
  return {
    app: SANDBOX_OAUTH_APP,
    authorizePath: OAUTH_AUTHORIZE_PATH,
    tokenPath: OAUTH_TOKEN_PATH,
    accessTokenSeconds: ACCESS_TOKEN_SECONDS,
    refreshTokenSeconds: REFRESH_TOKEN_SECONDS,
    rotateRefreshTokens: true,
    pkce: 'optional',
    clientAuthentication: ['body', 'basic'],
    encodings: ['form'],
    prefixes: { code: '', accessToken: 'base_at_', refreshToken: 'base_rt_' },
    // The document's denied callback: ?error=access_denied&state=… (no description).
    deniedParams: (consent): Record<string, string> =>
      consent.state === undefined ? { error: 'access_denied' } : { error: 'access_denied', state: consent.state },
    tokenAnswer: (t) => ({
      status: 200,
      body: { access_token: t.accessToken, token_type: 'bearer', expires_in: t.expiresIn, refresh_token: t.refreshToken },
    }),
    errorAnswer: baseTokenError,
    refused: () => ERRORS.invalidToken(),
  };
}

function formField(body: unknown, name: string): string | undefined {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** BASE lists redirect_uri as 必須 for the refresh grant too; the kit does not, so the route checks it first. */
function requireRedirectUriOnRefresh<TState>(route: SimRoute<TState>): SimRoute<TState> {
  return {
    ...route,
    handle(req, ctx) {
      if (formField(req.body, 'grant_type') === 'refresh_token' && formField(req.body, 'redirect_uri') === undefined) {
        return baseError('invalid_request', '不正なパラメーターです。');
      }
      return route.handle(req, ctx);
    },
  };
}

export function withBaseOAuth<TState>(def: PlatformSimulatorDefinition<TState>): DefinitionWithOAuth<TState> {
  const mounted = withOAuth(def, baseOAuthConfig<TState>());
  return {
    ...mounted,
    routes: mounted.routes.map((r) => (r.path === OAUTH_TOKEN_PATH && r.method === 'POST' ? requireRedirectUriOnRefresh(r) : r)),
  };
}
