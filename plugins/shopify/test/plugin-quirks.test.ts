/**
 * Shopify's quirks, the real plugin against the real simulator over HTTP: the fewest calls,
 * compare-and-set conflicts, cost-based throttling, auth, per-variant failures.
 */
import { AuthError, NotFound, Rejected, Transient } from '@stock-sync/plugin-api';
import type { StockWrite, TargetStock } from '@stock-sync/plugin-api';
import {
  ACTIVATE_ITEMS_PER_CALL,
  activateDocument,
  READ_CHUNK,
  READ_VARIANTS,
  READ_COST_PER_VARIANT,
  readVariantsCost,
  SET_AVAILABLE,
  SET_AVAILABLE_CHECKED,
  UPDATE_COST_PER_PRODUCT,
  UPDATE_PRODUCTS_PER_CALL,
  updateVariantsDocument,
  VERIFY,
} from '../src/documents';
import { ACTIVATE_AT_LOCATION_FIELD, credentialFields, MAX_QUERY_COST, QUERY_COST_BUDGET } from '../src/manifest';
import { HUB_LOCATION_ID, OTHER_LOCATION_ID, SIM_ACCESS_TOKEN } from '../src/simulator';
import { variantGid } from '../src/simulator/state';
import { catalog, gql, refOf, startHarness, type Harness } from './support';

const OOS: TargetStock = { kind: 'out_of_stock' };
const UNL: TargetStock = { kind: 'unlimited' };
const qty = (n: number): TargetStock => ({ kind: 'quantity', quantity: n });

/** Products 8000.. with 2 variants each: 40000+100i+j. */
function writes(products: number, target: TargetStock): StockWrite[] {
  return Array.from({ length: products }, (_, i) =>
    [0, 1].map((j) => ({ ...refOf(String(8000 + i), String(40000 + i * 100 + j)), target })),
  ).flat();
}

describe('fewest calls', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(catalog(3, 2, UNL));
  });
  afterAll(() => h.close());
  beforeEach(() => h.sim.resetRequests());

  it('POD flip to sold out across 3 products: one read + ONE aliased update (no quantity call when the count is 0)', async () => {
    const out = await h.connection.writeStock(writes(3, OOS));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(h.sim.requests).toHaveLength(2);
    for (const w of writes(3, OOS)) expect(h.sim.stock(w)).toEqual(OOS);
  });

  it('writing the same state again costs the read only', async () => {
    const out = await h.connection.writeStock(writes(3, OOS));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(h.sim.requests).toHaveLength(1);
  });

  it('warehouse quantities on tracked variants: one read + ONE inventorySetQuantities across products', async () => {
    const ws = writes(3, OOS).map((w, i) => ({ ...w, target: qty(i + 1) }));
    const out = await h.connection.writeStock(ws);
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(h.sim.requests).toHaveLength(2);
    ws.forEach((w, i) => expect(h.sim.stock(w)).toEqual(qty(i + 1)));
  });

  it('back to unlimited: one read + one update, the count is left alone', async () => {
    const out = await h.connection.writeStock(writes(3, UNL));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(h.sim.requests).toHaveLength(2);
    for (const w of writes(3, UNL)) expect(h.sim.stock(w)).toEqual(UNL);
  });

  it('the same variant twice in one batch: the last change wins, both get an outcome', async () => {
    const r = refOf('8000', '40000');
    const out = await h.connection.writeStock([
      { ...r, target: qty(9) },
      { ...r, target: OOS },
    ]);
    expect(out.map((o) => o.status)).toEqual(['written', 'written']);
    expect(h.sim.stock(r)).toEqual(OOS);
  });
});

