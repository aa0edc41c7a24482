/**
 * For simulators that mount the OAuth kit's pieces themselves (their platform's endpoints are not RFC 6749's,
 * e.g. TikTok Shop's GET token endpoints, Wix's install flow): the API routes' check of kit-issued tokens, and
 * the request that hands a translated token call to the kit's own token route.
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '../types';
import type { OAuthSimulatorConfig, RefusedTokenReason } from './oauth-sim-types';
import { isIssuedAccessToken, oauthSimState } from './oauth-sim-state';
import { bearerToken } from './sim-oauth-helpers';

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

/**
 * `routes`, each refusing (with `refused`) a request whose access token the kit issued but which expired or
 * was revoked; any other request reaches the route unchanged (the platform's own auth check decides it).
 */
export function guardIssuedTokens<TState>(
  cfg: OAuthSimulatorConfig<TState>,
  routes: SimRoute<TState>[],
  refused: (req: SimRequest, reason: RefusedTokenReason) => SimResponse,
): SimRoute<TState>[] {
  return routes.map((route) => ({
    ...route,
    handle(req, ctx) {
      const status = issuedTokenStatus(cfg, req, ctx);
      if (status === 'expired' || status === 'unknown') return refused(req, status);
      return route.handle(req, ctx);
    },
  }));
}

/**
 * A form-encoded POST of `form` to the kit's token route at `path` (a translated token call). `from`: the
 * platform's request it translates (its other fields, e.g. headers, are kept; method, path and body are replaced).
 */
export function kitTokenRequest(path: string, form: Record<string, string>, from?: SimRequest): SimRequest {
  return {
    params: {},
    query: {},
    ...from,
    method: 'POST',
    path,
    headers: { ...from?.headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    rawBody: new URLSearchParams(form).toString(),
  };
}
