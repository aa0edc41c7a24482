/**
 * Seeding, inspection and "merchant" edits of the simulated shop, in neutral terms. The neutral view
 * of an offering is the plugin's documented mapping (stock-mapping.ts): what a shopper can buy.
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-api';
import type { SeedProduct } from '@stock-sync/plugin-testkit/simulator';
import { EMULATED_UNLIMITED_QUANTITY, offeringFor, stockOfOffering } from '../stock-mapping';
import {
  SIM_READINESS_STATE_ID,
  SIM_SHOP_ID,
  SIM_USER_ID,
  SIM_VARIATION_PROPERTY_ID,
  deriveSoldOut,
  liveSimProducts,
  newId,
  variantKey,
  type EtsySimState,
  type SimListing,
  type SimProduct,
} from './sim-state';

const SEED_PRICE = { amount: 2500, divisor: 100, currency_code: 'USD' };

function etsyId(id: string, what: string): number {
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new RangeError(`Etsy ${what} ids are positive integers, got '${id}'`);
  return Number(id);
}

function seedQuantity(initial: TargetStock | undefined): number {
  return offeringFor(initial ?? { kind: 'unlimited' }, { quantity: EMULATED_UNLIMITED_QUANTITY, is_enabled: true }).quantity;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function seedShop(state: EtsySimState, products: SeedProduct[]): void {
  for (const seed of products) {
    const listingId = etsyId(seed.productId, 'listing');
    const several = seed.variants.length > 1;
    const simProducts: SimProduct[] = seed.variants.map((v, i) => ({
      product_id: etsyId(v.variantId, 'product'),
      sku: v.sku ?? '',
      is_deleted: false,
      offerings: [
        {
          offering_id: newId(state),
          quantity: seedQuantity(v.initial),
          is_enabled: true,
          is_deleted: false,
          price: { ...SEED_PRICE },
          readiness_state_id: SIM_READINESS_STATE_ID,
        },
      ],
      // A listing with several products varies on one property; a single product has none.
      property_values: several
        ? [
            {
              property_id: SIM_VARIATION_PROPERTY_ID,
              property_name: 'Variant',
              scale_id: null,
              scale_name: null,
              value_ids: [newId(state)],
              values: [`Option ${i + 1}`],
            },
          ]
        : [],
    }));
    const t = nowSeconds();
    const listing: SimListing = {
      listing_id: listingId,
      shop_id: SIM_SHOP_ID,
      user_id: SIM_USER_ID,
      title: seed.title ?? `Listing ${listingId}`,
      state: 'active',
      products: simProducts,
      price_on_property: [],
      quantity_on_property: several ? [SIM_VARIATION_PROPERTY_ID] : [],
      sku_on_property: several ? [SIM_VARIATION_PROPERTY_ID] : [],
      readiness_state_on_property: [],
      last_modified_timestamp: t,
      state_timestamp: t,
    };
    // Seeded with nothing for sale: Etsy's own form for that is a sold-out listing.
    deriveSoldOut(listing, t);
    state.listings.set(listingId, listing);
    for (const p of simProducts) state.seeded.add(variantKey(listingId, p.product_id));
  }
}

function findLive(state: EtsySimState, ref: VariantRef): { listing: SimListing; product: SimProduct } | undefined {
  const listing = state.listings.get(Number(ref.externalProductId));
  if (!listing) return undefined;
  const product = liveSimProducts(listing).find((p) => String(p.product_id) === ref.externalVariantId);
  return product ? { listing, product } : undefined;
}

export function inspectVariant(state: EtsySimState, ref: VariantRef): TargetStock | 'deleted' | undefined {
  const found = findLive(state, ref);
  if (!found) return state.seeded.has(variantKey(ref.externalProductId, ref.externalVariantId)) ? 'deleted' : undefined;
  const offering = found.product.offerings.find((o) => !o.is_deleted);
  if (!offering) return 'deleted';
  return stockOfOffering(offering, found.listing.state);
}

export function deleteSimVariant(state: EtsySimState, ref: VariantRef): void {
  const found = findLive(state, ref);
  if (!found) return;
  found.product.is_deleted = true;
  for (const o of found.product.offerings) o.is_deleted = true;
  found.listing.last_modified_timestamp = nowSeconds();
}

/** What a merchant does in the listing editor: set the variation's quantity (Etsy caps it at 999). */
export function manualEditVariant(state: EtsySimState, ref: VariantRef, to: TargetStock): void {
  const found = findLive(state, ref);
  if (!found) throw new RangeError(`no Etsy variant ${ref.externalProductId}/${ref.externalVariantId}`);
  for (const o of found.product.offerings) {
    if (o.is_deleted) continue;
    const next = offeringFor(to, o);
    o.quantity = next.quantity;
    o.is_enabled = next.is_enabled;
  }
  const t = nowSeconds();
  found.listing.last_modified_timestamp = t;
  deriveSoldOut(found.listing, t);
}
