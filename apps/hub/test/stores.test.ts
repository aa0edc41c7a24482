import { BAD_TOKEN, GOOD_TOKEN, startFixturePlatform, type FixturePlatform } from './support/fixture-platform';
import { describeHub } from './support/hub-harness';
import { clearPending, createStore, pendingByVariant, POD, putCatalog, putSyncVariants } from './support/scenario';

const SECRET = 'shpat_test_super_secret_value_42';
const WEBHOOK_SECRET = 'whsec_test_another_secret_77';

describeHub('stores', (hub) => {
  let platform: FixturePlatform;
  /** Every response body seen in this file, to prove no credential value ever comes back. */
  const bodies: string[] = [];
  const seen = <T extends { text: string }>(res: T): T => (bodies.push(res.text), res);

  beforeAll(async () => {
    platform = await startFixturePlatform();
  });
  afterAll(async () => {
    await platform.close();
  });

  const validBody = (over: Record<string, unknown> = {}) => ({
    name: 'My shop',
    platform: 'demo-shop',
    sellingRegion: 'north_america',
    credentials: { shop: 'my-shop', accessToken: SECRET, webhookSecret: WEBHOOK_SECRET },
    ...over,
  });

  it('POST creates a store (201) with defaults, credentials stored encrypted and never returned', async () => {
    const res = seen(await hub().post('/v1/stores', validBody()).expect(201));
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'My shop',
      platform: 'demo-shop',
      platformAvailable: true,
      sellingRegion: 'north_america',
      stockSyncEnabled: true,
      driftPolicy: 'reassert',
      status: 'active',
      statusReason: null,
      credentialsSet: ['shop', 'accessToken', 'webhookSecret'],
      reconcileIntervalSeconds: null,
      lastReconciledAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const [row] = await hub().sql<{ credentials: Uint8Array }>(`SELECT credentials FROM stores WHERE id = $1`, [res.body.id]);
    const stored = Buffer.from(row!.credentials);
    expect(stored.includes(Buffer.from(SECRET))).toBe(false);
    expect(stored.includes(Buffer.from('my-shop'))).toBe(false);
    expect(stored.length).toBeGreaterThan(12 + 16);
  });

  it('GET lists and GET one returns the store; neither carries credentials', async () => {
    const id = seen(
      await hub()
        .post('/v1/stores', validBody({ name: 'Listed' }))
        .expect(201),
    ).body.id;
    const list = seen(await hub().get('/v1/stores').expect(200));
    expect(list.body.map((s: { id: string }) => s.id)).toContain(id);
    const one = seen(await hub().get(`/v1/stores/${id}`).expect(200));
    expect(one.body).toMatchObject({ id, name: 'Listed', credentialsSet: ['shop', 'accessToken', 'webhookSecret'] });
    expect(one.body).not.toHaveProperty('credentials');
  });

  it('404 for an unknown store, 400 for a malformed id', async () => {
    const missing = seen(await hub().get('/v1/stores/00000000-0000-4000-8000-000000000000').expect(404));
    expect(missing.body).toEqual({ error: 'not_found', message: expect.any(String) });
    await hub().patch('/v1/stores/00000000-0000-4000-8000-000000000000', { name: 'x' }).expect(404);
    const bad = seen(await hub().get('/v1/stores/not-a-uuid').expect(400));
    expect(bad.body.details[0].path).toBe('id');
  });

  it('names every offending field of a bad store', async () => {
    const res = seen(
      await hub()
        .post('/v1/stores', {
          name: '',
          platform: 'demo-shop',
          sellingRegion: 'north_america',
          driftPolicy: 'ignore',
          stockSyncEnabled: 'yes',
          credentials: 'x',
          color: 'red',
        })
        .expect(400),
    );
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'color',
      'credentials',
      'driftPolicy',
      'name',
      'stockSyncEnabled',
    ]);
  });

  it('unknown platform and unknown region are named', async () => {
    const res = seen(
      await hub()
        .post('/v1/stores', validBody({ platform: 'nope', sellingRegion: 'atlantis' }))
        .expect(400),
    );
    expect(res.body.details).toEqual([
      { path: 'sellingRegion', message: expect.stringContaining('atlantis') },
      { path: 'platform', message: expect.stringContaining('demo-shop') },
    ]);
  });

  it("credentials are checked against the integration's declared fields (credentials.<field>)", async () => {
    const res = seen(
      await hub()
        .post('/v1/stores', validBody({ credentials: { shop: 'x', accessToken: '', password: 'hunter2', baseUrl: 'ftp://nope' } }))
        .expect(400),
    );
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'credentials.accessToken',
      'credentials.baseUrl',
      'credentials.password',
    ]);
    expect(res.text).not.toContain('hunter2');
  });

  it('nothing of a rejected store is written', async () => {
    const before = (await hub().sql(`SELECT id FROM stores`)).length;
    seen(
      await hub()
        .post('/v1/stores', validBody({ credentials: {} }))
        .expect(400),
    );
    expect((await hub().sql(`SELECT id FROM stores`)).length).toBe(before);
  });

  describe('?verify=true connects through the plugin', () => {
    it('good credentials: verified on the platform, then created', async () => {
      platform.requests.length = 0;
      const res = seen(
        await hub()
          .post(
            '/v1/stores?verify=true',
            validBody({ credentials: { shop: 'verified', accessToken: GOOD_TOKEN, baseUrl: platform.baseUrl } }),
          )
          .expect(201),
      );
      expect(res.body.credentialsSet).toEqual(['shop', 'accessToken', 'baseUrl']);
      expect(platform.requests).toEqual([{ method: 'GET', url: '/shops/verified/verify', authorization: `Bearer ${GOOD_TOKEN}` }]);
    });

    it('rejected credentials: 400 naming credentials, no secret in the answer, nothing stored', async () => {
      const before = (await hub().sql(`SELECT id FROM stores`)).length;
      const res = seen(
        await hub()
          .post(
            '/v1/stores?verify=true',
            validBody({ credentials: { shop: 'revoked', accessToken: BAD_TOKEN, baseUrl: platform.baseUrl } }),
          )
          .expect(400),
      );
      expect(res.body).toEqual({
        error: 'validation_failed',
        details: [{ path: 'credentials', message: expect.stringMatching(/rejected/) }],
      });
      expect(res.text).not.toContain(BAD_TOKEN);
      expect((await hub().sql(`SELECT id FROM stores`)).length).toBe(before);
    });

    it('an unreachable platform: 502, nothing stored', async () => {
      const res = seen(
        await hub()
          .post('/v1/stores?verify=true', validBody({ credentials: { shop: 'x', accessToken: GOOD_TOKEN, baseUrl: 'http://127.0.0.1:9' } }))
          .expect(502),
      );
      expect(res.body.error).toBe('platform_unavailable');
    });

    it('verify must be a boolean', async () => {
      const res = seen(await hub().post('/v1/stores?verify=maybe', validBody()).expect(400));
      expect(res.body.details[0].path).toBe('verify');
    });
  });

  describe('PATCH', () => {
    let storeId: string;

    beforeAll(async () => {
      await putCatalog(hub(), [POD(11), POD(12)]);
      storeId = await createStore(hub(), { sellingRegion: 'north_america', credentials: { shop: 'patchy', accessToken: SECRET } });
      await putSyncVariants(hub(), storeId, [
        { externalProductId: 'p', externalVariantId: 'a', catalogVariantId: 11 },
        { externalProductId: 'p', externalVariantId: 'b', catalogVariantId: 12 },
        { externalProductId: 'p', externalVariantId: 'ignored', catalogVariantId: 12, ignored: true },
        { externalProductId: 'p', externalVariantId: 'unlinked', catalogVariantId: null },
      ]);
    });
    beforeEach(() => clearPending(hub()));

    const trigger = async () =>
      (await hub().sql<{ pending_trigger: string | null }>(`SELECT pending_trigger FROM stores WHERE id = $1`, [storeId]))[0]!
        .pending_trigger;

    it('a selling-region change marks every synced variant of the store pending (trigger settings)', async () => {
      const res = seen(await hub().patch(`/v1/stores/${storeId}`, { sellingRegion: 'europe' }).expect(200));
      expect(res.body.sellingRegion).toBe('europe');
      expect(await pendingByVariant(hub(), storeId)).toEqual({ a: true, b: true, ignored: false, unlinked: false });
      expect(await trigger()).toBe('settings');
    });

    it('renaming or changing the drift policy schedules nothing', async () => {
      const res = seen(
        await hub().patch(`/v1/stores/${storeId}`, { name: 'Renamed', driftPolicy: 'report', sellingRegion: 'europe' }).expect(200),
      );
      expect(res.body).toMatchObject({ name: 'Renamed', driftPolicy: 'report' });
      expect(Object.values(await pendingByVariant(hub(), storeId)).some(Boolean)).toBe(false);
      expect(await trigger()).toBeNull();
    });

    it('disabling stock sync marks nothing; enabling it again marks the synced variants', async () => {
      seen(await hub().patch(`/v1/stores/${storeId}`, { stockSyncEnabled: false }).expect(200));
      expect(Object.values(await pendingByVariant(hub(), storeId)).some(Boolean)).toBe(false);
      seen(await hub().patch(`/v1/stores/${storeId}`, { stockSyncEnabled: true }).expect(200));
      expect(await pendingByVariant(hub(), storeId)).toEqual({ a: true, b: true, ignored: false, unlinked: false });
    });

    it('the platform cannot change (409)', async () => {
      const res = seen(await hub().patch(`/v1/stores/${storeId}`, { platform: 'shopify' }).expect(409));
      expect(res.body).toEqual({ error: 'conflict', message: expect.any(String) });
      seen(await hub().patch(`/v1/stores/${storeId}`, { platform: 'demo-shop' }).expect(200));
    });

    it('validates patched fields by name', async () => {
      const res = seen(
        await hub()
          .patch(`/v1/stores/${storeId}`, { sellingRegion: 'mars', status: 'needs_reconnect', credentials: { shop: 'x' } })
          .expect(400),
      );
      // One 400 names every offending field: the format error and the reference errors together (issue 7).
      expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['credentials.accessToken', 'sellingRegion', 'status']);
      const res2 = seen(
        await hub()
          .patch(`/v1/stores/${storeId}`, { sellingRegion: 'mars', credentials: { shop: 'x' } })
          .expect(400),
      );
      expect(res2.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['credentials.accessToken', 'sellingRegion']);
    });

    it('pause and resume', async () => {
      const paused = seen(await hub().patch(`/v1/stores/${storeId}`, { status: 'paused', statusReason: 'holiday' }).expect(200));
      expect(paused.body).toMatchObject({ status: 'paused', statusReason: 'holiday' });
      const resumed = seen(await hub().patch(`/v1/stores/${storeId}`, { status: 'active' }).expect(200));
      expect(resumed.body).toMatchObject({ status: 'active', statusReason: null });
    });

    it('new credentials replace the old ones (encrypted) and bring a needs_reconnect store back to active', async () => {
      await hub().sql(`UPDATE stores SET status = 'needs_reconnect', status_reason = 'token revoked' WHERE id = $1`, [storeId]);
      const NEW_SECRET = 'shpat_test_rotated_secret_99';
      const res = seen(
        await hub()
          .patch(`/v1/stores/${storeId}`, { credentials: { shop: 'patchy', accessToken: NEW_SECRET } })
          .expect(200),
      );
      expect(res.body).toMatchObject({ status: 'active', statusReason: null, credentialsSet: ['shop', 'accessToken'] });
      expect(res.text).not.toContain(NEW_SECRET);
      const [row] = await hub().sql<{ credentials: Uint8Array }>(`SELECT credentials FROM stores WHERE id = $1`, [storeId]);
      expect(Buffer.from(row!.credentials).includes(Buffer.from(NEW_SECRET))).toBe(false);
    });

    it('PATCH ?verify=true checks the stored credentials when none are sent', async () => {
      const id = await createStore(hub(), {
        sellingRegion: 'europe',
        credentials: { shop: 'v', accessToken: BAD_TOKEN, baseUrl: platform.baseUrl },
      });
      const res = seen(await hub().patch(`/v1/stores/${id}?verify=true`, { name: 'still bad' }).expect(400));
      expect(res.body.details[0].path).toBe('credentials');
      seen(
        await hub()
          .patch(`/v1/stores/${id}?verify=true`, { credentials: { shop: 'v', accessToken: GOOD_TOKEN, baseUrl: platform.baseUrl } })
          .expect(200),
      );
    });
  });

  it('no response in this file ever contained a credential value', () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) {
      for (const secret of [SECRET, WEBHOOK_SECRET, GOOD_TOKEN, BAD_TOKEN, 'shpat_test_rotated_secret_99', 'shpat_test_store_token_1']) {
        expect(body).not.toContain(secret);
      }
    }
  });
});
