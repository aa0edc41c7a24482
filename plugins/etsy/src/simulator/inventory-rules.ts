/**
 * What Etsy checks in an updateListingInventory body beyond its JSON schema, and how it applies one.
 * Sources (README.md has the list): the spec's operation description (values must agree with the
 * *_on_property fields), etsy/open-api issues #134/#159 (read-only fields and Money prices refused;
 * property values needed), #214 (quantity 0–999), #395/#501/#560 ("One offering must have quantity
 * greater than 0"), #523 (ids), and the processing-profile migration (readiness_state_id on every
 * offering, newer than the June 2021 spec).
 */
import { newId, type EtsySimState, type SimListing, type SimOffering, type SimProduct } from './sim-state';

interface BodyPropertyValue {
  property_id: number;
  value_ids?: number[];
  values?: string[];
  scale_id?: number | null;
  property_name?: string | null;
  [k: string]: unknown;
}
interface BodyOffering {
  price: number;
  quantity: number;
  is_enabled?: boolean;
  readiness_state_id?: number | null;
  [k: string]: unknown;
}
interface BodyProduct {
  sku?: string | null;
  property_values?: BodyPropertyValue[];
  offerings?: BodyOffering[];
  [k: string]: unknown;
}
export interface InventoryBody {
  products: BodyProduct[];
  price_on_property?: number[];
  quantity_on_property?: number[];
  sku_on_property?: number[];
  readiness_state_on_property?: number[] | null;
}

/** Fields GET returns that the PUT refuses (issue #159: "they don't want is_deleted and product_id"). */
const READ_ONLY_PRODUCT_FIELDS = ['product_id', 'is_deleted'];
const READ_ONLY_OFFERING_FIELDS = ['offering_id', 'is_deleted'];
const READ_ONLY_PROPERTY_FIELDS = ['scale_name', 'value_pairs'];

export const MAX_QUANTITY = 999;
/** Etsy's minimum listing price is USD 0.20. */
export const MIN_PRICE = 0.2;

function signature(pvs: readonly { property_id: number; value_ids?: number[]; values?: string[] }[]): string {
  return [...pvs]
    .sort((a, b) => a.property_id - b.property_id)
    .map((pv) => `${pv.property_id}:${[...(pv.value_ids ?? [])].sort((a, b) => a - b).join(',')}|${(pv.values ?? []).join(',')}`)
    .join(';');
}

/** Returns Etsy's error message for a body it would refuse, or undefined when it is acceptable. */
export function inventoryBodyError(body: InventoryBody): string | undefined {
  const products = body.products;
  if (products.length === 0) return 'Missing input parameter: [products]';

  for (const [i, p] of products.entries()) {
    for (const f of READ_ONLY_PRODUCT_FIELDS) if (f in p) return `products[${i}]: unexpected field '${f}'`;
    const offerings = p.offerings ?? [];
    // Products and offerings are one to one on Etsy.
    if (offerings.length !== 1) return `products[${i}]: a product must have exactly one offering`;
    for (const pv of p.property_values ?? []) {
      for (const f of READ_ONLY_PROPERTY_FIELDS) if (f in pv) return `products[${i}].property_values: unexpected field '${f}'`;
      if ((pv.value_ids ?? []).length === 0 && (pv.values ?? []).length === 0)
        return `products[${i}].property_values: values can't be empty`;
    }
    for (const o of offerings) {
      for (const f of READ_ONLY_OFFERING_FIELDS) if (f in o) return `products[${i}].offerings: unexpected field '${f}'`;
      if (!('readiness_state_id' in o)) return `products[${i}].offerings: readiness_state_id is required`;
      // Every simulated listing is physical; Etsy's answer as integrators quote it.
      if (o.readiness_state_id === null || o.readiness_state_id === undefined)
        return 'A readiness_state_id is required for physical listings.';
      if (o.quantity < 0 || o.quantity > MAX_QUANTITY) return `Offering quantity must be between 0 and ${MAX_QUANTITY}`;
      if (!(o.price >= MIN_PRICE)) return `Offering price must be at least ${MIN_PRICE}`;
    }
  }

  if (products.length > 1) {
    if (products.some((p) => (p.property_values ?? []).length === 0)) return "Property values can't be empty";
    const seen = new Set<string>();
    for (const p of products) {
      const s = signature(p.property_values ?? []);
      if (seen.has(s)) return 'Products must have unique property value combinations';
      seen.add(s);
    }
    const propertyIds = new Set(products.flatMap((p) => (p.property_values ?? []).map((pv) => pv.property_id)));
    const checks: [string, number[] | undefined | null, (p: BodyProduct) => unknown][] = [
      ['price_on_property', body.price_on_property, (p) => p.offerings![0]!.price],
      ['quantity_on_property', body.quantity_on_property, (p) => p.offerings![0]!.quantity],
      ['sku_on_property', body.sku_on_property, (p) => p.sku ?? ''],
      ['readiness_state_on_property', body.readiness_state_on_property, (p) => p.offerings![0]!.readiness_state_id ?? null],
    ];
    for (const [name, onProperty, value] of checks) {
      for (const id of onProperty ?? []) if (!propertyIds.has(id)) return `${name} names property ${id}, which no product uses`;
      // Without an on_property entry, every product must agree on that value.
      if ((onProperty ?? []).length === 0 && new Set(products.map(value)).size > 1) {
        return `Products differ in ${name.replace('_on_property', '')} but ${name} is empty`;
      }
    }
  }

  const forSale = products.some((p) => (p.offerings ?? []).some((o) => o.is_enabled !== false && o.quantity > 0));
  if (!forSale) return 'One offering must have quantity greater than 0';
  return undefined;
}

