/**
 * The simulated Webflow ecommerce site: its collections (Products, Categories, SKUs), products and
 * their SKUs with each SKU's inventory (`inventoryType` + `quantity`).
 */
import { NoticeOutbox } from '@stock-sync/plugin-testkit/simulator';
import type { NoticeDelivery } from '@stock-sync/plugin-testkit/simulator';
import type { InventoryType } from '../stock-mapping';

export interface SimSku {
  id: string;
  productId: string;
  name: string;
  inventoryType: InventoryType;
  /** Meaningful while finite; an infinite SKU reports 0. */
  quantity: number;
  lastUpdated: number;
}

export interface SimProduct {
  id: string;
  name: string;
  skuIds: string[];
}

export interface SimCollection {
  id: string;
  displayName: string;
  singularName: string;
  slug: string;
}

/** A webhook an app created on the site (Create Webhook). */
export interface SimWebhook {
  id: string;
  triggerType: string;
  url: string;
  createdOn: number;
  lastTriggered?: number;
}

/** One webhook POST the site sent (the last 100 kept). */
/** One delivery sent (for tests): where, what, and the receiver's status (0: it could not be reached). */
export type SimWebhookDelivery = NoticeDelivery<{ webhookId: string }>;

export interface WebflowSimState {
  siteId: string;
  collections: SimCollection[];
  products: Map<string, SimProduct>;
  skus: Map<string, SimSku>;
  /** "productId/skuId" of SKUs that existed and were deleted. */
  deleted: Set<string>;
  /** A site without ecommerce answers 409 ecommerce_not_enabled. */
  ecommerceEnabled: boolean;
  clock: () => number;
  webhooks: Map<string, SimWebhook>;
  nextWebhookSeq: number;
  /** Webhook deliveries: those in flight (tests settle them) and the last 100 answered, with the receiver's status (0: none). */
  outbox: NoticeOutbox<{ webhookId: string }>;
}

/** Obviously fake object ids in Webflow's 24-hex form. */
export const SANDBOX_SITE_ID = '5f0c8c9e1c9d440000e8d8c0';
export const SANDBOX_SKU_COLLECTION_ID = '5f0c8c9e1c9d440000e8d8c3';
/** The sandbox workspace (webhook objects name it). */
export const SANDBOX_WORKSPACE_ID = '5f0c8c9e1c9d440000e8d8b0';

export function createWebflowState(): WebflowSimState {
  return {
    siteId: SANDBOX_SITE_ID,
    collections: [
      { id: '5f0c8c9e1c9d440000e8d8c1', displayName: 'Products', singularName: 'Product', slug: 'product' },
      { id: '5f0c8c9e1c9d440000e8d8c2', displayName: 'Categories', singularName: 'Category', slug: 'category' },
      { id: SANDBOX_SKU_COLLECTION_ID, displayName: 'SKUs', singularName: 'SKU', slug: 'sku' },
    ],
    products: new Map(),
    skus: new Map(),
    deleted: new Set(),
    ecommerceEnabled: true,
    clock: Date.now,
    webhooks: new Map(),
    nextWebhookSeq: 1,
    outbox: new NoticeOutbox(),
  };
}

export function skuCollectionId(state: WebflowSimState): string | undefined {
  return state.collections.find((c) => c.slug === 'sku')?.id;
}
