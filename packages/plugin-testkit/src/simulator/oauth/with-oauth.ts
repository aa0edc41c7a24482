/**
 * withOAuth: a platform simulator definition with the kit mounted. The consent, token (and revocation)
 * endpoints are added as routes and answered without the platform's API auth (they carry none); an API
 * request carrying a token the kit issued is checked against this shop's records (unknown, revoked or
 * expired by the simulator clock → the platform's refusal) instead of the definition's static credentials,
 * which keep working as before (a store posted with the simulator's own token).
 */
import type { PlatformSimulatorDefinition, SimContext, SimRequest, SimResponse, SimRoute } from '../types';
import { consentRoute } from './consent-route';
import type { OAuthSimulatorConfig, RefusedTokenReason, SimOAuthApp } from './oauth-sim-types';
import { isIssuedAccessToken, oauthSimState } from './oauth-sim-state';
import { revokeRoute } from './revoke-route';
import { bearerToken } from './sim-oauth-helpers';
import { tokenRoute } from './token-route';

export type DefinitionWithOAuth<TState> = PlatformSimulatorDefinition<TState> & { oauthApp: SimOAuthApp };

function defaultRefused(_req: SimRequest, reason: RefusedTokenReason): SimResponse {
  const description = reason === 'expired' ? 'The access token expired' : 'The access token is invalid or was revoked';
  return {
    status: 401,
    headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` },
    body: { error: 'invalid_token', error_description: description },
  };
}

/** The kit's routes alone (for a simulator that wires its own auth check). */
export function oauthRoutes<TState>(cfg: OAuthSimulatorConfig<TState>): SimRoute<TState>[] {
  const routes = [consentRoute(cfg), tokenRoute(cfg)];
  if (cfg.revokePath) routes.push(revokeRoute(cfg, cfg.revokePath));
  return routes;
}

/**
 * The status of an API request's access token in this shop: undefined when it is not one the kit issued
 * (the platform's own check decides), 'valid', or why it is refused.
 */
export function issuedTokenStatus<TState>(
  cfg: OAuthSimulatorConfig<TState>,
  req: SimRequest,
  ctx: SimContext<TState>,
): 'valid' | RefusedTokenReason | undefined {
  const token = (cfg.readAccessToken ?? bearerToken)(req);
  if (token === undefined || !isIssuedAccessToken(token)) return undefined;
  const rec = oauthSimState(ctx.state).accessTokens.get(token);
  if (!rec) return 'unknown';
  if (rec.expiresAt !== null && ctx.now() >= rec.expiresAt) return 'expired';
  return 'valid';
}

export function withOAuth<TState>(
  def: PlatformSimulatorDefinition<TState>,
  cfg: OAuthSimulatorConfig<TState>,
): DefinitionWithOAuth<TState> {
  const own = oauthRoutes(cfg);
  const ownPaths = new Set(own.map((r) => r.path));
  const refused = cfg.refused ?? defaultRefused;
  const guarded = def.routes.map((route): SimRoute<TState> => ({
    ...route,
    handle(req, ctx) {
      const status = issuedTokenStatus(cfg, req, ctx);
      if (status === 'expired' || status === 'unknown') return refused(req, status);
      return route.handle(req, ctx);
    },
  }));
  return {
    ...def,
    oauthApp: { ...cfg.app },
    authenticate(req, creds, revoked) {
      if (ownPaths.has(req.path.replace(/\/+$/, ''))) return undefined;
      const token = (cfg.readAccessToken ?? bearerToken)(req);
      if (token !== undefined && isIssuedAccessToken(token)) return revoked ? refused(req, 'unknown') : undefined;
      return def.authenticate(req, creds, revoked);
    },
    routes: [...own, ...guarded],
  };
}
