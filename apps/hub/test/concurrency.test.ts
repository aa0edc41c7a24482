/**
 * Concurrent HTTP requests against one hub. On PGlite (ONE session) this proves the serialising pool:
 * without it, requests' statements would run inside each other's transactions (a ROLLBACK undoing
 * someone else's writes, a second BEGIN ignored). On PostgreSQL the same assertions hold through the
 * pool and row locks.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describeHub } from './support/hub-harness';
import { nextObservedAt, POD, putCatalog } from './support/scenario';

describeHub('concurrent requests', (hub) => {
  beforeAll(async () => {
    await putCatalog(hub(), [POD(31), POD(32)]);
  });

  it("a transaction that rolls back never takes concurrent requests' writes with it", async () => {
    const failing = hub()
      .db.transaction(async (m) => {
        await m.query(`INSERT INTO catalog_variants (id, product_id, name, fulfillment) VALUES (90001, 1, 'doomed', 'pod')`);
        await sleep(300); // requests arrive meanwhile
        throw new Error('boom');
      })
      .then(
        () => 'committed',
        (e: Error) => e.message,
      );
    await sleep(20);
    const writes = Array.from({ length: 8 }, (_, i) => hub().put('/v1/catalog/variants', { variants: [POD(90100 + i)] }));
    const [outcome, ...responses] = await Promise.all([failing, ...writes]);
    expect(outcome).toBe('boom');
    for (const r of responses) expect(r.status).toBe(200);
    const ids = (await hub().sql<{ id: number }>(`SELECT id FROM catalog_variants WHERE id >= 90000 ORDER BY id`)).map((r) => r.id);
    expect(ids).toEqual(Array.from({ length: 8 }, (_, i) => 90100 + i));
  });

  it('mixed concurrent batches: every valid one fully applied, every invalid one wrote nothing', async () => {
    const at = nextObservedAt();
    const requests = Array.from({ length: 24 }, (_, i) => {
      if (i % 3 === 2) {
        // invalid: one unknown facility in an otherwise valid batch
        return hub().post('/v1/facility-stock', {
          updates: [
            { variantId: 31, facility: 'ES', status: 'in_stock', observedAt: at },
            { variantId: 32, facility: `NOPE${i}`, status: 'in_stock', observedAt: at },
          ],
        });
      }
      if (i % 3 === 1) return hub().put('/v1/catalog/variants', { variants: [POD(91000 + i)] });
      return hub().post('/v1/facility-stock', {
        updates: [
          {
            variantId: 32,
            facility: ['US-NC', 'US-TX', 'MX', 'CA', 'LV', 'UK', 'AU', 'JP'][i / 3],
            status: 'out_of_stock',
            observedAt: at,
          },
        ],
      });
    });
    const responses = await Promise.all(requests);
    responses.forEach((r, i) => expect([i, r.status]).toEqual([i, i % 3 === 2 ? 400 : i % 3 === 1 ? 200 : 202]));
    const rows = await hub().sql<{ variant_id: number; facility_code: string }>(
      `SELECT variant_id, facility_code FROM facility_stock WHERE variant_id IN (31, 32) ORDER BY variant_id, facility_code`,
    );
    // The invalid batches' valid half (31@ES) must not exist; all eight valid 32@… rows must.
    expect(rows.filter((r) => r.variant_id === 31)).toEqual([]);
    expect(rows.filter((r) => r.variant_id === 32)).toHaveLength(8);
    const catalog = await hub().sql(`SELECT id FROM catalog_variants WHERE id >= 91000`);
    expect(catalog).toHaveLength(8);
  });

  it('a burst of concurrent reads and writes all succeed', async () => {
    const burst = Array.from({ length: 30 }, (_, i) =>
      i % 2
        ? hub().get('/v1/catalog/variants/31/stock')
        : hub().post('/v1/facility-stock', {
            updates: [{ variantId: 31, facility: 'CA', status: i % 4 ? 'in_stock' : 'out_of_stock', observedAt: nextObservedAt() }],
          }),
    );
    const statuses = (await Promise.all(burst)).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(15);
    expect(statuses.filter((s) => s === 202)).toHaveLength(15);
  });
});
