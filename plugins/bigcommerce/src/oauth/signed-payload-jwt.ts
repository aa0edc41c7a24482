/**
 * BigCommerce's `signed_payload_jwt`, carried by the `load`, `uninstall` and `remove_user` callbacks
 * (https://developer.bigcommerce.com/docs/integrations/apps/guide/callbacks): a JWT whose claims are
 * {aud: the app's client id, iss: "bc", iat, nbf, exp (24 h after nbf), jti, sub: "stores/{STORE_HASH}", user,
 * owner, url, channel_id}. It is signed HS256 with the app's client secret — as BigCommerce's own Node client
 * verifies it (`verify(jwt, secret, {algorithms: ['HS256'], audience: clientId})`,
 * https://github.com/bigcommerce/node-bigcommerce). Verified with jsonwebtoken: signature, algorithm (HS256
 * only: `none` and RS/ES algorithms refused), audience, issuer, nbf and exp; then the subject's form.
 */
import { JsonWebTokenError, verify, type JwtPayload } from 'jsonwebtoken';
import type { OAuthApp } from '@stock-sync/plugin-sdk';

export const JWT_ISSUER = 'bc';
/** Clock skew tolerated on nbf/exp (seconds): BigCommerce's clock and ours. */
export const CLOCK_TOLERANCE_SECONDS = 60;

const SUBJECT = /^stores\/([A-Za-z0-9]+)$/;

export interface CallbackClaims {
  storeHash: string;
  /** The JWT's unique id (a replayed notice has the same one). */
  jti?: string;
  userId?: number;
  ownerId?: number;
  claims: JwtPayload;
}

/** The verified claims, or null when the token is missing, forged, for another app, not yet or no longer valid. */
export function verifySignedPayloadJwt(
  token: string | undefined,
  app: Pick<OAuthApp, 'clientId' | 'clientSecret'>,
  nowSeconds?: number,
): CallbackClaims | null {
  if (!token || !app.clientSecret) return null;
  let claims: JwtPayload;
  try {
    const decoded = verify(token, app.clientSecret, {
      algorithms: ['HS256'],
      audience: app.clientId,
      issuer: JWT_ISSUER,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      ...(nowSeconds !== undefined ? { clockTimestamp: nowSeconds } : {}),
    });
    if (typeof decoded === 'string') return null;
    claims = decoded;
  } catch (e) {
    if (e instanceof JsonWebTokenError) return null; // includes TokenExpiredError and NotBeforeError
    throw e;
  }
  // exp is documented ("24 hours after nbf"): a token without one would never expire.
  if (typeof claims.exp !== 'number') return null;
  const m = SUBJECT.exec(typeof claims.sub === 'string' ? claims.sub : '');
  if (!m) return null;
  const user = claims.user as { id?: unknown } | undefined;
  const owner = claims.owner as { id?: unknown } | undefined;
  return {
    storeHash: m[1],
    ...(typeof claims.jti === 'string' ? { jti: claims.jti } : {}),
    ...(typeof user?.id === 'number' ? { userId: user.id } : {}),
    ...(typeof owner?.id === 'number' ? { ownerId: owner.id } : {}),
    claims,
  };
}
