/**
 * Issue 7 items 3, 4, 5 (validation part) and 9: inputs that once reached a 500 or were silently
 * accepted, and a 400 that names every offending field at once.
 */
import { describeHub } from './support/hub-harness';
import { createStore, nextObservedAt, POD, putCatalog, WAREHOUSE } from './support/scenario';

const paths = (body: { details: { path: string }[] }) => body.details.map((d) => d.path);
const cursorOf = (after: string) => Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');

describeHub('input validation (issue 7)', (hub) => {
  let storeId: string;

  beforeAll(async () => {
    await putCatalog(hub(), [POD(5101), POD(5102), WAREHOUSE(5201)]);
    storeId = await createStore(hub(), { sellingRegion: 'north_america' });
  });

  const stock = async (variantId: number, facility: string) =>
    (
      await hub().sql<{ status: string | null; quantity: number | null }>(
        `SELECT status, quantity FROM facility_stock WHERE variant_id = $1 AND facility_code = $2`,
        [variantId, facility],
      )
    )[0];

  describe('null is not "absent"', () => {
    it('status: null (POD) and quantity: null (warehouse) are a 400 naming the field, and the known state stays', async () => {
      await hub()
        .post('/v1/facility-stock', {
          updates: [
            { variantId: 5101, facility: 'US-NC', status: 'in_stock', observedAt: nextObservedAt() },
            { variantId: 5201, facility: 'US-NC', quantity: 4, observedAt: nextObservedAt() },
          ],
        })
        .expect(202);
      const res = await hub()
        .post('/v1/facility-stock', {
          updates: [
            { variantId: 5101, facility: 'US-NC', status: null, observedAt: nextObservedAt() },
            { variantId: 5201, facility: 'US-NC', quantity: null, observedAt: nextObservedAt() },
          ],
        })
        .expect(400);
      expect(paths(res.body)).toEqual(['updates[0].status', 'updates[1].quantity']);
      expect(res.body.details[0].message).toContain('must not be null');
      expect(await stock(5101, 'US-NC')).toEqual({ status: 'in_stock', quantity: null });
      expect(await stock(5201, 'US-NC')).toEqual({ status: null, quantity: 4 });
    });

    it.each(['name', 'driftPolicy', 'stockSyncEnabled', 'sellingRegion', 'credentials', 'status'])(
      'PATCH a store with %s: null → 400 naming it',
      async (field) => {
        const res = await hub()
          .patch(`/v1/stores/${storeId}`, { [field]: null })
          .expect(400);
        expect(paths(res.body)).toEqual([field]);
      },
    );

    it('reconcileIntervalSeconds: null keeps its documented meaning (the hub-wide default)', async () => {
      const res = await hub().patch(`/v1/stores/${storeId}`, { reconcileIntervalSeconds: null }).expect(200);
      expect(res.body.reconcileIntervalSeconds).toBeNull();
    });

    it('ignored: null on a sync variant and dryRun: null on a sync are 400s', async () => {
      const r1 = await hub()
        .put(`/v1/stores/${storeId}/sync-variants`, {
          variants: [{ externalProductId: 'p', externalVariantId: 'v', catalogVariantId: 5101, ignored: null }],
        })
        .expect(400);
      expect(paths(r1.body)).toEqual(['variants[0].ignored']);
      const r2 = await hub().post(`/v1/stores/${storeId}/sync`, { dryRun: null }).expect(400);
      expect(paths(r2.body)).toEqual(['dryRun']);
    });
  });

  describe('NUL characters', () => {
    it.each([
      [
        'facility-stock facility',
        'post',
        '/v1/facility-stock',
        { updates: [{ variantId: 5101, facility: 'US\u0000NC', status: 'in_stock', observedAt: '2026-01-01T00:00:00Z' }] },
        'updates[0].facility',
      ],
      ['catalog name', 'put', '/v1/catalog/variants', { variants: [{ ...POD(5301), name: 'bad\u0000name' }] }, 'variants[0].name'],
      ['catalog sku', 'put', '/v1/catalog/variants', { variants: [{ ...POD(5302), sku: 'SKU\u0000' }] }, 'variants[0].sku'],
      [
        'store name',
        'post',
        '/v1/stores',
        {
          name: 'a\u0000b',
          platform: 'demo-shop',
          sellingRegion: 'north_america',
          credentials: { shop: 'demo', accessToken: 'shpat_test_x' },
        },
        'name',
      ],
      [
        'selling region',
        'post',
        '/v1/stores',
        {
          name: 'n',
          platform: 'demo-shop',
          sellingRegion: 'north\u0000america',
          credentials: { shop: 'demo', accessToken: 'shpat_test_x' },
        },
        'sellingRegion',
      ],
    ])('%s → 400 naming the field', async (_label, method, path, body, field) => {
      const res = await (method === 'post' ? hub().post(path as string, body as object) : hub().put(path as string, body as object)).expect(
        400,
      );
      expect(paths(res.body)).toContain(field);
      expect(res.body.details.find((d: { path: string }) => d.path === field).message).toContain('NUL');
    });

    it('in external ids of a sync-variant batch', async () => {
      const res = await hub()
        .put(`/v1/stores/${storeId}/sync-variants`, {
          variants: [{ externalProductId: 'p\u0000', externalVariantId: 'v\u0000', catalogVariantId: null }],
        })
        .expect(400);
      expect(paths(res.body).sort()).toEqual(['variants[0].externalProductId', 'variants[0].externalVariantId']);
    });

    it('in a key: the path spells every NUL of the key out as \\u0000', async () => {
      const res = await hub()
        .post('/v1/stores', {
          name: 'n',
          platform: 'demo-shop',
          sellingRegion: 'north_america',
          credentials: { 'a\u0000b\u0000c': 'x', shop: 'demo', accessToken: 'shpat_test_x' },
        })
        .expect(400);
      expect(paths(res.body)).toEqual(['credentials.a\\u0000b\\u0000c']);
    });
  });

  describe('shapes and dates', () => {
    it('a nested array in a batch is a 400', async () => {
      const r1 = await hub()
        .put('/v1/catalog/variants', { variants: [[]] })
        .expect(400);
      expect(paths(r1.body)[0]).toMatch(/^variants/);
      const r2 = await hub()
        .put(`/v1/stores/${storeId}/sync-variants`, { variants: [[]] })
        .expect(400);
      expect(paths(r2.body)[0]).toMatch(/^variants/);
      const r3 = await hub()
        .post('/v1/facility-stock', { updates: [[]] })
        .expect(400);
      expect(paths(r3.body)).toEqual(['updates']);
    });

    it.each([
      '0000-01-01T00:00:00Z',
      '2025-02-30T12:00:00Z',
      '2023-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '1969-12-31T23:59:59Z',
    ])('observedAt %s → 400', async (observedAt) => {
      const res = await hub()
        .post('/v1/facility-stock', { updates: [{ variantId: 5102, facility: 'US-NC', status: 'in_stock', observedAt }] })
        .expect(400);
      expect(paths(res.body)).toEqual(['updates[0].observedAt']);
      expect(await stock(5102, 'US-NC')).toBeUndefined();
    });

    it('a real leap day and an offset are accepted', async () => {
      await hub()
        .post('/v1/facility-stock', {
          updates: [{ variantId: 5102, facility: 'US-TX', status: 'in_stock', observedAt: '2024-02-29T23:30:00-05:00' }],
        })
        .expect(202);
    });

    it('a sync-variants cursor beyond the bigint range → 400 naming cursor', async () => {
      const res = await hub()
        .get(`/v1/stores/${storeId}/sync-variants?cursor=${cursorOf('9999999999999999999')}`)
        .expect(400);
      expect(paths(res.body)).toEqual(['cursor']);
      await hub()
        .get(`/v1/stores/${storeId}/sync-variants?cursor=${cursorOf('9223372036854775807')}`)
        .expect(200);
    });
  });

  describe('batch limits and bounded details', () => {
    it('an over-limit batch is refused before its items are checked', async () => {
      const updates = Array.from({ length: 15_000 }, (_, i) => i);
      const res = await hub().post('/v1/facility-stock', { updates }).expect(400);
      expect(res.body.details).toEqual([{ path: 'updates', message: expect.stringContaining('at most 10000') }]);
    });

    it('10 000 invalid items: the first 100 details and the total', async () => {
      const updates = Array.from({ length: 10_000 }, () => ({ variantId: 'x', facility: 7 }));
      const res = await hub().post('/v1/facility-stock', { updates }).expect(400);
      expect(res.body.details).toHaveLength(100);
      expect(res.body.details[0].path).toBe('updates[0].variantId');
      expect(res.body.totalDetails).toBeGreaterThanOrEqual(30_000);
    });
  });

  describe('one 400 names every offending field (item 9)', () => {
    it('facility stock: format errors and reference errors together', async () => {
      const res = await hub()
        .post('/v1/facility-stock', {
          updates: [
            { variantId: 'x', facility: 'US-NC', status: 'in_stock', observedAt: nextObservedAt() },
            { variantId: 999_999, facility: 'US-NC', status: 'in_stock', observedAt: nextObservedAt() },
            { variantId: 5101, facility: 'NOWHERE', status: 'in_stock', observedAt: nextObservedAt() },
            { variantId: 5101, facility: 'US-NC', observedAt: nextObservedAt() },
            { variantId: 5201, facility: 'US-NC', quantity: 'many', observedAt: nextObservedAt() },
          ],
        })
        .expect(400);
      expect(paths(res.body)).toEqual([
        'updates[0].variantId',
        'updates[1].variantId',
        'updates[2].facility',
        'updates[3].status',
        'updates[4].quantity',
      ]);
    });

    it('sync variants: a format error and an unknown catalog variant together', async () => {
      const res = await hub()
        .put(`/v1/stores/${storeId}/sync-variants`, {
          variants: [
            { externalProductId: '', externalVariantId: 'v1', catalogVariantId: 5101 },
            { externalProductId: 'p', externalVariantId: 'v2', catalogVariantId: 888_888 },
          ],
        })
        .expect(400);
      expect(paths(res.body)).toEqual(['variants[0].externalProductId', 'variants[1].catalogVariantId']);
    });

    it('stores: a format error, an unknown selling region and a missing credential together', async () => {
      const res = await hub()
        .post('/v1/stores', { name: '', platform: 'demo-shop', sellingRegion: 'atlantis', credentials: { shop: 'demo' } })
        .expect(400);
      expect(paths(res.body)).toEqual(expect.arrayContaining(['name', 'sellingRegion', 'credentials.accessToken']));
    });
  });

  describe('unrecognised facility status (PRODUCT.md rule 4)', () => {
    it('is accepted, stored as unknown and counted; spelling variants of a known status are recognised', async () => {
      const res = await hub()
        .post('/v1/facility-stock', {
          updates: [
            { variantId: 5101, facility: 'MX', status: 'temporarily_paused', observedAt: nextObservedAt() },
            { variantId: 5102, facility: 'MX', status: 'Out Of Stock', observedAt: nextObservedAt() },
          ],
        })
        .expect(202);
      expect(res.body).toEqual({ accepted: 2, stale: 0, unrecognisedStatus: 1, affectedSyncVariants: 0 });
      expect(await stock(5101, 'MX')).toEqual({ status: 'unknown', quantity: null });
      expect(await stock(5102, 'MX')).toEqual({ status: 'out_of_stock', quantity: null });
    });
  });

  describe('credential values', () => {
    it('a value over 8 KiB → 400 naming it', async () => {
      const res = await hub()
        .post('/v1/stores', {
          name: 'big',
          platform: 'demo-shop',
          sellingRegion: 'north_america',
          credentials: { shop: 'demo', accessToken: 'x'.repeat(8 * 1024 + 1) },
        })
        .expect(400);
      expect(paths(res.body)).toEqual(['credentials.accessToken']);
      await hub()
        .post('/v1/stores', {
          name: 'ok',
          platform: 'demo-shop',
          sellingRegion: 'north_america',
          credentials: { shop: 'demo', accessToken: 'x'.repeat(8 * 1024) },
        })
        .expect(201);
    });
  });
});
