/**
 * Connect-request state handling on each test database: stored as a hash, consumed once (two concurrent
 * consumers: exactly one wins), refused when expired or unknown (and why), bound to its platform; the
 * inputs and PKCE verifier encrypted and bound to the request id. Plus the pure helpers.
 */
import { randomUUID } from 'node:crypto';
import { CredentialCipher } from '../../src/crypto/credential-cipher';
import {
  consumeConnectRequest,
  decryptSecrets,
  findOpenConnectRequest,
  insertConnectRequest,
  purgeConnectRequests,
  whyNotConsumable,
} from '../../src/oauth/connect-requests';
import { cookieValue, inboundRequestOf, parseBody } from '../../src/oauth/inbound-request';
import { looksLikeState, newState, stateHash } from '../../src/oauth/oauth-state';
import { isOAuthBodyRoute } from '../../src/oauth/oauth-raw-body';
import { clearedStateCookie, stateCookie } from '../../src/oauth/state-cookie';
import { refreshAheadSeconds } from '../../src/credentials/refresh-window';
import { credentialsExpireAt, expiryProblem } from '../../src/stores/credentials-expiry';
import { describeHub } from '../support/hub-harness';

describe('state, cookie, inbound request, windows (pure)', () => {
  it('a state is 32 random bytes in BASE64URL; only its SHA-256 is kept', () => {
    const a = newState();
    const b = newState();
    expect(looksLikeState(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(stateHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(stateHash(a)).not.toContain(a);
    expect(looksLikeState('short')).toBe(false);
  });

  it('the state cookie is HttpOnly, SameSite=Lax, scoped to the callback, Secure over https only', () => {
    expect(stateCookie('bigcommerce', 'abc', 599.7, true)).toBe(
      'stock_sync_connect_state=abc; Path=/oauth/callback/bigcommerce; Max-Age=599; HttpOnly; SameSite=Lax; Secure',
    );
    expect(stateCookie('bigcommerce', 'abc', 10, false)).not.toContain('Secure');
    expect(clearedStateCookie('bigcommerce', false)).toContain('Max-Age=0');
    expect(cookieValue('a=1; stock_sync_connect_state=x%2By; b=2', 'stock_sync_connect_state')).toBe('x+y');
    expect(cookieValue('a=1', 'stock_sync_connect_state')).toBeUndefined();
    expect(cookieValue('stock_sync_connect_state=%E0%A4%A', 'stock_sync_connect_state')).toBeUndefined();
  });

  it('an inbound request keeps the exact bytes, the first value of each query name, lower-case headers', () => {
    const raw = Buffer.from('{"shop":"a",  "x":1}');
    const req = inboundRequestOf({
      method: 'POST',
      originalUrl: '/oauth/callback/x?code=c%2B1&state=s&code=second',
      url: '/ignored',
      headers: { 'X-Signature': 'sig', 'set-thing': ['a', 'b'] },
      rawBody: raw,
      body: parseBody(raw, 'application/json; charset=utf-8'),
    });
    expect(req).toEqual({
      method: 'POST',
      query: { code: 'c+1', state: 's' },
      headers: { 'x-signature': 'sig', 'set-thing': 'a, b' },
      rawBody: raw,
      body: { shop: 'a', x: 1 },
    });
    expect(parseBody(Buffer.from('a=1&b=2&a=3'), 'application/x-www-form-urlencoded')).toEqual({ a: '1', b: '2' });
    expect(parseBody(Buffer.from('{nope'), 'application/json')).toBeUndefined();
    expect(parseBody(Buffer.from('hello'), 'text/plain')).toBeUndefined();
  });

  it('only POSTs to the callback and uninstall routes have their bodies read raw', () => {
    expect(isOAuthBodyRoute({ method: 'POST', path: '/oauth/callback/woocommerce' })).toBe(true);
    expect(isOAuthBodyRoute({ method: 'POST', path: '/oauth/uninstall/shopify' })).toBe(true);
    for (const [method, path] of [
      ['GET', '/oauth/callback/x'],
      ['POST', '/oauth/callback/x/y'],
      ['POST', '/v1/stores'],
      ['POST', '/OAUTH/callback/x'],
      ['POST', '/oauth/start/x'],
      ['PUT', '/oauth/uninstall/x'],
    ]) {
      expect([method, path, isOAuthBodyRoute({ method: method!, path: path! })]).toEqual([method, path, false]);
    }
  });

  it("the refresh-ahead window: override, else the plugin's, else a sixth of the token life, else 10 minutes; never under a minute", () => {
    expect(refreshAheadSeconds({ oauth: undefined })).toBe(600);
    expect(refreshAheadSeconds({ oauth: { tokenLifetime: { accessTokenSeconds: 3600, source: 'x' } } as never })).toBe(600);
    expect(refreshAheadSeconds({ oauth: { tokenLifetime: { accessTokenSeconds: 30 * 86400, source: 'x' } } as never })).toBe(5 * 86400);
    expect(
      refreshAheadSeconds({ oauth: { tokenLifetime: { accessTokenSeconds: 3600, refreshAheadSeconds: 900, source: 'x' } } as never }),
    ).toBe(900);
    expect(refreshAheadSeconds({ oauth: { tokenLifetime: { accessTokenSeconds: 120, source: 'x' } } as never })).toBe(60);
    expect(refreshAheadSeconds({ oauth: undefined }, 42)).toBe(42);
  });

  it('the queryable expiry comes from accessTokenExpiresAt; a malformed one is named', () => {
    expect(credentialsExpireAt({ accessTokenExpiresAt: '2026-12-02T13:00:00.000Z' })?.toISOString()).toBe('2026-12-02T13:00:00.000Z');
    expect(credentialsExpireAt({ accessTokenExpiresAt: '2026-12-02T14:00:00+01:00' })?.toISOString()).toBe('2026-12-02T13:00:00.000Z');
    expect(credentialsExpireAt({})).toBeNull();
    expect(credentialsExpireAt({ accessTokenExpiresAt: 'tomorrow' })).toBeNull();
    expect(expiryProblem({ accessTokenExpiresAt: 'tomorrow' })).toEqual({
      path: 'credentials.accessTokenExpiresAt',
      message: expect.stringContaining('ISO 8601'),
    });
    expect(expiryProblem({ accessTokenExpiresAt: '2026-02-30T00:00:00Z' })).toBeDefined();
    expect(expiryProblem({})).toBeUndefined();
  });
});

describeHub('connect requests in the database', (hub) => {
  const cipher = () => hub().app.get(CredentialCipher);
  async function insert(platform = 'demo-shop', ttlSeconds = 600) {
    const id = randomUUID();
    const state = newState();
    await insertConnectRequest(hub().db.manager, cipher(), {
      id,
      stateHash: stateHash(state),
      platform,
      storeId: null,
      settings: {
        name: 'n',
        sellingRegion: 'north_america',
        stockSyncEnabled: true,
        driftPolicy: 'reassert',
        reconcileIntervalSeconds: null,
      },
      secrets: { inputs: { shop: 'acme-secret-shop' }, codeVerifier: 'verifier_0123456789_abcdefghijklmnopqrstuvw' },
      redirectUri: 'http://127.0.0.1/oauth/callback/demo-shop',
      ttlSeconds,
    });
    return { id, state };
  }

  it('stores the state hashed and the inputs and verifier encrypted (bound to the request id)', async () => {
    const { id, state } = await insert();
    const [row] = await hub().sql<{ state_hash: string; secrets: Buffer }>(
      `SELECT state_hash, secrets FROM oauth_connect_requests WHERE id = $1`,
      [id],
    );
    expect(row!.state_hash).toBe(stateHash(state));
    expect(Buffer.from(row!.secrets).includes(Buffer.from('verifier_0123456789'))).toBe(false);
    expect(Buffer.from(row!.secrets).includes(Buffer.from('acme-secret-shop'))).toBe(false);
    expect(decryptSecrets(cipher(), { id, secrets: row!.secrets })).toEqual({
      inputs: { shop: 'acme-secret-shop' },
      codeVerifier: 'verifier_0123456789_abcdefghijklmnopqrstuvw',
    });
    expect(() => decryptSecrets(cipher(), { id: randomUUID(), secrets: row!.secrets })).toThrow();
  });

  it('is consumed once: of two concurrent consumers exactly one gets it; then it is "used"', async () => {
    const { id, state } = await insert();
    const results = await Promise.all([0, 1, 2].map(() => consumeConnectRequest(hub().db.manager, 'demo-shop', stateHash(state))));
    expect(results.filter(Boolean).map((r) => r!.id)).toEqual([id]);
    expect(await whyNotConsumable(hub().db.manager, 'demo-shop', stateHash(state))).toBe('used');
    expect(await findOpenConnectRequest(hub().db.manager, id, stateHash(state))).toBeUndefined();
  });

  it('is refused when expired, for another platform, or never issued', async () => {
    const { id, state } = await insert();
    expect(await consumeConnectRequest(hub().db.manager, 'other-platform', stateHash(state))).toBeUndefined();
    expect(await findOpenConnectRequest(hub().db.manager, id, stateHash(newState()))).toBeUndefined();
    expect((await findOpenConnectRequest(hub().db.manager, id, stateHash(state)))?.id).toBe(id);
    await hub().sql(`UPDATE oauth_connect_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    expect(await consumeConnectRequest(hub().db.manager, 'demo-shop', stateHash(state))).toBeUndefined();
    expect(await whyNotConsumable(hub().db.manager, 'demo-shop', stateHash(state))).toBe('expired');
    expect(await whyNotConsumable(hub().db.manager, 'demo-shop', stateHash(newState()))).toBe('unknown');
    const [row] = await hub().sql<{ consumed_at: Date | null }>(`SELECT consumed_at FROM oauth_connect_requests WHERE id = $1`, [id]);
    expect(row!.consumed_at).toBeNull();
  });

  it('requests expired for over a day are purged, newer ones kept', async () => {
    const old = await insert();
    const fresh = await insert();
    await hub().sql(`UPDATE oauth_connect_requests SET expires_at = now() - interval '25 hours' WHERE id = $1`, [old.id]);
    expect(await purgeConnectRequests(hub().db.manager)).toBeGreaterThanOrEqual(1);
    const ids = (await hub().sql<{ id: string }>(`SELECT id FROM oauth_connect_requests`)).map((r) => r.id);
    expect(ids).toContain(fresh.id);
    expect(ids).not.toContain(old.id);
  });
});
