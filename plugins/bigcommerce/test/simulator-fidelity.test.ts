/** The BigCommerce simulator answers as the platform does: auth, spec validation, batch limits, rate headers. */
import { useSimulator } from '@stock-sync/plugin-testkit/contract';
import { call, product, Q, startBcSimulator, V3, type BcSim } from './support/store';

const sim = useSimulator(async (): Promise<BcSim> => {
  const sim = await startBcSimulator();
  sim.seed([product(10, 101, 2), product(20, 201, 2, Q(5))]);
  return sim;
});

describe('auth', () => {
  it("answers 401 problem+json without a token, with a wrong one, and for another store's hash", async () => {
    for (const [path, token] of [
      [`${V3}/catalog/products`, null],
      [`${V3}/catalog/products`, 'bc_wrong'],
      ['/stores/otherstore/v3/catalog/products', sim.credentials.accessToken],
    ] as const) {
      const res = await call(sim, 'GET', path, undefined, token);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 401, title: expect.any(String), type: expect.stringContaining('api-status-codes') });
    }
  });
});

describe('validation against the official specs', () => {
  it('refuses a variants batch that does not match updateVariantsBatch (422) or carries more than 50 (413)', async () => {
    const bad = await call(sim, 'PUT', `${V3}/catalog/variants`, [{ id: 101, purchasing_disabled: 'yes' }]);
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body.errors)).toContain('boolean');
    const big = await call(
      sim,
      'PUT',
      `${V3}/catalog/variants`,
      Array.from({ length: 51 }, () => ({ id: 101, purchasing_disabled: true })),
    );
    expect(big.status).toBe(413);
    expect(big.body.title).toMatch(/maximum items allowed in the array is 50/);
    expect(sim.state.variants.get(101)!.purchasingDisabled).toBe(false);
  });

  it('refuses the whole variants batch (batch_errors) when one id is unknown', async () => {
    const res = await call(sim, 'PUT', `${V3}/catalog/variants`, [
      { id: 101, purchasing_disabled: true },
      { id: 99999, purchasing_disabled: true },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.batch_errors).toHaveLength(1);
    expect(sim.state.variants.get(101)!.purchasingDisabled).toBe(false);
  });

  it('refuses an adjustment item with two identities (oneOf) and one for a variant its product does not track', async () => {
    const two = await call(sim, 'PUT', `${V3}/inventory/adjustments/absolute`, {
      reason: 'x',
      items: [{ location_id: 1, variant_id: 201, sku: 'SKU-201', quantity: 3 }],
    });
    expect(two.status).toBe(422);
    const untracked = await call(sim, 'PUT', `${V3}/inventory/adjustments/absolute`, {
      reason: 'x',
      items: [
        { location_id: 1, variant_id: 201, quantity: 3 },
        { location_id: 1, variant_id: 101, quantity: 3 },
      ],
    });
    expect(untracked.status).toBe(422);
    expect(untracked.body.title).toMatch(/variant_id 101 is not tracked/);
    // All or nothing: the valid item was not applied either.
    expect(sim.state.variants.get(201)!.inventoryLevel).toBe(5);
    const ok = await call(sim, 'PUT', `${V3}/inventory/adjustments/absolute`, {
      reason: 'x',
      items: [{ location_id: 1, sku: 'SKU-201', quantity: 3 }],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.transaction_id).toEqual(expect.any(String));
    expect(sim.state.variants.get(201)!.inventoryLevel).toBe(3);
  });
});

describe('derived fields', () => {
  it("reports a variant-tracked product's inventory_level as the sum of its variants, and honours include_fields", async () => {
    const res = await call(
      sim,
      'GET',
      `${V3}/catalog/products?id:in=10,20&include=variants&include_fields=inventory_tracking,inventory_level`,
    );
    expect(res.status).toBe(200);
    expect(res.body.data.map((p: any) => [p.id, p.inventory_tracking, p.inventory_level, p.name, p.variants.length])).toEqual([
      [10, 'none', 0, undefined, 2],
      [20, 'variant', 10, undefined, 2],
    ]);
    expect(res.body.meta.pagination).toMatchObject({ total: 2, count: 2, current_page: 1 });
  });
});

describe('rate limit', () => {
  it('sends X-Rate-Limit-* on every answer and a 429 naming the wait in X-Rate-Limit-Time-Reset-Ms', async () => {
    const ok = await call(sim, 'GET', `${V3}/catalog/products`);
    expect(ok.headers.get('x-rate-limit-requests-quota')).toBe('150');
    expect(Number(ok.headers.get('x-rate-limit-requests-left'))).toBeGreaterThan(100);
    expect(ok.headers.get('x-rate-limit-time-window-ms')).toBe('30000');
    sim.faults.rateLimit(1, 3);
    const throttled = await call(sim, 'GET', `${V3}/catalog/products`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-rate-limit-requests-left')).toBe('0');
    expect(throttled.headers.get('x-rate-limit-time-reset-ms')).toBe('3000');
    expect(throttled.headers.get('retry-after')).toBeNull();
  });
});