describe('compare-and-set (changeFromQuantity)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(catalog(2, 2, qty(5)));
  });
  afterEach(() => h.close());

  function sellOneOf(variantId: string, times: number) {
    let left = times;
    h.sim.state.hooks.beforeInventorySet = (state) => {
      if (left-- <= 0) return;
      const v = state.variants.get(variantGid(variantId))!;
      state.inventoryItems.get(v.inventoryItemId)!.levels.get(HUB_LOCATION_ID)!.available -= 1; // an order lands
    };
  }

  it('an order landing between read and write: re-read once, write again, all written', async () => {
    sellOneOf('40001', 1);
    h.sim.resetRequests();
    const out = await h.connection.writeStock(writes(2, qty(20)));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    for (const w of writes(2, qty(20))) expect(h.sim.stock(w)).toEqual(qty(20));
    // read, set (refused: stale, nothing applied), re-read of the stale one, set again.
    expect(h.sim.requests).toHaveLength(4);
  });

  it('stale again after the re-read: that variant is Transient (retried by the orchestrator), the rest written', async () => {
    sellOneOf('40001', 100);
    const out = await h.connection.writeStock(writes(2, qty(20)));
    const bad = out.find((o) => o.externalVariantId === '40001')!;
    expect(bad.status).toBe('failed');
    expect(bad.status === 'failed' && bad.error).toBeInstanceOf(Transient);
    expect(out.filter((o) => o.status === 'written')).toHaveLength(3);
  });
});

describe('cost-based throttling', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(catalog(2, 2, UNL));
  });
  afterEach(() => h.close());

  it('THROTTLED in a 200: waits for the bucket to refill, then writes (no error reaches the caller)', async () => {
    h.sim.state.bucket.drainTo(0);
    const started = Date.now();
    const out = await h.connection.writeStock(writes(2, OOS));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // at least MIN_THROTTLE_WAIT_MS
    expect(h.http.stats.throttled).toBeGreaterThanOrEqual(1);
  });

  it('a nearly empty bucket (reported in throttleStatus) pauses the next call instead of being throttled', async () => {
    h.sim.state.bucket.drainTo(4 * READ_COST_PER_VARIANT + 10); // the read fits, leaves ~10 points
    h.sim.resetRequests();
    const out = await h.connection.writeStock(writes(2, OOS));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    const [read, update] = h.sim.requests;
    expect(h.sim.requests.every((r) => r.status === 200)).toBe(true);
    expect(h.http.stats.throttled).toBe(0);
    // ~ (100 − 10) / 100 s before the update went out.
    expect(update.at - read.at).toBeGreaterThanOrEqual(800);
  });

  it('injected throttle storm: every change still written', async () => {
    h.sim.faults.rateLimit(2, 1);
    const out = await h.connection.writeStock(writes(2, qty(3)));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    for (const w of writes(2, qty(3))) expect(h.sim.stock(w)).toEqual(qty(3));
  });
});

describe('auth and configuration', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(catalog(1, 2, UNL));
  });
  afterAll(() => h.close());
  afterEach(() => h.sim.faults.clear());

  it('revoked token: verify throws AuthError, writes fail with AuthError, no secret in any message', async () => {
    h.sim.faults.revokeCredentials();
    await expect(h.connection.verify()).rejects.toBeInstanceOf(AuthError);
    const out = await h.connection.writeStock(writes(1, OOS));
    for (const o of out) {
      expect(o.status).toBe('failed');
      if (o.status === 'failed') {
        expect(o.error).toBeInstanceOf(AuthError);
        expect(JSON.stringify({ m: o.error.message, d: o.error.details })).not.toContain(SIM_ACCESS_TOKEN);
      }
    }
  });

  it('a locationId that names no location of the shop fails verify as AuthError', async () => {
    const c = h.connect({ locationId: '999' });
    await expect(c.verify()).rejects.toThrow(/locationId/);
    await expect(c.verify()).rejects.toBeInstanceOf(AuthError);
  });

  it('accepts the numeric location id as well as its GID', async () => {
    await expect(h.connect({ locationId: HUB_LOCATION_ID.split('/').pop()! }).verify()).resolves.toBeUndefined();
  });

  it('the activate-at-location setting the plugin reads is a store credential manifest.json declares (optional)', () => {
    expect(credentialFields.find((f) => f.name === ACTIVATE_AT_LOCATION_FIELD)).toMatchObject({ required: false, secret: false });
  });

  it('never sends the token to a host that is not a myshopify.com shop', async () => {
    const { baseUrl: _ignored, ...rest } = h.sim.credentials;
    const c = h.connect({ ...rest, shop: 'evil.example.com', baseUrl: '' });
    h.sim.resetRequests();
    await expect(c.verify()).rejects.toThrow(/myshopify\.com/);
    await expect(c.verify()).rejects.toBeInstanceOf(AuthError);
    expect(h.sim.requests).toHaveLength(0);
  });
});

