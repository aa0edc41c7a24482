/**
 * What each synced store variant must show once the hubs have settled: the domain's availability rule over
 * the stored (newest) observations of the store's selling region — compared with the simulated platform the
 * way a shopper sees it (quantity 0 = sold out; an emulated "unlimited" is a high quantity).
 */
// The demo's comparison module alone (its index would load the whole demo: sandbox, hub client, …).
import { showsExpected } from '@stock-sync/demo/dist/stock-match';
import { computeDesiredStock, describeTargetStock, type FulfillmentModel, type TargetStock } from '@stock-sync/domain';
import type { StoredObservation } from './observation-ledger';

/** What a simulator's GET /__sim/stock shows for a variant. */
export type ObservedStock = TargetStock | 'deleted' | undefined;

export interface StoreUnderTest {
  id: string;
  label: string;
  regionFacilities: readonly string[];
  /** The platform has no unlimited form: a high quantity stands for it. */
  emulatedUnlimited: boolean;
  /** externalVariantId → catalog variant id */
  variants: ReadonlyMap<string, number>;
}

export interface SimStockRow {
  variantId: string;
  stock: ObservedStock;
}

export interface WrongVariant {
  store: string;
  externalVariantId: string;
  catalogVariantId: number;
  expected: string;
  shown: string;
  /** What the hub believes it wrote (filled in by verify, from sync_variants). */
  hubRecord?: string;
}

/** Desired stock of one variant for one region; undefined when the rule cannot decide (nothing to hold the store to). */
export function expectedStock(
  fulfillment: FulfillmentModel,
  regionFacilities: readonly string[],
  stored: readonly StoredObservation[],
): TargetStock | undefined {
  const desired = computeDesiredStock({
    fulfillment,
    regionFacilities,
    observations: stored.map((s) => ({ facility: s.facility, status: s.status, quantity: s.quantity })),
  });
  return desired.basis === 'computed' ? desired.stock : undefined;
}

function describeShown(s: ObservedStock): string {
  if (s === undefined) return 'not in the store';
  if (s === 'deleted') return 'deleted';
  return describeTargetStock(s);
}

/**
 * Every synced variant of the store against its simulated shop. `undecided` counts variants the rule leaves
 * to their last known state (the drill seeds every facility, so it should stay 0).
 */
export function compareStore(
  store: StoreUnderTest,
  fulfillment: ReadonlyMap<number, FulfillmentModel>,
  storedByVariant: ReadonlyMap<number, readonly StoredObservation[]>,
  shown: readonly SimStockRow[],
): { checked: number; undecided: number; wrong: WrongVariant[] } {
  const onPlatform = new Map(shown.map((r) => [r.variantId, r.stock]));
  const wrong: WrongVariant[] = [];
  let checked = 0;
  let undecided = 0;
  for (const [externalVariantId, catalogVariantId] of store.variants) {
    const model = fulfillment.get(catalogVariantId);
    if (!model) throw new Error(`catalog variant ${catalogVariantId} has no fulfillment model`);
    const expected = expectedStock(model, store.regionFacilities, storedByVariant.get(catalogVariantId) ?? []);
    if (!expected) {
      undecided++;
      continue;
    }
    checked++;
    const observed = onPlatform.get(externalVariantId);
    if (!showsExpected(observed, expected, store.emulatedUnlimited)) {
      wrong.push({
        store: store.label,
        externalVariantId,
        catalogVariantId,
        expected: describeTargetStock(expected),
        shown: describeShown(observed),
      });
    }
  }
  return { checked, undecided, wrong };
}
