/**
 * The simulated shop: products → variants, each variant with one inventory item (tracked or not)
 * and inventory levels per location, plus the pieces of Shopify's machinery the plugin meets
 * (the cost bucket, idempotency keys, adjustment groups). Plain data; the resolvers read it.
 */
import { NoticeOutbox } from '@stock-sync/plugin-testkit/simulator';
import { toGid } from '../mapping';
import { STANDARD_BUCKET } from '../manifest';
import { LeakyBucket } from './leaky-bucket';

export type SimInventoryPolicy = 'DENY' | 'CONTINUE';

export interface SimLocation {
  id: string;
  name: string;
  isActive: boolean;
  /** Test switch: the location refuses to stock new items (as a fulfillment-service location may). */
  refusesActivation?: boolean;
}

export interface SimInventoryLevel {
  available: number;
  /** Units in unfulfilled orders: on_hand = available + committed. */
  committed: number;
  updatedAt: string;
}

export interface SimInventoryItem {
  id: string;
  variantId: string;
  tracked: boolean;
  sku: string | null;
  levels: Map<string, SimInventoryLevel>;
}

export interface SimVariant {
  id: string;
  productId: string;
  title: string;
  sku: string | null;
  inventoryPolicy: SimInventoryPolicy;
  inventoryItemId: string;
}

export interface SimProduct {
  id: string;
  title: string;
  variantIds: string[];
}

/** A shop-specific webhook subscription (webhookSubscriptionCreate). */
export interface SimWebhookSubscription {
  id: string;
  /** The GraphQL WebhookSubscriptionTopic value, e.g. PRODUCTS_UPDATE. */
  topic: string;
  uri: string;
  createdAt: string;
  updatedAt: string;
}

/** One webhook the simulator posted (newest 100 kept), with the receiver's status (0: no answer). */
export interface IdempotentResult {
  fingerprint: string;
  payload: unknown;
}

export interface ShopifyState {
  shop: { id: string; name: string; myshopifyDomain: string };
  locations: Map<string, SimLocation>;
  /** The location the hub's credentials point at (every seeded variant is stocked there). */
  hubLocationId: string;
  products: Map<string, SimProduct>;
  variants: Map<string, SimVariant>;
  inventoryItems: Map<string, SimInventoryItem>;
  /** Variant ids the merchant deleted (they answer null, and inspect says 'deleted'). */
  deletedVariants: Set<string>;
  bucket: LeakyBucket;
  idempotency: Map<string, IdempotentResult>;
  nextId: number;
  webhookSubscriptions: Map<string, SimWebhookSubscription>;
  /** The app's one webhook URL from its shopify.app.toml (app-specific subscriptions), when set. */
  appNoticeUrl?: string;
  /** Webhook deliveries: those under way (tests settle them) and the last 100 answered. */
  outbox: NoticeOutbox<{ topic: string }>;
  /** Test seam: runs just before inventorySetQuantities applies (e.g. an order lands at that moment). */
  hooks: { beforeInventorySet?: (state: ShopifyState) => void };
}

export const SIM_SHOP_DOMAIN = 'stock-sync-sim.myshopify.com';
export const HUB_LOCATION_ID = 'gid://shopify/Location/71001';
export const OTHER_LOCATION_ID = 'gid://shopify/Location/71002';

export function createShopifyState(now: () => number = Date.now): ShopifyState {
  const locations = new Map<string, SimLocation>([
    [HUB_LOCATION_ID, { id: HUB_LOCATION_ID, name: 'Stock Sync fulfillment', isActive: true }],
    [OTHER_LOCATION_ID, { id: OTHER_LOCATION_ID, name: 'Merchant warehouse', isActive: true }],
  ]);
  return {
    shop: { id: 'gid://shopify/Shop/60001', name: 'Stock Sync simulated shop', myshopifyDomain: SIM_SHOP_DOMAIN },
    locations,
    hubLocationId: HUB_LOCATION_ID,
    products: new Map(),
    variants: new Map(),
    inventoryItems: new Map(),
    deletedVariants: new Set(),
    bucket: new LeakyBucket(STANDARD_BUCKET.maximumAvailable, STANDARD_BUCKET.restoreRate, now),
    idempotency: new Map(),
    nextId: 900_001,
    webhookSubscriptions: new Map(),
    outbox: new NoticeOutbox(),
    hooks: {},
  };
}

export function newNumericId(state: ShopifyState): number {
  return state.nextId++;
}

export function variantGid(externalVariantId: string): string {
  return toGid('ProductVariant', externalVariantId);
}

export function productGid(externalProductId: string): string {
  return toGid('Product', externalProductId);
}

export function liveVariant(state: ShopifyState, id: string): SimVariant | undefined {
  return state.deletedVariants.has(id) ? undefined : state.variants.get(id);
}

export function itemOf(state: ShopifyState, v: SimVariant): SimInventoryItem {
  const item = state.inventoryItems.get(v.inventoryItemId);
  if (!item) throw new Error(`simulator state broken: variant ${v.id} has no inventory item`);
  return item;
}
