/**
 * RFC 7009 token revocation: POST token=<access or refresh token> (client authenticated like the token
 * endpoint) revokes the whole grant; an unknown token is answered 200 too (§2.2).
 */
import type { SimContext, SimRequest, SimResponse, SimRoute } from '../types';
import type { OAuthSimulatorConfig } from './oauth-sim-types';
import { oauthSimState, revokeGrant } from './oauth-sim-state';
import { basicCredentials, bodyValue, defaultErrorAnswer } from './sim-oauth-helpers';

export function revokeRoute<TState>(cfg: OAuthSimulatorConfig<TState>, path: string): SimRoute<TState> {
  const error = cfg.errorAnswer ?? defaultErrorAnswer;
  return {
    method: 'POST',
    path,
    handle(req: SimRequest, ctx: SimContext<TState>): SimResponse {
      const basic = basicCredentials(req);
      const clientId = basic?.clientId ?? bodyValue(req.body, 'client_id');
      const secret = basic?.clientSecret ?? bodyValue(req.body, 'client_secret');
      if (clientId !== cfg.app.clientId || secret !== cfg.app.clientSecret)
        return error(401, 'invalid_client', 'Client authentication failed');
      const token = bodyValue(req.body, 'token');
      if (token === undefined) return error(400, 'invalid_request', 'token is required');
      const s = oauthSimState(ctx.state);
      const rec = s.accessTokens.get(token) ?? s.refreshTokens.get(token);
      if (rec) revokeGrant(s, rec.grantId);
      return { status: 200, body: {} };
    },
  };
}
