/**
 * The platform of the hub's `oauth-shop` test fixture (test/oauth/fixtures/plugins/oauth-shop): a consent
 * route that auto-approves (or denies, on request) and redirects to the hub with a signed query, a token route
 * (authorization_code with PKCE S256 and client authentication; refresh_token with rotation), expiring access
 * tokens on a movable clock, and the store API (/verify, /stock) that refuses expired tokens. The plugins'
 * own simulators (the testkit's OAuth kit) are exercised by oauth-*.test.ts in test/e2e; this fake keeps the
 * hub's own rules testable without any plugin build.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_APP = { clientId: 'oauth-shop-client-id', clientSecret: 'oauth_shop_client_secret_0123456789' };

interface IssuedCode {
  shop: string;
  redirectUri: string;
  challenge: string;
  used: boolean;
}

export interface FakeOAuthPlatform {
  baseUrl: string;
  /** Every code, access token and refresh token handed out (the secrets grep looks for them). */
  issued: { codes: string[]; accessTokens: string[]; refreshTokens: string[] };
  /** Access token → expiry (ms on the platform clock). */
  accessTokens: Map<string, number>;
  refreshTokens: Set<string>;
  writes: Array<{ token: string; changes: unknown[] }>;
  refusedCalls: number;
  refreshes: number;
  /** Moves the platform's clock (token expiry). */
  advance(ms: number): void;
  now(): number;
  /** The next consent answers error=access_denied. */
  denyNext(): void;
  /** Every refresh token is refused from now on (the merchant revoked the app). */
  revokeRefreshTokens(): void;
  /** The signed query the platform adds to a callback. */
  signedCallbackQuery(params: Record<string, string>): Record<string, string>;
  /** A signed uninstall notice body and header. */
  uninstallNotice(shop: string): { body: string; headers: Record<string, string> };
  close(): Promise<void>;
}

const TOKEN_SECONDS = 3600;

function sign(params: Record<string, string>): string {
  const message = Object.keys(params)
    .filter((k) => k !== 'hmac')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return createHmac('sha256', FAKE_APP.clientSecret).update(message, 'utf8').digest('hex');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeOAuthPlatform(): Promise<FakeOAuthPlatform> {
  let offset = 0;
  let deny = false;
  let counter = 0;
  const codes = new Map<string, IssuedCode>();
  const platform: Omit<FakeOAuthPlatform, 'baseUrl' | 'close'> = {
    issued: { codes: [], accessTokens: [], refreshTokens: [] },
    accessTokens: new Map(),
    refreshTokens: new Set(),
    writes: [],
    refusedCalls: 0,
    refreshes: 0,
    advance: (ms) => void (offset += ms),
    now: () => Date.now() + offset,
    denyNext: () => void (deny = true),
    revokeRefreshTokens: () => platform.refreshTokens.clear(),
    signedCallbackQuery: (params) => ({ ...params, hmac: sign(params) }),
    uninstallNotice: (shop) => {
      const body = JSON.stringify({ shop });
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'x-oauth-shop-hmac-sha256': createHmac('sha256', FAKE_APP.clientSecret).update(body).digest('base64'),
        },
      };
    },
  };
  const next = (kind: string) => `oauth_shop_${kind}_${(++counter).toString().padStart(6, '0')}_${Math.random().toString(36).slice(2, 10)}`;
  const tokens = () => {
    const access = next('access');
    const refresh = next('refresh');
    platform.accessTokens.set(access, platform.now() + TOKEN_SECONDS * 1000);
    platform.refreshTokens.add(refresh);
    platform.issued.accessTokens.push(access);
    platform.issued.refreshTokens.push(refresh);
    return { access_token: access, refresh_token: refresh, expires_in: TOKEN_SECONDS, token_type: 'Bearer' };
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const bearerOk = (req: IncomingMessage) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const until = token ? platform.accessTokens.get(token) : undefined;
    if (until === undefined || platform.now() >= until) {
      platform.refusedCalls++;
      return undefined;
    }
    return token;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const q = Object.fromEntries(url.searchParams);
      if (req.method === 'GET' && url.pathname === '/authorize') {
        const target = new URL(q.redirect_uri!);
        const shop = q.shop ?? 'unknown';
        if (q.client_id !== FAKE_APP.clientId || q.response_type !== 'code' || q.code_challenge_method !== 'S256' || !q.code_challenge) {
          return json(res, 400, { error: 'invalid_request' });
        }
        if (deny) {
          deny = false;
          for (const [k, v] of Object.entries({ error: 'access_denied', state: q.state! })) target.searchParams.set(k, v);
        } else {
          const code = next('code');
          platform.issued.codes.push(code);
          codes.set(code, { shop, redirectUri: q.redirect_uri!, challenge: q.code_challenge!, used: false });
          const params = platform.signedCallbackQuery({
            code,
            shop,
            state: q.state!,
            timestamp: String(Math.floor(platform.now() / 1000)),
          });
          for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
        }
        res.writeHead(302, { location: target.toString() });
        return res.end();
      }
      if (req.method === 'POST' && url.pathname === '/token') {
        const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
        if (form.client_id !== FAKE_APP.clientId || form.client_secret !== FAKE_APP.clientSecret)
          return json(res, 401, { error: 'invalid_client' });
        if (form.grant_type === 'authorization_code') {
          const issued = codes.get(form.code ?? '');
          if (!issued || issued.used || issued.redirectUri !== form.redirect_uri)
            return json(res, 400, { error: 'invalid_grant', error_description: 'unknown or used code' });
          const challenge = createHash('sha256')
            .update(form.code_verifier ?? '', 'ascii')
            .digest('base64url');
          if (challenge !== issued.challenge)
            return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
          issued.used = true;
          return json(res, 200, tokens());
        }
        if (form.grant_type === 'refresh_token') {
          if (!platform.refreshTokens.delete(form.refresh_token ?? ''))
            return json(res, 400, { error: 'invalid_grant', error_description: 'the refresh token was revoked' });
          platform.refreshes++;
          return json(res, 200, tokens());
        }
        return json(res, 400, { error: 'unsupported_grant_type' });
      }
      if (req.method === 'GET' && url.pathname === '/verify') {
        return bearerOk(req) ? json(res, 200, { ok: true }) : json(res, 401, { error: 'invalid_token' });
      }
      if (req.method === 'POST' && url.pathname === '/stock') {
        const body = JSON.parse((await readBody(req)) || '{}') as { changes?: unknown[] };
        const token = bearerOk(req);
        if (!token) return json(res, 401, { error: 'invalid_token' });
        platform.writes.push({ token, changes: body.changes ?? [] });
        return json(res, 200, { ok: true });
      }
      json(res, 404, { error: 'not found' });
    })().catch(() => json(res, 500, { error: 'fake failed' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...platform,
    get refusedCalls() {
      return platform.refusedCalls;
    },
    get refreshes() {
      return platform.refreshes;
    },
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } as FakeOAuthPlatform;
}
