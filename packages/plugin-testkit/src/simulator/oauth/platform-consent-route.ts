/**
 * The kit's consent behind a platform's own authorize link (its own parameter names, e.g. app_key or appId):
 * the platform's query is translated to the kit's, and the kit decides as for any consent.
 */
import type { SimRequest, SimRoute } from '../types';
import { consentRoute } from './consent-route';
import type { OAuthSimulatorConfig } from './oauth-sim-types';

/** GET `path`: `kitQuery` reads the platform's request into the kit's consent query (response_type=code is added). */
export function platformConsentRoute<TState>(
  cfg: OAuthSimulatorConfig<TState>,
  path: string,
  kitQuery: (req: SimRequest) => Record<string, string | string[]>,
): SimRoute<TState> {
  const consent = consentRoute(cfg);
  return {
    method: 'GET',
    path,
    handle: (req, ctx) => consent.handle({ ...req, query: { ...kitQuery(req), response_type: 'code' } }, ctx),
  };
}