describe('per-variant failures', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(catalog(2, 2, qty(2)));
  });
  afterEach(() => h.close());

  it('a deleted variant is NotFound, the others are written', async () => {
    h.sim.faults.deleteVariant(refOf('8000', '40001'));
    const out = await h.connection.writeStock(writes(2, qty(7)));
    expect(out.map((o) => o.status)).toEqual(['written', 'failed', 'written', 'written']);
    const failed = out[1];
    expect(failed.status === 'failed' && failed.error).toBeInstanceOf(NotFound);
  });

  it('a variant not stocked at the hub location is stocked there (inventoryActivate), then its quantity set', async () => {
    const v = h.sim.state.variants.get(variantGid('40100'))!;
    const levels = h.sim.state.inventoryItems.get(v.inventoryItemId)!.levels;
    levels.delete(HUB_LOCATION_ID);
    h.sim.resetRequests();
    const counted = await h.connection.writeStock([{ ...refOf('8001', '40100'), target: qty(3) }]);
    expect(counted[0].status).toBe('written');
    expect(levels.get(HUB_LOCATION_ID)?.available).toBe(3);
    // read, inventoryActivate (with its required idempotency key), inventorySetQuantities
    expect(h.sim.requests).toHaveLength(3);
    const activations = [...h.sim.state.idempotency.values()].filter((r) => r.fingerprint.startsWith('["inventoryActivate"'));
    expect(activations.map((r) => JSON.parse(r.fingerprint)[1])).toEqual([
      expect.objectContaining({ inventoryItemId: v.inventoryItemId, locationId: HUB_LOCATION_ID }),
    ]);
    // Out of stock: the new level's available 0 already holds, so no quantity call follows.
    levels.delete(HUB_LOCATION_ID);
    const out = await h.connection.writeStock([{ ...refOf('8001', '40100'), target: OOS }]);
    expect(out[0].status).toBe('written');
    expect(levels.get(HUB_LOCATION_ID)?.available).toBe(0);
    const unlimited = await h.connection.writeStock([{ ...refOf('8001', '40100'), target: UNL }]);
    expect(unlimited[0].status).toBe('written');
  });

  it('a location that refuses the item, or a store that turned activation off: Rejected, saying why, nothing recorded as written', async () => {
    const v = h.sim.state.variants.get(variantGid('40101'))!;
    const levels = h.sim.state.inventoryItems.get(v.inventoryItemId)!.levels;
    levels.delete(HUB_LOCATION_ID);
    h.sim.state.locations.get(HUB_LOCATION_ID)!.refusesActivation = true;
    try {
      const refused = await h.connection.writeStock([{ ...refOf('8001', '40101'), target: qty(3) }]);
      expect(refused[0].status === 'failed' && refused[0].error).toBeInstanceOf(Rejected);
      expect(refused[0].status === 'failed' && refused[0].error.message).toMatch(/refused to stock the item.*cannot be stocked/);
      expect(levels.has(HUB_LOCATION_ID)).toBe(false);
    } finally {
      h.sim.state.locations.get(HUB_LOCATION_ID)!.refusesActivation = false;
    }
    h.sim.resetRequests();
    const off = await h.connect({ activateItemsAtLocation: 'false' }).writeStock([{ ...refOf('8001', '40101'), target: qty(3) }]);
    expect(off[0].status === 'failed' && off[0].error.message).toMatch(/not stocked at the configured location.*activateItemsAtLocation/);
    expect(h.sim.requests).toHaveLength(1); // the read only
    expect(levels.has(HUB_LOCATION_ID)).toBe(false);
  });

  it('transient 5xx: retried by the SDK client, then written', async () => {
    h.sim.faults.serverError(2, 503);
    const out = await h.connection.writeStock(writes(2, qty(1)));
    expect(out.every((o) => o.status === 'written')).toBe(true);
    expect(h.http.stats.retries).toBeGreaterThanOrEqual(2);
  });

  it('reads a merchant’s CONTINUE policy as unlimited, and a quantity write restores DENY', async () => {
    h.sim.state.variants.get(variantGid('40000'))!.inventoryPolicy = 'CONTINUE';
    const [read] = await h.connection.readStock([refOf('8000', '40000')]);
    expect(read).toMatchObject({ status: 'found', stock: UNL });
    await h.connection.writeStock([{ ...refOf('8000', '40000'), target: qty(2) }]);
    expect(h.sim.state.variants.get(variantGid('40000'))!.inventoryPolicy).toBe('DENY');
    expect(h.sim.stock(refOf('8000', '40000'))).toEqual(qty(2));
  });
});

