/**
 * The simulated TikTok shop: products with their SKUs, each SKU's stock per warehouse, the shop's
 * warehouses and the shops the access token is authorised for. Field names follow the 202309 API.
 */
import { NoticeOutbox } from '@stock-sync/plugin-testkit/simulator';

export interface SimWarehouseStock {
  warehouseId: string;
  /** available_quantity: what can still be sold (= the inventory.quantity an update sets). */
  available: number;
  /** committed_quantity: ordered, not yet shipped. Updates leave it alone. */
  committed: number;
}

export interface SimSku {
  id: string;
  sellerSku: string;
  stock: SimWarehouseStock[];
  /** Stock reserved for campaigns and creators: counted in total_available_quantity, not in a warehouse's. */
  campaign?: { name: string; quantity: number }[];
  creator?: { name: string; quantity: number }[];
  /** The seller's stock alert: LOW_STOCK is "available stock ≤ stock alert value" (unset: 0, the page's sample). */
  lowStockAlert?: number;
}

/** 202309 product statuses; only ACTIVATE ("live") SKUs take stock updates. */
export type SimProductStatus =
  'DRAFT' | 'PENDING' | 'FAILED' | 'ACTIVATE' | 'SELLER_DEACTIVATED' | 'PLATFORM_DEACTIVATED' | 'FREEZE' | 'DELETED';

export interface SimProduct {
  id: string;
  title: string;
  status: SimProductStatus;
  skus: Map<string, SimSku>;
}

export interface SimShop {
  id: string;
  name: string;
  region: string;
  seller_type: 'LOCAL' | 'CROSS_BORDER';
  cipher: string;
  code: string;
}

export interface TikTokSimState {
  products: Map<string, SimProduct>;
  /** "productId/skuId" of SKUs that existed and were deleted. */
  deleted: Set<string>;
  shops: SimShop[];
  /** The shop's warehouses; the first is every seeded SKU's default warehouse. */
  warehouseIds: string[];
  /** The app's "HTTP Server URL" in Partner Center (every shop's webhooks go there); unset = no webhooks sent. */
  appNoticeUrl?: string;
  /** The app that receives the webhooks (its key and secret sign them): the sandbox's OAuth app. */
  noticeApp?: { clientId: string; clientSecret: string };
  /** Webhook deliveries: those in flight (tests settle them) and the last 100 answered, with the receiver's status (0: none). */
  outbox: NoticeOutbox<{ type: number }>;
}

export const SIM_DEFAULT_WAREHOUSE_ID = '7000000000000000001';
export const SIM_SECOND_WAREHOUSE_ID = '7000000000000000002';

export function createTikTokState(cipher: string): TikTokSimState {
  return {
    products: new Map(),
    deleted: new Set(),
    shops: [{ id: '7400000000000000001', name: 'Sandbox Shop', region: 'GB', seller_type: 'LOCAL', cipher, code: 'GBLCSANDBOX' }],
    warehouseIds: [SIM_DEFAULT_WAREHOUSE_ID, SIM_SECOND_WAREHOUSE_ID],
    outbox: new NoticeOutbox(),
  };
}

export function refKey(productId: string, skuId: string): string {
  return `${productId}/${skuId}`;
}

/** The warehouses' available stock (in-shop inventory). */
export function inShopAvailable(sku: SimSku): number {
  return sku.stock.reduce((n, w) => n + w.available, 0);
}

/** total_available_quantity: "across all warehouses, including in shop inventory, campaign inventory, and creator inventory". */
export function totalAvailable(sku: SimSku): number {
  const reserved = [...(sku.campaign ?? []), ...(sku.creator ?? [])].reduce((n, r) => n + r.quantity, 0);
  return inShopAvailable(sku) + reserved;
}
