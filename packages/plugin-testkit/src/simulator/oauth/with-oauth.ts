/**
 * withOAuth: a platform simulator definition with the kit mounted. The consent, token (and revocation)
 * endpoints are added as routes and answered without the platform's API auth (they carry none); an API
 * request carrying a token the kit issued is checked against this shop's records (unknown, revoked or
 * expired by the simulator clock → the platform's refusal) instead of the definition's static credentials,
 * which keep working as before (a store posted with the simulator's own token).
 */
import { compileRoute } from '../route-matcher';
import type { PlatformSimulatorDefinition, SimRequest, SimResponse, SimRoute } from '../types';
import { consentRoute } from './consent-route';
import { guardIssuedTokens } from './issued-token-guard';
import type { OAuthSimulatorConfig, RefusedTokenReason, SimOAuthApp } from './oauth-sim-types';
import { isIssuedAccessToken } from './oauth-sim-state';
import { revokeRoute } from './revoke-route';
import { bearerToken } from './sim-oauth-helpers';
import { tokenRoute } from './token-route';

export { issuedTokenStatus } from './issued-token-guard';

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

export function withOAuth<TState>(
  def: PlatformSimulatorDefinition<TState>,
  cfg: OAuthSimulatorConfig<TState>,
): DefinitionWithOAuth<TState> {
  const own = oauthRoutes(cfg);
  // Patterns, as the routes are matched: a platform may name the app in the path (Nuvemshop's /apps/:appId/authorize).
  const ownPaths = own.map((r) => compileRoute(r).regex);
  const refused = cfg.refused ?? defaultRefused;
  return {
    ...def,
    oauthApp: { ...cfg.app },
    authenticate(req, creds, revoked) {
      const path = req.path.replace(/\/+$/, '');
      if (ownPaths.some((pattern) => pattern.test(path))) return undefined;
      const platformRefusal = cfg.checkRequest?.(req);
      if (platformRefusal) return platformRefusal;
      const token = (cfg.readAccessToken ?? bearerToken)(req);
      if (token !== undefined && isIssuedAccessToken(token)) return revoked ? refused(req, 'unknown') : undefined;
      return def.authenticate(req, creds, revoked);
    },
    routes: [...own, ...guardIssuedTokens(cfg, def.routes, refused)],
  };
}
