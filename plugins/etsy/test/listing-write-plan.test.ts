/** The per-listing planner, without I/O: which calls, in which order, with which outcomes. */
import { NotFound, OUT_OF_STOCK, Rejected, UNLIMITED, quantity } from '@stock-sync/plugin-api';
import type { TargetStock } from '@stock-sync/plugin-api';
import type { EtsyInventory, ListingState } from '../src/etsy-types';
import { planListingWrite, type ListingChange } from '../src/listing-write-plan';

function inventory(quantities: number[], enabled: boolean[] = quantities.map(() => true)): EtsyInventory {
  return {
    products: quantities.map((q, i) => ({
      product_id: 11 + i,
      sku: `S${i}`,
      is_deleted: false,
      property_values: [
        { property_id: 513, property_name: 'Size', scale_id: null, scale_name: null, value_ids: [100 + i], values: [`V${i}`] },
      ],
      offerings: [
        {
          offering_id: 900 + i,
          quantity: q,
          is_enabled: enabled[i]!,
          is_deleted: false,
          price: { amount: 1250, divisor: 100, currency_code: 'EUR' },
          readiness_state_id: 77,
        },
      ],
    })),
    price_on_property: [],
    quantity_on_property: [513],
    sku_on_property: [513],
  };
}

const changes = (...targets: [number, TargetStock][]): ListingChange[] =>
  targets.map(([productId, target], index) => ({ index, productId: String(productId), target }));
const plan = (state: ListingState, inv: EtsyInventory, c: ListingChange[]) => planListingWrite('5', state, inv, c);
const stepKinds = (p: ReturnType<typeof plan>) =>
  p.steps.map((s) => (s.kind === 'set-state' ? `state:${s.state}` : s.kind === 'put-inventory' ? 'put' : s.kind));
const putQuantities = (p: ReturnType<typeof plan>) => {
  const put = p.steps.find((s) => s.kind === 'put-inventory');
  return put && put.kind === 'put-inventory' ? put.body.products.map((pr) => pr.offerings[0]!.quantity) : undefined;
};

test('an ordinary change: one PUT carrying every product, prices as floats, ids stripped', () => {
  const p = plan('active', inventory([5, 6]), changes([11, quantity(2)]));
  expect(stepKinds(p)).toEqual(['put']);
  expect(putQuantities(p)).toEqual([2, 6]);
  const body = (p.steps[0] as { body: { products: { offerings: { price: number; readiness_state_id: number | null }[] }[] } }).body;
  expect(body.products.map((pr) => pr.offerings[0]!.price)).toEqual([12.5, 12.5]);
  expect(body.products.every((pr) => pr.offerings[0]!.readiness_state_id === 77)).toBe(true);
  expect(JSON.stringify(body)).not.toMatch(/product_id|offering_id|is_deleted|scale_name/);
  expect(p.outcomes).toEqual([{ index: 0, status: 'written' }]);
});

test('nothing to do when the listing already shows every target', () => {
  expect(stepKinds(plan('active', inventory([999, 0]), changes([11, UNLIMITED], [12, OUT_OF_STOCK])))).toEqual([]);
  // 950 still reads "unlimited", but a re-assert tops it up.
  expect(stepKinds(plan('active', inventory([950, 0]), changes([11, UNLIMITED])))).toEqual(['put']);
});

test('an unknown product fails NotFound; the rest is planned', () => {
  const p = plan('active', inventory([5, 6]), changes([99, quantity(1)], [12, quantity(1)]));
  expect(p.outcomes[0]!.status === 'failed' && p.outcomes[0]!.error).toBeInstanceOf(NotFound);
  expect(p.outcomes[1]).toEqual({ index: 1, status: 'written' });
  expect(putQuantities(p)).toEqual([5, 1]);
});

test('everything out of stock on an active listing: deactivate, then one placeholder unit', () => {
  const p = plan('active', inventory([5, 6]), changes([11, OUT_OF_STOCK], [12, OUT_OF_STOCK]));
  expect(stepKinds(p)).toEqual(['state:inactive', 'put']);
  expect(putQuantities(p)).toEqual([1, 0]);
});

