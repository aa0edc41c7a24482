/**
 * The Etsy platform simulator: a small, faithful model of Open API v3's listing inventory — its auth
 * check and error bodies, its rate headers and 429s, its request-body validation (official spec plus
 * Etsy's documented rules), and the fields it derives (listing quantity, sold_out state).
 */
import type { PlatformSimulatorDefinition } from '@stock-sync/plugin-testkit/simulator';
import { SANDBOX_OAUTH_APP } from './sim-connect-flow';
import { authenticateEtsy } from './sim-auth';
import { etsyRateLimit } from './sim-rate-limit';
import { etsyRoutes } from './sim-routes';
import { deleteSimVariant, inspectVariant, manualEditVariant, seedShop } from './sim-seed';
import {
  SIM_ACCESS_TOKEN,
  SIM_KEYSTRING,
  SIM_REFRESH_TOKEN,
  SIM_SHARED_SECRET,
  SIM_SHOP_ID,
  createSimState,
  type EtsySimState,
} from './sim-state';
import { createSpecValidators, type SpecValidators } from './spec-validators';

let validators: SpecValidators | undefined;
/** The spec is read and compiled once, on first use: a memo of immutable data shared by every simulator run. */
function specValidators(): SpecValidators {
  return (validators ??= createSpecValidators());
}

export const simulator: PlatformSimulatorDefinition<EtsySimState> = {
  id: 'etsy',
  displayName: 'Etsy',
  createState: createSimState,
  credentials: (baseUrl) => ({
    baseUrl,
    apiKey: SIM_KEYSTRING,
    sharedSecret: SIM_SHARED_SECRET,
    accessToken: SIM_ACCESS_TOKEN,
    refreshToken: SIM_REFRESH_TOKEN,
    shopId: String(SIM_SHOP_ID),
  }),
  seed: seedShop,
  inspect: inspectVariant,
  deleteVariant: deleteSimVariant,
  manualEdit: manualEditVariant,
  authenticate: authenticateEtsy,
  rateLimit: etsyRateLimit,
  // The sandbox Etsy app the hub is configured with to connect a shop through /oauth/connect (test values).
  oauthApp: SANDBOX_OAUTH_APP,
  get routes() {
    return etsyRoutes(specValidators());
  },
};

export default simulator;
export type { EtsySimState } from './sim-state';
export { OAUTH_TOKEN_PATH, expireAccessTokens, revokeRefreshTokens } from './sim-oauth';
export { OAUTH_CONNECT_PATH, SANDBOX_OAUTH_APP, etsyOAuthConfig } from './sim-connect-flow';
