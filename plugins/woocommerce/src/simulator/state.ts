/**
 * The simulated WooCommerce store: variable products, their variations and the few store options
 * that change stock behaviour. Field names follow WooCommerce's own props (edit context).
 */
import { NoticeOutbox } from '@stock-sync/plugin-testkit/simulator';
import type { NoticeDelivery } from '@stock-sync/plugin-testkit/simulator';
import type { WooBackorders, WooStockStatus } from '../woo-types';

export interface SimVariation {
  id: number;
  parentId: number;
  sku: string;
  status: 'publish' | 'private';
  /** The variation's own flag (false + a stock-managing parent reads as "parent"). */
  manageStock: boolean;
  stockQuantity: number | null;
  stockStatus: WooStockStatus;
  backorders: WooBackorders;
  lowStockAmount: number | null;
  dateModified: number;
}

export interface SimProduct {
  id: number;
  name: string;
  manageStock: boolean;
  stockQuantity: number | null;
  stockStatus: WooStockStatus;
  backorders: WooBackorders;
  variationIds: number[];
  dateModified: number;
}

export interface WooStoreOptions {
  /** `woocommerce_manage_stock`: the store-wide "Enable stock management" switch. */
  manageStock: 'yes' | 'no';
  /** `woocommerce_notify_no_stock_amount`: at or below this tracked quantity a product is out of stock. */
  notifyNoStockAmount: number;
  /** `woocommerce_rest_batch_items_limit` filter result (core default 100). */
  batchItemsLimit: number;
}

/** A webhook (WC_Webhook): its secret signs every delivery; only `active` ones deliver. */
export interface SimWebhook {
  id: number;
  name: string;
  status: 'active' | 'paused' | 'disabled';
  topic: string;
  deliveryUrl: string;
  secret: string;
  dateCreated: number;
  dateModified: number;
}

/** One delivery the sandbox sent (for tests): where, what, and the receiver's status (0: unreachable). */
export type SimDelivery = NoticeDelivery<{ webhookId: number; topic: string }>;

export interface WooSimState {
  products: Map<number, SimProduct>;
  variations: Map<number, SimVariation>;
  /** "productId/variationId" of variations that existed and were deleted. */
  deleted: Set<string>;
  options: WooStoreOptions;
  clock: () => number;
  webhooks: Map<number, SimWebhook>;
  nextWebhookId: number;
  /** Webhook deliveries: those in flight (tests settle them) and the last 100 answered. */
  outbox: NoticeOutbox<{ webhookId: number; topic: string }>;
  /** The outbox's answered deliveries, oldest first (the hub's e2e reads them here). */
  readonly deliveries: readonly SimDelivery[];
}

export function createWooState(): WooSimState {
  // The background deliveries (ASYNC_DELIVERY_MS) are Action Scheduler actions, run one after another "in a single
  // concurrent queue" by default (https://actionscheduler.org/perf/): one delivery on the wire at a time per site.
  const outbox = new NoticeOutbox<{ webhookId: number; topic: string }>({ maxInFlight: 1 });
  return {
    products: new Map(),
    variations: new Map(),
    deleted: new Set(),
    options: { manageStock: 'yes', notifyNoStockAmount: 0, batchItemsLimit: 100 },
    clock: Date.now,
    webhooks: new Map(),
    nextWebhookId: 1,
    outbox,
    deliveries: outbox.deliveries,
  };
}

export function refKey(productId: number | string, variationId: number | string): string {
  return `${productId}/${variationId}`;
}
