/**
 * The token endpoint (RFC 6749 §4.1.3 / §6): POST on the platform's token path.
 *  - client authentication as the platform accepts it (body, HTTP Basic, or a public client's client_id);
 *  - authorization_code: the code must be known, unspent, unexpired (simulator clock), issued to this client
 *    for this redirect_uri, and its PKCE challenge must be S256(code_verifier) (RFC 7636 §4.6); a replayed code
 *    is refused and revokes the tokens the first exchange issued (§4.1.2);
 *  - refresh_token: known, unexpired, this client's; rotated when the platform rotates (the old one is spent);
 *  - the merchant revoking the app (the simulator's `revoked` switch) refuses every grant: invalid_grant.
 */
import { createHash } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse, SimRoute } from '../types';
import type { ClientAuthentication, IssuedTokens, OAuthSimulatorConfig } from './oauth-sim-types';
import { mint, oauthSimState, rememberIssuedAccessToken, revokeGrant, type OAuthSimState, type TokenRecord } from './oauth-sim-state';
import { basicCredentials, bodyValue, defaultErrorAnswer } from './sim-oauth-helpers';

type Refusal = { status: number; error: string; description: string };

function refuse(status: number, error: string, description: string): Refusal {
  return { status, error, description };
}

/** Which client is calling, checked against the sandbox app and the accepted methods. */
function authenticateClient<TState>(req: SimRequest, cfg: OAuthSimulatorConfig<TState>): Refusal | undefined {
  const accepted: readonly ClientAuthentication[] = cfg.clientAuthentication ?? ['body', 'basic'];
  const basic = basicCredentials(req);
  const bodyId = bodyValue(req.body, 'client_id');
  const bodySecret = bodyValue(req.body, 'client_secret');
  let method: ClientAuthentication;
  let id: string | undefined;
  let secret: string | undefined;
  if (basic) [method, id, secret] = ['basic', basic.clientId, basic.clientSecret];
  else if (bodySecret !== undefined) [method, id, secret] = ['body', bodyId, bodySecret];
  else [method, id] = ['none', bodyId];
  if (!accepted.includes(method)) return refuse(401, 'invalid_client', `client authentication '${method}' is not accepted here`);
  if (id !== cfg.app.clientId) return refuse(401, 'invalid_client', 'Unknown client');
  if (method !== 'none' && secret !== cfg.app.clientSecret) return refuse(401, 'invalid_client', 'Client authentication failed');
  return undefined;
}

function encodingError<TState>(req: SimRequest, cfg: OAuthSimulatorConfig<TState>): Refusal | undefined {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const encoding = type.includes('application/x-www-form-urlencoded') ? 'form' : type.includes('json') ? 'json' : undefined;
  const accepted = cfg.encodings ?? ['form'];
  if (encoding === undefined || !accepted.includes(encoding)) {
    return refuse(
      400,
      'invalid_request',
      `the body must be ${accepted.map((e) => (e === 'form' ? 'application/x-www-form-urlencoded' : 'application/json')).join(' or ')}`,
    );
  }
  return undefined;
}

function expired(rec: { expiresAt: number | null }, now: number): boolean {
  return rec.expiresAt !== null && now >= rec.expiresAt;
}

interface IssueOptions {
  /** No rotation: the refresh token that goes on. */
  keepRefresh?: string;
  /** Rotation: the refresh token the new one replaces. */
  replaces?: string;
  /** A long-lived token was asked for: no expiry, no refresh token. */
  longLived?: boolean;
}

function issue<TState>(
  cfg: OAuthSimulatorConfig<TState>,
  s: OAuthSimState,
  now: number,
  base: Omit<TokenRecord, 'expiresAt'>,
  grant: IssuedTokens['grant'],
  opts: IssueOptions = {},
): IssuedTokens {
  const accessToken = mint(cfg.prefixes?.accessToken ?? 'sim_at_');
  const expiresIn = opts.longLived ? undefined : cfg.accessTokenSeconds;
  s.accessTokens.set(accessToken, { ...base, expiresAt: expiresIn === undefined ? null : now + expiresIn * 1000 });
  rememberIssuedAccessToken(accessToken);
  const issued: IssuedTokens = { grant, accessToken, expiresIn, scope: base.scope, subject: base.subject };
  if (cfg.issueRefreshTokens === false || opts.longLived) return issued;
  const keepRefresh = opts.keepRefresh;
  if (keepRefresh !== undefined) {
    // No rotation: the same refresh token goes on (its own expiry unchanged).
    const rec = s.refreshTokens.get(keepRefresh);
    issued.refreshToken = keepRefresh;
    if (rec && rec.expiresAt !== null) issued.refreshTokenExpiresIn = Math.max(0, Math.floor((rec.expiresAt - now) / 1000));
    return issued;
  }
  const refreshToken = mint(cfg.prefixes?.refreshToken ?? 'sim_rt_');
  const rtSeconds = cfg.refreshTokenSeconds;
  const rec: TokenRecord = { ...base, expiresAt: rtSeconds === undefined ? null : now + rtSeconds * 1000 };
  if (opts.replaces !== undefined) rec.replaces = opts.replaces;
  s.refreshTokens.set(refreshToken, rec);
  issued.refreshToken = refreshToken;
  issued.refreshTokenExpiresIn = rtSeconds;
  return issued;
}