describe('cost estimates the plugin charges to its token bucket', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(catalog(2, 2, qty(1)));
  });
  afterAll(() => h.close());

  const costOf = async (query: string, variables: Record<string, unknown>) =>
    (await gql(h.sim, query, variables)).body.extensions.cost.requestedQueryCost;

  it('equal the cost Shopify’s rules give each document (computed by the simulator)', async () => {
    expect(await costOf(VERIFY.query, { locationId: HUB_LOCATION_ID })).toBe(VERIFY.cost);
    const ids = [variantGid('40000'), variantGid('40001'), variantGid('40100')];
    expect(await costOf(READ_VARIANTS.query, { ids, locationId: HUB_LOCATION_ID })).toBe(3 * READ_COST_PER_VARIANT);
    expect(
      await costOf(SET_AVAILABLE.query, {
        input: { name: 'available', reason: 'correction', quantities: [] },
        idempotencyKey: 'cost-probe',
      }),
    ).toBe(SET_AVAILABLE.cost);
    expect(
      await costOf(SET_AVAILABLE_CHECKED.query, {
        input: { name: 'available', reason: 'correction', quantities: [] },
        idempotencyKey: 'cost-probe-checked',
      }),
    ).toBe(SET_AVAILABLE_CHECKED.cost);
    expect(
      await costOf(updateVariantsDocument(2).query, { p0: 'gid://shopify/Product/8000', v0: [], p1: 'gid://shopify/Product/8001', v1: [] }),
    ).toBe(2 * UPDATE_COST_PER_PRODUCT);
    expect(
      await costOf(activateDocument(2).query, {
        locationId: OTHER_LOCATION_ID,
        i0: 'gid://shopify/InventoryItem/1',
        k0: 'a',
        i1: 'gid://shopify/InventoryItem/2',
        k1: 'b',
      }),
    ).toBe(activateDocument(2).cost);
  });

  it('every request stays well under the 1000-point single-query cap at its largest size', async () => {
    const ids = Array.from({ length: READ_CHUNK }, (_, i) => variantGid(String(50000 + i)));
    const read = await costOf(READ_VARIANTS.query, { ids, locationId: HUB_LOCATION_ID });
    expect(read).toBe(readVariantsCost(READ_CHUNK));
    expect(read).toBeLessThanOrEqual(QUERY_COST_BUDGET);
    expect(READ_CHUNK).toBeLessThan(200); // 200 ids × 5 points is exactly the cap: no margin
    expect(updateVariantsDocument(UPDATE_PRODUCTS_PER_CALL).cost).toBeLessThanOrEqual(QUERY_COST_BUDGET);
    expect(activateDocument(ACTIVATE_ITEMS_PER_CALL).cost).toBeLessThanOrEqual(QUERY_COST_BUDGET);
    expect(QUERY_COST_BUDGET).toBeLessThanOrEqual(0.8 * MAX_QUERY_COST);
  });
});