test('the placeholder prefers an enabled offering', () => {
  const p = plan('active', inventory([0, 6], [false, true]), changes([12, OUT_OF_STOCK]));
  expect(stepKinds(p)).toEqual(['state:inactive', 'put']);
  expect(putQuantities(p)).toEqual([0, 1]);
});

test('a marker listing coming back: PUT (placeholder to 0) before reactivating', () => {
  const p = plan('inactive', inventory([1, 0]), changes([12, quantity(3)]));
  expect(stepKinds(p)).toEqual(['put', 'state:active']);
  expect(putQuantities(p)).toEqual([0, 3]);
  expect(p.outcomes).toEqual([{ index: 0, status: 'written' }]);
});

test('a marker listing told out of stock again: no call at all', () => {
  expect(stepKinds(plan('inactive', inventory([1, 0]), changes([11, OUT_OF_STOCK], [12, OUT_OF_STOCK])))).toEqual([]);
});

test('a merchant-inactive listing is written but never reactivated; in-stock targets are Rejected', () => {
  const p = plan('inactive', inventory([4, 4]), changes([11, UNLIMITED], [12, OUT_OF_STOCK]));
  expect(stepKinds(p)).toEqual(['put']);
  expect(p.outcomes[0]!.status === 'failed' && p.outcomes[0]!.error).toBeInstanceOf(Rejected);
  expect(p.outcomes[1]).toEqual({ index: 1, status: 'written' });
});

test('a draft listing told all out of stock: nothing written (no placeholder that would pass for the marker)', () => {
  const p = plan('draft', inventory([4, 4]), changes([11, OUT_OF_STOCK], [12, OUT_OF_STOCK]));
  expect(stepKinds(p)).toEqual([]);
  expect(p.outcomes.map((o) => o.status)).toEqual(['written', 'written']);
});

test('a sold_out listing: renewed only when the store allows it, then read again and fully written', () => {
  const allowed = planListingWrite('5', 'sold_out', inventory([0, 0]), changes([12, UNLIMITED]), { renewSoldOutListings: true });
  expect(stepKinds(allowed)).toEqual(['state:active', 'put-after-reread']);
  const step = allowed.steps[1]!;
  expect(step.kind === 'put-after-reread' && [...step.stock.entries()]).toEqual([
    ['11', [{ quantity: 0, is_enabled: true }]],
    ['12', [{ quantity: 999, is_enabled: true }]],
  ]);
  expect(allowed.outcomes).toEqual([{ index: 0, status: 'written' }]);
  const refused = plan('sold_out', inventory([0, 0]), changes([12, UNLIMITED]));
  expect(stepKinds(refused)).toEqual([]);
  expect(refused.outcomes[0]!.status === 'failed' && refused.outcomes[0]!.error).toBeInstanceOf(Rejected);
  expect(stepKinds(plan('sold_out', inventory([0, 0]), changes([12, OUT_OF_STOCK])))).toEqual([]);
});

test('an inactive listing reads without processing profiles (Etsy shows them for active listings only)', () => {
  const noProfiles = (inv: EtsyInventory) => {
    inv.products.forEach((p) => p.offerings.forEach((o) => (o.readiness_state_id = null)));
    return inv;
  };
  // The plugin's own marker (inactive, one unit) coming back: reactivate, then read and write.
  const back = plan('inactive', noProfiles(inventory([1, 0])), changes([12, quantity(3)]));
  expect(stepKinds(back)).toEqual(['state:active', 'put-after-reread']);
  const step = back.steps[1]!;
  expect(step.kind === 'put-after-reread' && step.stock.get('11')).toEqual([{ quantity: 0, is_enabled: true }]);
  // A merchant-inactive listing: nothing can be written without the profiles; in-stock targets Rejected.
  const merchant = plan('inactive', noProfiles(inventory([3, 3])), changes([11, quantity(5)]));
  expect(stepKinds(merchant)).toEqual([]);
  expect(merchant.outcomes[0]!.status).toBe('failed');
  // A digital listing has no processing profile at all: its null is right and the old order stays.
  const digital = noProfiles(inventory([1, 0]));
  digital.listing = { listing_id: 5, state: 'inactive', listing_type: 'download' };
  expect(stepKinds(plan('inactive', digital, changes([12, quantity(3)])))).toEqual(['put', 'state:active']);
});