function codeGrant<TState>(req: SimRequest, cfg: OAuthSimulatorConfig<TState>, ctx: SimContext<TState>): IssuedTokens | Refusal {
  const s = oauthSimState(ctx.state);
  const code = bodyValue(req.body, 'code');
  if (code === undefined) return refuse(400, 'invalid_request', 'code is required');
  const rec = s.codes.get(code);
  if (!rec) return refuse(400, 'invalid_grant', 'The authorization code is invalid');
  if (rec.used) {
    revokeGrant(s, rec.grantId);
    return refuse(400, 'invalid_grant', 'The authorization code was already used');
  }
  rec.used = true;
  const now = ctx.now();
  if (now >= rec.expiresAt) return refuse(400, 'invalid_grant', 'The authorization code has expired');
  if (rec.clientId !== cfg.app.clientId) return refuse(400, 'invalid_grant', 'The authorization code was issued to another client');
  const redirectUri = bodyValue(req.body, 'redirect_uri');
  if (redirectUri !== undefined && redirectUri !== rec.redirectUri)
    return refuse(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
  if (rec.challenge !== undefined) {
    const verifier = bodyValue(req.body, 'code_verifier');
    if (verifier === undefined) return refuse(400, 'invalid_grant', 'code_verifier is required');
    if (createHash('sha256').update(verifier, 'ascii').digest('base64url') !== rec.challenge)
      return refuse(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
  }
  if (ctx.faults.revoked) return refuse(400, 'invalid_grant', 'The merchant revoked access');
  s.counts.exchanges++;
  const longLived = cfg.nonExpiring?.(req) === true;
  return issue(
    cfg,
    s,
    now,
    { grantId: rec.grantId, clientId: rec.clientId, scope: rec.scope, subject: rec.subject },
    'authorization_code',
    { longLived },
  );
}

function refreshGrant<TState>(req: SimRequest, cfg: OAuthSimulatorConfig<TState>, ctx: SimContext<TState>): IssuedTokens | Refusal {
  const s = oauthSimState(ctx.state);
  const token = bodyValue(req.body, 'refresh_token');
  if (token === undefined) return refuse(400, 'invalid_request', 'refresh_token is required');
  const rec = s.refreshTokens.get(token);
  const now = ctx.now();
  if (!rec || ctx.faults.revoked) return refuse(400, 'invalid_grant', 'The refresh token is invalid, already used or revoked');
  if (expired(rec, now)) return refuse(400, 'invalid_grant', 'The refresh token has expired');
  if (rec.clientId !== cfg.app.clientId) return refuse(400, 'invalid_grant', 'The refresh token was issued to another client');
  const rotate = cfg.rotateRefreshTokens !== false;
  const retainMs = rotate && cfg.retainReplacedRefreshTokenSeconds !== undefined ? cfg.retainReplacedRefreshTokenSeconds * 1000 : undefined;
  if (retainMs !== undefined && rec.firstUsedAt !== undefined && now - rec.firstUsedAt >= retainMs) {
    s.refreshTokens.delete(token);
    return refuse(400, 'invalid_grant', 'The refresh token was replaced and its recovery period is over');
  }
  rec.firstUsedAt ??= now;
  // Using a token retires the one it replaced; with rotation it is spent itself unless the platform retains it.
  if (rec.replaces !== undefined) s.refreshTokens.delete(rec.replaces);
  if (rotate && retainMs === undefined) s.refreshTokens.delete(token);
  s.counts.refreshes++;
  const { grantId, clientId, scope, subject } = rec;
  return issue(cfg, s, now, { grantId, clientId, scope, subject }, 'refresh_token', rotate ? { replaces: token } : { keepRefresh: token });
}

/** RFC 6749 §5.1. */
export function defaultTokenAnswer(t: IssuedTokens): SimResponse {
  const body: Record<string, unknown> = { access_token: t.accessToken, token_type: 'Bearer' };
  if (t.expiresIn !== undefined) body.expires_in = t.expiresIn;
  if (t.refreshToken !== undefined) body.refresh_token = t.refreshToken;
  if (t.refreshTokenExpiresIn !== undefined) body.refresh_token_expires_in = t.refreshTokenExpiresIn;
  body.scope = t.scope;
  return { status: 200, headers: { 'cache-control': 'no-store' }, body };
}

export function tokenRoute<TState>(cfg: OAuthSimulatorConfig<TState>): SimRoute<TState> {
  const error = cfg.errorAnswer ?? defaultErrorAnswer;
  return {
    method: 'POST',
    path: cfg.tokenPath,
    handle(req: SimRequest, ctx: SimContext<TState>): SimResponse {
      const result =
        encodingError(req, cfg) ??
        authenticateClient(req, cfg) ??
        (() => {
          const grantType = bodyValue(req.body, 'grant_type') ?? cfg.grantTypeWhenAbsent;
          if (grantType === 'authorization_code') return codeGrant(req, cfg, ctx);
          if (grantType === 'refresh_token') return refreshGrant(req, cfg, ctx);
          return refuse(400, 'unsupported_grant_type', `grant_type '${grantType ?? ''}' is not supported`);
        })();
      if ('error' in result) {
        oauthSimState(ctx.state).counts.refused++;
        return error(result.status, result.error, result.description);
      }
      return cfg.tokenAnswer ? cfg.tokenAnswer(result, ctx) : defaultTokenAnswer(result);
    },
  };
}
