/**
 * The sandbox's Big Cartel OAuth side, on the testkit's kit (sources: ../../README.md "Connecting"):
 * - consent at /oauth/authorize (client_id, response_type=code, state, redirect_uri), redirect with code and
 *   state;
 * - token at /oauth/token: the standard grant (form, or JSON as some libraries send), client id and secret
 *   in the body; answer {access_token, token_type: "bearer", account_id} — account_id as the community
 *   strategy reads it (unverified);
 * - no expiry, no refresh grant (none documented);
 * - GET /v1/accounts (the documented way to find the account id);
 * - the account.deauthorized webhook as Big Cartel signs it (signedAccountDeauthorized), for the hub's tests.
 */
import { simHmacSha256 } from '@stock-sync/plugin-testkit/simulator';
import type { OAuthSimulatorConfig, SimOAuthApp, SimResponse, SimRoute } from '@stock-sync/plugin-testkit/simulator';
import { jsonApiError, missingHeaderRefusal } from './errors';
import type { BigCartelSimState } from './state';

/** Test values only: the sandbox's Big Cartel app. */
export const SANDBOX_OAUTH_APP: SimOAuthApp = {
  clientId: 'bc_sandbox_app_0000000000000000',
  clientSecret: 'bc_sandbox_secret_000000000000000000000000',
};

export const bigCartelOAuth: OAuthSimulatorConfig<BigCartelSimState> = {
  app: SANDBOX_OAUTH_APP,
  authorizePath: '/oauth/authorize',
  tokenPath: '/oauth/token',
  issueRefreshTokens: false,
  clientAuthentication: ['body'],
  encodings: ['form', 'json'],
  tokenAnswer: (issued, ctx) => ({
    status: 200,
    body: { access_token: issued.accessToken, token_type: 'bearer', account_id: Number(ctx.state.accountId) },
  }),
  // The platform's header checks apply to issued tokens as to the static one.
  checkRequest: missingHeaderRefusal,
  refused: () => jsonApiError(401, 'Invalid API credentials'),
};

/** GET /v1/accounts: the token's account, as a JSON:API collection. */
export const accountsRoute: SimRoute<BigCartelSimState> = {
  method: 'GET',
  path: '/v1/accounts',
  handle: (_req, ctx): SimResponse => ({
    status: 200,
    headers: { 'content-type': 'application/vnd.api+json' },
    body: {
      data: [
        { id: ctx.state.accountId, type: 'accounts', attributes: { subdomain: 'sandbox', store_name: 'Sandbox Shop', currency: 'USD' } },
      ],
    },
  }),
};

/** An account.deauthorized webhook as Big Cartel sends it: X-Webhook-Signature = hex HMAC-SHA256 of the body. */
export function signedAccountDeauthorized(
  accountId: string,
  app: SimOAuthApp = SANDBOX_OAUTH_APP,
): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({ account_id: accountId, type: 'account.deauthorized', payload: { id: accountId } });
  return { headers: { 'content-type': 'application/json', 'x-webhook-signature': simHmacSha256(app.clientSecret, body, 'hex') }, body };
}
