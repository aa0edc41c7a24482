/**
 * The simulator answers as Shopify does: auth, schema validation, the 2026-04 inventory rules,
 * the cost bucket, derived fields. Raw HTTP requests, no plugin in between.
 */
import { READ_VARIANTS, SET_AVAILABLE, updateVariantsDocument } from '../src/documents';
import { HUB_LOCATION_ID, OTHER_LOCATION_ID } from '../src/simulator';
import { LeakyBucket } from '../src/simulator/leaky-bucket';
import { catalog, gql, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness([
    ...catalog(1, 3, { kind: 'quantity', quantity: 4 }),
    { productId: '8100', variants: [{ variantId: '48100', initial: { kind: 'unlimited' } }] },
  ]);
});
afterAll(() => h.close());
afterEach(() => h.sim.faults.clear());

const V = (id: string) => `gid://shopify/ProductVariant/${id}`;

async function itemOf(variant: string): Promise<{ id: string; available: number }> {
  const r = await gql(h.sim, READ_VARIANTS.query, { ids: [V(variant)], locationId: HUB_LOCATION_ID });
  const item = r.body.data.nodes[0].inventoryItem;
  return { id: item.id, available: item.inventoryLevel.quantities[0].quantity };
}

function setInput(quantities: Array<Record<string, unknown>>) {
  return { name: 'available', reason: 'correction', quantities };
}

describe('auth', () => {
  it('answers a wrong token with 401 and Shopify’s error body', async () => {
    const r = await gql(h.sim, '{ shop { id } }', {}, 'shpat_test_wrong');
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
  });
  it('answers revoked credentials the same way', async () => {
    h.sim.faults.revokeCredentials();
    const r = await gql(h.sim, '{ shop { id } }');
    h.sim.faults.restoreCredentials();
    expect(r.status).toBe(401);
  });
});

