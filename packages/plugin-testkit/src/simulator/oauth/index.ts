export type {
  OAuthSimulatorConfig,
  SimOAuthApp,
  ConsentRequest,
  IssuedTokens,
  ClientAuthentication,
  RefusedTokenReason,
} from './oauth-sim-types';
export {
  oauthSimState,
  createOAuthSimState,
  isIssuedAccessToken,
  type OAuthSimState,
  type CodeRecord,
  type TokenRecord,
} from './oauth-sim-state';
export { consentRoute } from './consent-route';
export { platformConsentRoute } from './platform-consent-route';
export { queryValue } from './sim-oauth-helpers';
export { tokenRoute, defaultTokenAnswer } from './token-route';
export { revokeRoute } from './revoke-route';
export { withOAuth, oauthRoutes, issuedTokenStatus, type DefinitionWithOAuth } from './with-oauth';
export { denyConsent, expireIssuedAccessTokens, revokeIssuedGrants, oauthSimView } from './consent-controls';
export { simHmacSha256, inboundRequest, callbackFromLocation } from './signing';
export { defaultErrorAnswer } from './sim-oauth-helpers';
export { guardIssuedTokens, kitTokenRequest } from './issued-token-guard';
