import { describeHub, TEST_TOKEN } from './support/hub-harness';

describeHub('health, auth, reference data, OpenAPI', (hub) => {
  it('GET /health needs no token and checks the database', async () => {
    const res = await hub().raw().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up', kind: hub().kind } });
  });

  it.each(['/v1/facilities', '/v1/selling-regions', '/v1/integrations', '/v1/stores'])('%s without a token → 401', async (p) => {
    const res = await hub().raw().get(p).expect(401);
    expect(res.body).toEqual({ error: 'unauthorized' });
  });

  it.each([
    ['a wrong token', `Bearer ${TEST_TOKEN}x`],
    ['a prefix of the token', `Bearer ${TEST_TOKEN.slice(0, -1)}`],
    ['another scheme', `Basic ${TEST_TOKEN}`],
    ['an empty bearer', 'Bearer '],
  ])('%s → 401', async (_what, header) => {
    const res = await hub().raw().get('/v1/facilities').set('Authorization', header).expect(401);
    expect(res.body).toEqual({ error: 'unauthorized' });
  });

  it('401 also for writes, before any validation', async () => {
    const res = await hub().raw().post('/v1/facility-stock').send({ updates: 'nope' }).expect(401);
    expect(res.body).toEqual({ error: 'unauthorized' });
  });

  it('GET /v1/facilities lists the seeded facilities', async () => {
    const res = await hub().get('/v1/facilities').expect(200);
    const codes = res.body.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['US-NC', 'US-TX', 'MX', 'CA', 'LV', 'ES', 'UK', 'AU', 'JP', 'BR']));
    expect(res.body.find((f: { code: string }) => f.code === 'UK')).toMatchObject({ name: 'Birmingham', country: 'GB' });
  });

  it('GET /v1/selling-regions lists the 17 regions with their facilities', async () => {
    const res = await hub().get('/v1/selling-regions').expect(200);
    expect(res.body).toHaveLength(17);
    const na = res.body.find((r: { code: string }) => r.code === 'north_america');
    expect([...na.facilities].sort()).toEqual(['CA', 'MX', 'US-NC', 'US-TX']);
    const ww = res.body.find((r: { code: string }) => r.code === 'worldwide');
    expect(ww.facilities).toHaveLength(10);
  });

  it('GET /v1/integrations lists the loaded plugins only, with credential field names (no values)', async () => {
    const res = await hub().get('/v1/integrations').expect(200);
    expect(res.body.map((i: { id: string }) => i.id)).toEqual(['demo-shop']);
    expect(res.body[0]).toMatchObject({
      id: 'demo-shop',
      displayName: 'Demo Shop',
      capabilities: { unlimitedStock: 'native', maxBatch: 50, readBack: true },
      available: true,
    });
    expect(res.body[0].credentialFields).toEqual(
      expect.arrayContaining([
        { name: 'shop', secret: false, required: true, description: 'shop handle' },
        { name: 'accessToken', secret: true, required: true, description: 'API token' },
      ]),
    );
  });

  it('an unknown query field is rejected by name', async () => {
    const res = await hub().get('/v1/integrations?bogus=1').expect(400);
    expect(res.body).toEqual({ error: 'validation_failed', details: [{ path: 'bogus', message: 'bogus is not an allowed field' }] });
  });

  it('unknown routes answer 404 in the API shape', async () => {
    const res = await hub().get('/v1/nope').expect(404);
    expect(res.body.error).toBe('not_found');
  });

  it('serves the OpenAPI spec at /docs/openapi.json and the UI at /docs (no token)', async () => {
    const spec = await hub().raw().get('/docs/openapi.json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    for (const p of [
      '/v1/facility-stock',
      '/v1/catalog/variants',
      '/v1/catalog/variants/{id}/stock',
      '/v1/stores',
      '/v1/stores/{id}',
      '/v1/stores/{id}/sync-variants',
      '/v1/integrations',
      '/v1/facilities',
      '/v1/selling-regions',
    ]) {
      expect(spec.body.paths).toHaveProperty([p]);
    }
    const ui = await hub().raw().get('/docs').redirects(1).expect(200);
    expect(ui.text).toMatch(/swagger/i);
  });
});
