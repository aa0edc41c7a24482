/**
 * The demo's catalog (what the company sells), the stores' own catalogs (how each store lists it), and the
 * facility stock everything starts with. Plain data: the scenario reads like the help page.
 */
import type { FulfillmentModel } from '@stock-sync/domain';

export interface CatalogVariant {
  id: number;
  productId: number;
  name: string;
  sku: string;
  fulfillment: FulfillmentModel;
}

export const CATALOG: readonly CatalogVariant[] = [
  { id: 101, productId: 10, name: 'Classic T-shirt / S', sku: 'TEE-CLASSIC-S', fulfillment: 'pod' },
  { id: 102, productId: 10, name: 'Classic T-shirt / M', sku: 'TEE-CLASSIC-M', fulfillment: 'pod' },
  { id: 103, productId: 11, name: 'Poster A3', sku: 'POSTER-A3', fulfillment: 'pod' },
  { id: 104, productId: 12, name: 'Hoodie / L', sku: 'HOODIE-L', fulfillment: 'pod' },
  { id: 201, productId: 20, name: 'Enamel mug', sku: 'MUG-ENAMEL', fulfillment: 'warehouse' },
  { id: 202, productId: 21, name: 'Sticker pack', sku: 'STICKERS-10', fulfillment: 'warehouse' },
];

export function catalogVariant(id: number): CatalogVariant {
  const v = CATALOG.find((c) => c.id === id);
  if (!v) throw new Error(`no catalog variant ${id}`);
  return v;
}

/** How a variant sits in a store: synced (linked), ignored (linked but left alone), or not synced. */
export type LinkKind = 'synced' | 'ignored' | 'not_synced';

export interface StoreListingVariant {
  /** Position inside the store's product (ids are derived per store, see storeIds). */
  slot: number;
  title: string;
  catalogVariantId: number | null;
  link: LinkKind;
  /**
   * What the simulated store shows before the hub acts. Synced variants start sold out so the first
   * facility stock visibly brings them in stock; ignored and not-synced ones start in a state the hub
   * would change if it (wrongly) touched them.
   */
  initial: { kind: 'unlimited' } | { kind: 'out_of_stock' } | { kind: 'quantity'; quantity: number };
}

export interface StoreListingProduct {
  slot: number;
  title: string;
  variants: StoreListingVariant[];
}

export const STORE_LISTING: readonly StoreListingProduct[] = [
  {
    slot: 1,
    title: 'Classic T-shirt',
    variants: [
      { slot: 1, title: 'Classic T-shirt / S', catalogVariantId: 101, link: 'synced', initial: { kind: 'out_of_stock' } },
      { slot: 2, title: 'Classic T-shirt / M', catalogVariantId: 102, link: 'synced', initial: { kind: 'out_of_stock' } },
      {
        slot: 3,
        title: 'Classic T-shirt / XXL (made by the merchant)',
        catalogVariantId: null,
        link: 'not_synced',
        initial: { kind: 'out_of_stock' },
      },
    ],
  },
  {
    slot: 2,
    title: 'Poster and hoodie bundle',
    variants: [
      { slot: 1, title: 'Poster A3', catalogVariantId: 103, link: 'synced', initial: { kind: 'out_of_stock' } },
      { slot: 2, title: 'Hoodie / L (ignored by the merchant)', catalogVariantId: 104, link: 'ignored', initial: { kind: 'out_of_stock' } },
    ],
  },
  {
    slot: 3,
    title: 'Desk set',
    variants: [
      { slot: 1, title: 'Enamel mug', catalogVariantId: 201, link: 'synced', initial: { kind: 'quantity', quantity: 0 } },
      { slot: 2, title: 'Sticker pack', catalogVariantId: 202, link: 'synced', initial: { kind: 'quantity', quantity: 0 } },
      { slot: 3, title: 'Gift wrap (not synced)', catalogVariantId: null, link: 'not_synced', initial: { kind: 'quantity', quantity: 7 } },
    ],
  },
];

/**
 * Store ids on the platform. Each platform has one simulated shop in the sandbox, so the stores of a
 * platform use disjoint id ranges in it (numeric: every platform accepts numeric ids).
 */
export function storeIds(storeIndex: number, productSlot: number, variantSlot: number): { productId: string; variantId: string } {
  const product = 100_000 + storeIndex * 1_000 + productSlot;
  return { productId: String(product), variantId: String(product * 10 + variantSlot) };
}

/** The company's own facilities that make every POD variant; partner facilities do not offer these. */
export const POD_FACILITIES = ['US-NC', 'US-TX', 'MX', 'CA', 'LV', 'ES', 'UK'] as const;

/** Warehouse quantities per facility at the start. */
export const WAREHOUSE_START: Readonly<Record<number, Readonly<Record<string, number>>>> = {
  201: { 'US-NC': 40, 'US-TX': 25, MX: 0, CA: 10, LV: 15, ES: 5, UK: 8 },
  202: { 'US-NC': 120, LV: 60 },
};

/** Regions every platform gets a store in, plus one that rotates per platform for variety. */
export const FIXED_REGIONS = ['north_america', 'europe', 'worldwide'] as const;
export const ROTATING_REGIONS = ['canada', 'uk', 'spain', 'latvia', 'english_speaking_regions', 'france', 'germany', 'italy'] as const;
