/**
 * The signed_payload_jwt of BigCommerce's load/uninstall callbacks (evidence callback-uninstall: the documented
 * claims), signed here as BigCommerce signs it (HS256, the app's client secret) and verified by the plugin; every
 * forgery the verification must refuse: another secret, another app, another issuer, expired, not yet valid,
 * `none` and other algorithms, no expiry, a malformed subject, nothing at all.
 */
import { join } from 'node:path';
import { sign } from 'jsonwebtoken';
import { evidence } from '@stock-sync/plugin-testkit/evidence';
import { inboundRequest } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../src';
import { CLOCK_TOLERANCE_SECONDS, verifySignedPayloadJwt } from '../src/oauth';
import { testApp } from './support/oauth';

const documented = evidence(join(__dirname, 'evidence'), 'callback-uninstall') as unknown as { claims: Record<string, unknown> };
const claims = documented.claims;
const app = { clientId: String(claims.aud), clientSecret: 'test-client-secret-0001' };
const at = Number(claims.iat) + 60; // a minute after issue, by the documented clock
const signed = (c: Record<string, unknown>, secret = app.clientSecret, algorithm: 'HS256' | 'HS512' = 'HS256') =>
  sign(c, secret, { algorithm });

it('accepts the documented claims signed with the client secret, naming the store, the user and the jti', () => {
  expect(verifySignedPayloadJwt(signed(claims), app, at)).toMatchObject({
    storeHash: 'z4zn3wo',
    jti: claims.jti,
    userId: 9876543,
    ownerId: 7654321,
  });
});

it.each([
  ['another secret', () => signed(claims, 'not-the-secret')],
  ['another app (aud)', () => signed({ ...claims, aud: 'someone-else' })],
  ['another issuer', () => signed({ ...claims, iss: 'not-bc' })],
  ['HS512 (only HS256 is BigCommerce’s)', () => signed(claims, app.clientSecret, 'HS512')],
  ['alg none', () => sign(claims, '', { algorithm: 'none' })],
  ['no exp', () => signed(Object.fromEntries(Object.entries(claims).filter(([k]) => k !== 'exp')))],
  ['a subject that is no store', () => signed({ ...claims, sub: 'users/12' })],
  ['a subject with a path in it', () => signed({ ...claims, sub: 'stores/abc/../def' })],
  ['a garbled token', () => 'not.a.jwt'],
  ['nothing', () => ''],
])('refuses %s', (_name, token) => {
  expect(verifySignedPayloadJwt(token(), app, at)).toBeNull();
});

it('refuses a token whose claims were changed after signing (another store in sub, the signature kept)', () => {
  const [header, , signature] = signed(claims).split('.');
  const forgedClaims = Buffer.from(JSON.stringify({ ...claims, sub: 'stores/other1' })).toString('base64url');
  expect(verifySignedPayloadJwt(`${header}.${forgedClaims}.${signature}`, app, at)).toBeNull();
});

it('refuses an expired token and one not yet valid, beyond the tolerated clock skew only', () => {
  const exp = Number(claims.exp);
  expect(verifySignedPayloadJwt(signed(claims), app, exp + CLOCK_TOLERANCE_SECONDS - 1)).not.toBeNull();
  expect(verifySignedPayloadJwt(signed(claims), app, exp + CLOCK_TOLERANCE_SECONDS + 1)).toBeNull();
  const nbf = Number(claims.nbf);
  expect(verifySignedPayloadJwt(signed(claims), app, nbf - CLOCK_TOLERANCE_SECONDS - 1)).toBeNull();
});

it('an app without a secret verifies nothing', () => {
  expect(verifySignedPayloadJwt(signed(claims), { clientId: app.clientId, clientSecret: '' }, at)).toBeNull();
});

describe('verifyUninstall (the uninstall callback)', () => {
  const fresh = () => {
    const now = Math.floor(Date.now() / 1000);
    return { ...claims, aud: 'testclientid0001', iat: now, nbf: now, exp: now + 86400 };
  };
  const notice = (token: string) => plugin.oauth!.verifyUninstall!(inboundRequest({ query: { signed_payload_jwt: token } }), testApp());

  it('a verified notice names the store and why', () => {
    expect(notice(sign(fresh(), 'test-client-secret-0001', { algorithm: 'HS256' }))).toEqual({
      externalStoreId: 'z4zn3wo',
      reason: expect.stringMatching(/uninstalled/),
    });
  });

  it('a forged one (another secret) or one without the JWT is null: the host answers 401 and changes nothing', () => {
    expect(notice(sign(fresh(), 'forged', { algorithm: 'HS256' }))).toBeNull();
    expect(plugin.oauth!.verifyUninstall!(inboundRequest({}), testApp())).toBeNull();
  });
});
