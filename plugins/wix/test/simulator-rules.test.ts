/** The Wix simulator's rules, with raw HTTP. */
import { simulator, simulatorV1 } from '../src/simulator';
import { call, product, start, type WixSim } from './support/store';

let sim: WixSim;
afterEach(async () => {
  await sim.close();
});

it('answers the catalog version, and 428 when a site is called through the other version', async () => {
  sim = await start(simulatorV1);
  expect(await call(sim, 'GET', '/stores/v3/provision/version')).toEqual({ status: 200, body: { catalogVersion: 'V1_CATALOG' } });
  const res = await call(sim, 'POST', '/stores/v3/inventory-items/query', { query: {} });
  expect(res).toMatchObject({ status: 428, body: { details: { applicationError: { code: 'CATALOG_VERSION_MISMATCH' } } } });
});

it('refuses a missing or wrong token with 401 in the Wix envelope', async () => {
  sim = await start(simulator);
  const res = await call(sim, 'GET', '/stores/v3/provision/version', undefined, { authorization: 'nope' });
  expect(res).toMatchObject({ status: 401, body: { details: { applicationError: { code: 'UNAUTHENTICATED' } } } });
});

it('V3 bulk update: id + revision required, exactly one of quantity / inStock, 1–1000 items, per-item errors', async () => {
  sim = await start(simulator);
  sim.seed([product('p1', 1)]);
  const [item] = [...sim.state.v3.values()];
  const bulk = (inventoryItems: unknown) => call(sim, 'POST', '/stores/v3/bulk/inventory-items/update', { inventoryItems });
  expect((await bulk([])).status).toBe(400);
  expect((await bulk([{ inventoryItem: { id: item.id, quantity: 1 } }])).status).toBe(400);
  expect((await bulk([{ inventoryItem: { id: item.id, revision: String(item.revision), quantity: 1, inStock: true } }])).status).toBe(400);
  expect((await bulk([{ inventoryItem: { id: item.id, revision: String(item.revision), quantity: 1.5 } }])).status).toBe(400);
  const mixed = await bulk([
    { inventoryItem: { id: item.id, revision: String(item.revision), quantity: 2 } },
    { inventoryItem: { id: 'nope', revision: '1', inStock: true } },
    { inventoryItem: { id: item.id, revision: '1', inStock: true } },
  ]);
  expect(mixed.body).toEqual({
    results: [
      { itemMetadata: { id: item.id, originalIndex: 0, success: true } },
      {
        itemMetadata: expect.objectContaining({
          originalIndex: 1,
          success: false,
          error: expect.objectContaining({ code: 'INVENTORY_ITEM_NOT_FOUND' }),
        }),
      },
      {
        itemMetadata: expect.objectContaining({
          originalIndex: 2,
          success: false,
          error: expect.objectContaining({ code: 'REVISION_MISMATCH' }),
        }),
      },
    ],
    bulkActionMetadata: { totalSuccesses: 1, totalFailures: 2, undetailedFailures: 0 },
  });
  const q = await call(sim, 'POST', '/stores/v3/inventory-items/query', { query: { filter: { variantId: { $in: ['p1-v1'] } } } });
  expect(q.body.inventoryItems[0]).toMatchObject({
    trackQuantity: true,
    quantity: 2,
    inStock: true,
    availabilityStatus: 'IN_STOCK',
    revision: String(item.revision),
  });
});

it('V3 query pages with a cursor; V1 query wants its filter as a JSON string', async () => {
  sim = await start(simulator);
  sim.seed([product('p1', 3)]);
  const first = await call(sim, 'POST', '/stores/v3/inventory-items/query', {
    query: { filter: { productId: 'p1' }, cursorPaging: { limit: 2 } },
  });
  expect(first.body.pagingMetadata).toMatchObject({ count: 2, hasNext: true });
  const next = await call(sim, 'POST', '/stores/v3/inventory-items/query', {
    query: { cursorPaging: { limit: 2, cursor: first.body.pagingMetadata.cursors.next } },
  });
  expect(next.body.inventoryItems).toHaveLength(1);
  expect((await call(sim, 'POST', '/stores/v3/inventory-items/query', { query: { cursorPaging: { limit: 101 } } })).status).toBe(400);
  await sim.close();
  sim = await start(simulatorV1);
  expect((await call(sim, 'POST', '/stores-reader/v2/inventoryItems/query', { query: { filter: { productId: 'p1' } } })).status).toBe(400);
});

it('answers 429 with Retry-After when throttled', async () => {
  sim = await start(simulator);
  sim.faults.rateLimit(1, 2);
  const res = await fetch(`${sim.baseUrl}/stores/v3/provision/version`, {
    headers: { authorization: sim.credentials.accessToken, 'wix-site-id': sim.credentials.siteId },
  });
  expect(res.status).toBe(429);
  expect(res.headers.get('retry-after')).toBe('2');
});