function toMoney(price: number, currency: string) {
  return { amount: Math.round(price * 100), divisor: 100, currency_code: currency };
}

/**
 * Full replacement. A product whose property values match a current product keeps its product_id and
 * offering_id (the behaviour Etsy restored after issue #523); other products get new ids; current
 * products not in the body are deleted.
 */
export function applyInventoryBody(state: EtsySimState, listing: SimListing, body: InventoryBody, nowSeconds: number): void {
  const current = new Map(listing.products.filter((p) => !p.is_deleted).map((p) => [signature(p.property_values), p]));
  const currency = listing.products[0]?.offerings[0]?.price.currency_code ?? 'USD';
  const kept = new Set<SimProduct>();
  const next: SimProduct[] = body.products.map((bp) => {
    const match = current.get(signature(bp.property_values ?? []));
    if (match) kept.add(match);
    const bo = bp.offerings![0]!;
    const offering: SimOffering = {
      offering_id: match?.offerings.find((o) => !o.is_deleted)?.offering_id ?? newId(state),
      quantity: bo.quantity,
      is_enabled: bo.is_enabled ?? true,
      is_deleted: false,
      price: toMoney(bo.price, currency),
      readiness_state_id: bo.readiness_state_id ?? null,
    };
    return {
      product_id: match?.product_id ?? newId(state),
      sku: bp.sku ?? '',
      is_deleted: false,
      offerings: [offering],
      property_values: (bp.property_values ?? []).map((pv) => ({
        property_id: pv.property_id,
        property_name: pv.property_name ?? null,
        scale_id: pv.scale_id ?? null,
        scale_name: null,
        value_ids: [...(pv.value_ids ?? [])],
        values: [...(pv.values ?? [])],
      })),
    };
  });
  const removed = listing.products
    .filter((p) => !p.is_deleted && !kept.has(p))
    .map((p) => ({
      ...p,
      is_deleted: true,
      offerings: p.offerings.map((o) => ({ ...o, is_deleted: true })),
    }));
  listing.products = [...next, ...removed, ...listing.products.filter((p) => p.is_deleted)];
  listing.price_on_property = [...(body.price_on_property ?? [])];
  listing.quantity_on_property = [...(body.quantity_on_property ?? [])];
  listing.sku_on_property = [...(body.sku_on_property ?? [])];
  listing.readiness_state_on_property = [...(body.readiness_state_on_property ?? [])];
  listing.last_modified_timestamp = nowSeconds;
}
