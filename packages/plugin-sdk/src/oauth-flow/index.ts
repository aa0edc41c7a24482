export { oauthUrl, templatePlaceholders, sandboxBase } from './oauth-url';
export { authorizeUrl, STANDARD_AUTHORIZE_PARAMS } from './authorize-url';
export { pkcePair, pkceChallenge, type PkcePair } from './pkce';
export { expiresAtFrom, instantFromUnixSeconds, lifetimeSeconds } from './expires-at';
export { exchangeCode } from './exchange-code';
export { refreshTokenGrant, type RefreshTokenGrantOptions } from './refresh-token-grant';
export {
  postTokenRequest,
  refusedGrantClassifier,
  refusalReason,
  basicClientAuthorization,
  REFUSED_GRANT_ERRORS,
  type TokenCall,
  type TokenRequestOptions,
} from './token-request';
export { hmacSha256, safeEqual } from './signatures';
export { idText, jsonObjectOf, storeFromToken } from './inbound';
