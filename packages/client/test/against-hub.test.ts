/** The client against a real hub: typed calls, bearer auth, typed validation errors, batching at 10 000. */
import {
  createHubClient,
  expectOk,
  HubApiError,
  HubBatchError,
  HubValidationError,
  postFacilityStock,
  putCatalogVariants,
  type FacilityStockUpdate,
} from '../src';
import { startHub, type RunningHub } from './support-hub';

let hub: RunningHub;
beforeAll(async () => {
  hub = await startHub();
}, 120_000);
afterAll(async () => {
  await hub?.stop();
});

/** A fetch that counts the requests it sends. */
function countingFetch() {
  const sent: string[] = [];
  const fetch = (request: Request) => {
    sent.push(`${request.method} ${new URL(request.url).pathname}`);
    return globalThis.fetch(request);
  };
  return { sent, fetch };
}

describe('the client against a real hub', () => {
  it('typed reads with the bearer token: facilities and selling regions', async () => {
    const client = createHubClient({ baseUrl: hub.url, token: hub.token });
    const facilities = await expectOk(client.GET('/v1/facilities'));
    expect(facilities.map((f) => f.code)).toContain('US-NC');
    const regions = await expectOk(client.GET('/v1/selling-regions'));
    expect(regions.find((r) => r.code === 'north_america')?.facilities).toContain('US-NC');
  });

  it('a wrong token is a HubApiError 401 unauthorized (not retried: 401 is final)', async () => {
    const { sent, fetch } = countingFetch();
    const client = createHubClient({ baseUrl: hub.url, token: 'not_the_token_0123456789', fetch });
    const error = await expectOk(client.GET('/v1/stores')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', method: 'GET', url: '/v1/stores' });
    expect(sent).toEqual(['GET /v1/stores']);
  });

  it('invalid input is a HubValidationError naming every field', async () => {
    const client = createHubClient({ baseUrl: hub.url, token: hub.token });
    const error = await expectOk(
      client.PUT('/v1/catalog/variants', { body: { variants: [{ id: -1, productId: 1, name: 'x', fulfillment: 'pod' }] } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubValidationError);
    const v = error as HubValidationError;
    expect(v.status).toBe(400);
    expect(v.details.map((d) => d.path)).toEqual(['variants[0].id']);
  });

  it('uploads over 10 000 items go in batches of 10 000, the answers added up', async () => {
    const { sent, fetch } = countingFetch();
    const client = createHubClient({ baseUrl: hub.url, token: hub.token, fetch });
    const variants = Array.from({ length: 10_001 }, (_, i) => ({
      id: 500_000 + i,
      productId: 9,
      name: `v${i}`,
      fulfillment: 'pod' as const,
    }));
    expect(await putCatalogVariants(client, variants)).toEqual({ upserted: 10_001, requests: 2 });
    const updates: FacilityStockUpdate[] = variants.map((v) => ({
      variantId: v.id,
      facility: 'US-NC',
      status: 'in_stock',
      observedAt: '2026-01-31T12:00:00Z',
    }));
    const result = await postFacilityStock(client, updates);
    expect(result).toMatchObject({ accepted: 10_001, stale: 0, unrecognisedStatus: 0, requests: 2 });
    // The same observations again: every one is stale (which is why the client may retry this POST).
    expect(await postFacilityStock(client, updates)).toMatchObject({ accepted: 0, stale: 10_001, requests: 2 });
    expect(sent.filter((s) => s === 'PUT /v1/catalog/variants')).toHaveLength(2);
    expect(sent.filter((s) => s === 'POST /v1/facility-stock')).toHaveLength(4);
  }, 120_000);

  it('a refused batch: the ones before it stay applied, its details name the index in the whole list', async () => {
    const client = createHubClient({ baseUrl: hub.url, token: hub.token });
    await putCatalogVariants(
      client,
      [1, 2, 3, 4, 5, 6, 7].map((n) => ({ id: 600_000 + n, productId: 9, name: `w${n}`, fulfillment: 'pod' as const })),
    );
    const updates: FacilityStockUpdate[] = [1, 2, 3, 4, 5, 6, 7].map((n) => ({
      variantId: 600_000 + n,
      facility: 'US-TX',
      status: 'out_of_stock',
      observedAt: '2026-02-01T00:00:00Z',
    }));
    updates[5] = { ...updates[5], observedAt: '2026-02-30T00:00:00Z' };
    const error = await postFacilityStock(client, updates, { batchSize: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubBatchError);
    const b = error as HubBatchError;
    expect({ batchesApplied: b.batchesApplied, itemsApplied: b.itemsApplied }).toEqual({ batchesApplied: 1, itemsApplied: 3 });
    expect(b.cause).toBeInstanceOf(HubValidationError);
    expect((b.cause as HubValidationError).details.map((d) => d.path)).toEqual(['updates[5].observedAt']);
    const stock = await expectOk(client.GET('/v1/catalog/variants/{id}/stock', { params: { path: { id: 600_001 } } }));
    expect(stock.facilities.map((f) => [f.facility, f.status])).toEqual([['US-TX', 'out_of_stock']]);
    const untouched = await expectOk(client.GET('/v1/catalog/variants/{id}/stock', { params: { path: { id: 600_004 } } }));
    expect(untouched.facilities).toEqual([]);
  });

  it("the README's five lines report facility stock", async () => {
    const hubUrl = hub.url;
    const token = hub.token;
    await putCatalogVariants(createHubClient({ baseUrl: hubUrl, token }), [
      { id: 4011, productId: 71, name: 'Tee / M', fulfillment: 'warehouse' },
    ]);
    // --- README.md: "Report facility stock in five lines"
    const hub2 = createHubClient({ baseUrl: hubUrl, token });
    const result = await postFacilityStock(hub2, [
      { variantId: 4011, facility: 'US-NC', quantity: 12, observedAt: new Date().toISOString() },
    ]);
    // ---
    expect(result).toMatchObject({ accepted: 1, stale: 0, requests: 1 });
  });
});
