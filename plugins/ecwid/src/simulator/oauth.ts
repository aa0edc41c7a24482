/**
 * The sandbox's Ecwid OAuth side, on the testkit's kit (sources: ../../README.md "Connecting"):
 * - consent at /api/oauth/authorize (client_id, redirect_uri, response_type=code, scope); the return URL
 *   carries code only — no state, as the document lists (code, or error=access_denied);
 * - token at /api/oauth/token: POST, form body, client id and secret in it (POST since March 2025);
 *   answer {access_token, token_type: "bearer", scope, store_id, email} as the document's example;
 * - tokens do not expire; no refresh grant;
 * - the application.uninstalled webhook as Ecwid signs it (signedApplicationUninstalled), for the hub's tests.
 * API requests carry the token as Bearer or ?token= (the platform's two forms).
 */
import { simHmacSha256 } from '@stock-sync/plugin-testkit/simulator';
import type { OAuthSimulatorConfig, SimOAuthApp, SimRequest } from '@stock-sync/plugin-testkit/simulator';
import { invalidToken } from './errors';
import type { EcwidSimState } from './state';

/** Test values only: the sandbox's Ecwid app. */
export const SANDBOX_OAUTH_APP: SimOAuthApp = { clientId: 'sandbox-ecwid-app', clientSecret: 'ecwid_sandbox_client_secret_000000000000' };

function presentedToken(req: SimRequest): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  return typeof req.query.token === 'string' ? req.query.token : undefined;
}

export function ecwidOAuth(storeId: string): OAuthSimulatorConfig<EcwidSimState> {
  return {
    app: SANDBOX_OAUTH_APP,
    authorizePath: '/api/oauth/authorize',
    tokenPath: '/api/oauth/token',
    issueRefreshTokens: false,
    clientAuthentication: ['body'],
    encodings: ['form'],
    prefixes: { accessToken: 'secret_' },
    readAccessToken: presentedToken,
    // A token is one store's: the store in the path must be the sandbox's, issued token or not.
    checkRequest(req) {
      const store = /^\/api\/v3\/([^/]+)/.exec(req.path)?.[1];
      return store !== undefined && store !== storeId ? invalidToken() : undefined;
    },
    approveParams: ({ code }) => ({ code }),
    deniedParams: () => ({ error: 'access_denied' }),
    tokenAnswer: (issued) => ({
      status: 200,
      body: {
        access_token: issued.accessToken,
        token_type: 'bearer',
        scope: issued.scope,
        store_id: Number(storeId),
        email: 'owner@sandbox.example',
      },
    }),
    refused: () => invalidToken(),
  };
}

/** An application.uninstalled webhook as Ecwid sends it, signed base64 HMAC-SHA256 of "{eventCreated}.{eventId}". */
export function signedApplicationUninstalled(
  storeId: string,
  at: Date,
  app: SimOAuthApp = SANDBOX_OAUTH_APP,
): { headers: Record<string, string>; body: string } {
  const eventId = `${at.getTime().toString(16)}-0000-4000-8000-ecwidsandbox`;
  const eventCreated = Math.floor(at.getTime() / 1000);
  const body = JSON.stringify({
    eventId,
    eventCreated,
    storeId: Number(storeId),
    entityId: String(storeId),
    eventType: 'application.uninstalled',
  });
  return {
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'x-ecwid-webhook-signature': simHmacSha256(app.clientSecret, `${eventCreated}.${eventId}`, 'base64'),
    },
    body,
  };
}