describe('request validation against the 2026-04 schema', () => {
  it('refuses a field the schema does not have (HTTP 200 with errors, no data)', async () => {
    const r = await gql(h.sim, '{ shop { id notAField } }');
    expect(r.status).toBe(200);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors[0].message).toMatch(/notAField/);
  });
  it('keeps refusing an invalid document, and answers a valid one the same each time (validated documents are kept)', async () => {
    for (let i = 0; i < 2; i++) {
      const bad = await gql(h.sim, '{ shop { id notAField } }');
      expect(bad.body.errors[0].message).toMatch(/notAField/);
      const good = await gql(h.sim, '{ shop { id } }');
      expect(good.body.errors).toBeUndefined();
      expect(good.body.data.shop.id).toMatch(/^gid:\/\/shopify\/Shop\//);
    }
  });
  it('refuses variables of the wrong type', async () => {
    const r = await gql(h.sim, READ_VARIANTS.query, { ids: 'not-a-list-of-ids', locationId: null });
    expect(r.status).toBe(200);
    expect(r.body.errors[0].message).toMatch(/locationId/);
  });
  it('refuses a body without a query with 400', async () => {
    const res = await fetch(`${h.sim.baseUrl}/admin/api/2026-04/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': h.sim.credentials.accessToken },
      body: JSON.stringify({ variables: {} }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: { query: 'Required parameter missing or invalid' } });
  });
  it('refuses an input array over 250 items', async () => {
    const ids = Array.from({ length: 251 }, (_, i) => V(String(i + 1)));
    const r = await gql(h.sim, READ_VARIANTS.query, { ids, locationId: HUB_LOCATION_ID });
    expect(r.body.errors[0].extensions.code).toBe('MAX_INPUT_SIZE_EXCEEDED');
  });
  it('refuses a query over the 1000-point single-query cap (why reads go 200 ids at a time)', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => V(String(i + 1)));
    const r = await gql(h.sim, READ_VARIANTS.query, { ids, locationId: HUB_LOCATION_ID });
    expect(r.body.errors[0].extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', cost: 1005, maxCost: 1000 });
    const ok = await gql(h.sim, READ_VARIANTS.query, { ids: ids.slice(0, 200), locationId: HUB_LOCATION_ID });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.extensions.cost.requestedQueryCost).toBe(1000);
  });
  it('says so when asked for a root field it does not model, instead of inventing data', async () => {
    const r = await gql(h.sim, '{ orders(first: 1) { nodes { id } } }');
    expect(r.body.errors[0].message).toMatch(/not modelled/);
  });
});

describe('inventorySetQuantities, 2026-04 rules', () => {
  it('requires the @idempotent directive', async () => {
    const item = await itemOf('40000');
    const q = SET_AVAILABLE.query.replace(' @idempotent(key: $idempotencyKey)', '').replace(', $idempotencyKey: String!', '');
    const r = await gql(h.sim, q, {
      input: setInput([{ inventoryItemId: item.id, locationId: HUB_LOCATION_ID, quantity: 9, changeFromQuantity: item.available }]),
    });
    expect(r.body.errors[0].message).toMatch(/@idempotent directive is required/);
    expect((await itemOf('40000')).available).toBe(item.available);
  });

  it('requires changeFromQuantity on every quantity (null opts out)', async () => {
    const item = await itemOf('40000');
    const omitted = await gql(h.sim, SET_AVAILABLE.query, {
      input: setInput([{ inventoryItemId: item.id, locationId: HUB_LOCATION_ID, quantity: 9 }]),
      idempotencyKey: 'k-omitted',
    });
    expect(omitted.body.data.inventorySetQuantities.userErrors[0]).toMatchObject({
      code: 'COMPARE_QUANTITY_REQUIRED',
      field: ['input', 'quantities', '0', 'changeFromQuantity'],
    });
    const optOut = await gql(h.sim, SET_AVAILABLE.query, {
      input: setInput([{ inventoryItemId: item.id, locationId: HUB_LOCATION_ID, quantity: 9, changeFromQuantity: null }]),
      idempotencyKey: 'k-null',
    });
    expect(optOut.body.data.inventorySetQuantities.userErrors).toEqual([]);
    expect((await itemOf('40000')).available).toBe(9);
  });

  it('compare-and-set: a stale changeFromQuantity is refused and nothing in the batch applies', async () => {
    const a = await itemOf('40001');
    const b = await itemOf('40002');
    const r = await gql(h.sim, SET_AVAILABLE.query, {
      input: setInput([
        { inventoryItemId: a.id, locationId: HUB_LOCATION_ID, quantity: 11, changeFromQuantity: a.available },
        { inventoryItemId: b.id, locationId: HUB_LOCATION_ID, quantity: 12, changeFromQuantity: b.available + 1 },
      ]),
      idempotencyKey: 'k-stale',
    });
    const payload = r.body.data.inventorySetQuantities;
    expect(payload.inventoryAdjustmentGroup).toBeNull();
    expect(payload.userErrors).toEqual([
      expect.objectContaining({ code: 'CHANGE_FROM_QUANTITY_STALE', field: ['input', 'quantities', '1', 'changeFromQuantity'] }),
    ]);
    expect((await itemOf('40001')).available).toBe(a.available);
  });

  it('the same idempotency key answers the first result again; with other input it is a mismatch', async () => {
    const item = await itemOf('40001');
    const vars = {
      input: setInput([
        { inventoryItemId: item.id, locationId: HUB_LOCATION_ID, quantity: item.available + 5, changeFromQuantity: item.available },
      ]),
      idempotencyKey: 'k-replay',
    };
    const first = await gql(h.sim, SET_AVAILABLE.query, vars);
    const again = await gql(h.sim, SET_AVAILABLE.query, vars); // stale by now, but it is a replay
    expect(again.body.data).toEqual(first.body.data);
    expect((await itemOf('40001')).available).toBe(item.available + 5);
    const other = await gql(h.sim, SET_AVAILABLE.query, { ...vars, input: { ...vars.input, reason: 'restock' } });
    expect(other.body.data.inventorySetQuantities.userErrors[0].code).toBe('IDEMPOTENCY_KEY_PARAMETER_MISMATCH');
  });

  it('refuses unknown items, unstocked locations, bad reasons', async () => {
    const item = await itemOf('40000');
    const r = await gql(h.sim, SET_AVAILABLE.query, {
      input: {
        name: 'available',
        reason: 'because',
        quantities: [
          { inventoryItemId: 'gid://shopify/InventoryItem/1', locationId: HUB_LOCATION_ID, quantity: 1, changeFromQuantity: null },
          { inventoryItemId: item.id, locationId: OTHER_LOCATION_ID, quantity: 1, changeFromQuantity: null },
        ],
      },
      idempotencyKey: 'k-bad',
    });
    expect(r.body.data.inventorySetQuantities.userErrors.map((e: { code: string }) => e.code).sort()).toEqual(
      ['INVALID_INVENTORY_ITEM', 'INVALID_REASON', 'ITEM_NOT_STOCKED_AT_LOCATION'].sort(),
    );
  });
});

describe('productVariantsBulkUpdate', () => {
  it('refuses inventoryQuantities on update and unknown variants, per index', async () => {
    const r = await gql(h.sim, updateVariantsDocument(1).query, {
      p0: 'gid://shopify/Product/8000',
      v0: [
        { id: V('40000'), inventoryQuantities: [{ locationId: HUB_LOCATION_ID, availableQuantity: 3 }] },
        { id: V('48100'), inventoryPolicy: 'DENY' }, // belongs to another product
        { id: V('40001'), inventoryPolicy: 'CONTINUE' },
      ],
    });
    expect(r.body.data.u0.userErrors).toEqual([
      expect.objectContaining({ code: 'NO_INVENTORY_QUANTITIES_ON_VARIANTS_UPDATE', field: ['variants', '0', 'inventoryQuantities'] }),
      expect.objectContaining({ code: 'PRODUCT_VARIANT_DOES_NOT_EXIST', field: ['variants', '1', 'id'] }),
    ]);
    // allowPartialUpdates: true → the valid third variant was applied.
    expect(h.sim.stock({ externalProductId: '8000', externalVariantId: '40001' })).toEqual({ kind: 'unlimited' });
  });
});

describe('derived fields and cost', () => {
  it('computes inventoryQuantity and availableForSale as Shopify does', async () => {
    h.sim.manualEdit({ externalProductId: '8000', externalVariantId: '40002' }, { kind: 'out_of_stock' });
    const q = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on ProductVariant { inventoryQuantity availableForSale inventoryItem { tracked } } } }`;
    const r = await gql(h.sim, q, { ids: [V('40002'), V('48100')] });
    expect(r.body.data.nodes).toEqual([
      { inventoryQuantity: 0, availableForSale: false, inventoryItem: { tracked: true } },
      { inventoryQuantity: 0, availableForSale: true, inventoryItem: { tracked: false } },
    ]);
  });

  it('reports the cost bucket on every answer and answers THROTTLED in a 200 when it is spent', async () => {
    const ok = await gql(h.sim, '{ shop { id } }');
    expect(ok.body.extensions.cost).toMatchObject({
      requestedQueryCost: 1,
      actualQueryCost: 1,
      throttleStatus: { maximumAvailable: 2000, restoreRate: 100 },
    });
    // The bucket restores 100 points a second: on a busy machine 50 ms would refill the 5 this query needs. Its
    // clock stands still until the answer, so the throttle does not depend on how fast the request travels.
    const real = h.sim.state.bucket;
    const frozenAt = Date.now();
    h.sim.state.bucket = new LeakyBucket(real.maximumAvailable, real.restoreRate, () => frozenAt);
    h.sim.state.bucket.drainTo(0);
    const r = await gql(h.sim, READ_VARIANTS.query, { ids: [V('40000')], locationId: HUB_LOCATION_ID });
    h.sim.state.bucket = real;
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([
      expect.objectContaining({ message: 'Throttled', extensions: expect.objectContaining({ code: 'THROTTLED' }) }),
    ]);
    expect(r.body.extensions.cost).toMatchObject({ requestedQueryCost: 5, actualQueryCost: null });
    expect(r.body.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(5);
    h.sim.state.bucket.drainTo(2000);
  });
});
