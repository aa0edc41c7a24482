import { compareStore, expectedStock, type StoreUnderTest } from '../src/expected-state';
import type { StoredObservation } from '../src/observation-ledger';

const at = '2026-01-01T12:00:00.000Z';
const wh = (variantId: number, facility: string, quantity: number): StoredObservation => ({
  variantId,
  facility,
  observedAt: at,
  status: null,
  quantity,
});
const pod = (variantId: number, facility: string, status: string): StoredObservation => ({
  variantId,
  facility,
  observedAt: at,
  status,
  quantity: null,
});

describe('expectedStock (the domain rule over the stored observations)', () => {
  it('sums warehouse quantities of the region only', () => {
    expect(expectedStock('warehouse', ['US-NC', 'CA'], [wh(1, 'US-NC', 2), wh(1, 'CA', 3), wh(1, 'UK', 50)])).toEqual({
      kind: 'quantity',
      quantity: 5,
    });
  });
  it('makes a POD variant unlimited when one region facility can fulfil it, sold out when none can', () => {
    expect(expectedStock('pod', ['LV', 'ES'], [pod(1, 'LV', 'discontinued'), pod(1, 'ES', 'stocked_on_demand')])).toEqual({
      kind: 'unlimited',
    });
    expect(
      expectedStock('pod', ['LV', 'ES'], [pod(1, 'LV', 'out_of_stock'), pod(1, 'ES', 'discontinued'), pod(1, 'UK', 'in_stock')]),
    ).toEqual({ kind: 'out_of_stock' });
  });
  it('leaves a variant with no observation in the region undecided', () => {
    expect(expectedStock('warehouse', ['AU'], [wh(1, 'UK', 3)])).toBeUndefined();
  });
});

describe('compareStore', () => {
  const store = (emulatedUnlimited: boolean): StoreUnderTest => ({
    id: 's1',
    label: 'shop#1',
    regionFacilities: ['UK'],
    emulatedUnlimited,
    variants: new Map([
      ['101', 1],
      ['102', 2],
      ['103', 3],
    ]),
  });
  const fulfillment = new Map([
    [1, 'warehouse' as const],
    [2, 'pod' as const],
    [3, 'warehouse' as const],
  ]);
  const observations = new Map([
    [1, [wh(1, 'UK', 0)]],
    [2, [pod(2, 'UK', 'in_stock')]],
    [3, [wh(3, 'UK', 4)]],
  ]);

  it('passes a store showing what the rule decides (quantity 0 and out of stock are the same promise)', () => {
    const shown = [
      { variantId: '101', stock: { kind: 'out_of_stock' as const } },
      { variantId: '102', stock: { kind: 'unlimited' as const } },
      { variantId: '103', stock: { kind: 'quantity' as const, quantity: 4 } },
    ];
    expect(compareStore(store(false), fulfillment, observations, shown)).toEqual({ checked: 3, undecided: 0, wrong: [] });
  });
  it('accepts a high quantity for unlimited only where the platform emulates it', () => {
    const shown = [
      { variantId: '101', stock: { kind: 'quantity' as const, quantity: 0 } },
      { variantId: '102', stock: { kind: 'quantity' as const, quantity: 9999 } },
      { variantId: '103', stock: { kind: 'quantity' as const, quantity: 4 } },
    ];
    expect(compareStore(store(true), fulfillment, observations, shown).wrong).toEqual([]);
    expect(compareStore(store(false), fulfillment, observations, shown).wrong.map((w) => w.externalVariantId)).toEqual(['102']);
  });
  it('names each wrong or missing variant with what was expected and what it shows', () => {
    const shown = [
      { variantId: '101', stock: { kind: 'quantity' as const, quantity: 2 } },
      { variantId: '102', stock: 'deleted' as const },
    ];
    expect(compareStore(store(false), fulfillment, observations, shown).wrong).toEqual([
      { store: 'shop#1', externalVariantId: '101', catalogVariantId: 1, expected: 'quantity 0', shown: 'quantity 2' },
      { store: 'shop#1', externalVariantId: '102', catalogVariantId: 2, expected: 'unlimited', shown: 'deleted' },
      { store: 'shop#1', externalVariantId: '103', catalogVariantId: 3, expected: 'quantity 4', shown: 'not in the store' },
    ]);
  });
  it('counts undecided variants instead of checking them', () => {
    const r = compareStore(store(false), fulfillment, new Map([[1, [wh(1, 'UK', 0)]]]), [
      { variantId: '101', stock: { kind: 'out_of_stock' } },
    ]);
    expect(r).toEqual({ checked: 1, undecided: 2, wrong: [] });
  });
});
