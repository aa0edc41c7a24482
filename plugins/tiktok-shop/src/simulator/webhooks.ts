/**
 * The sandbox's webhooks (sources in ../notices.ts and test/evidence/notice-*.json): TikTok Shop sends every
 * shop's webhooks to the ONE "HTTP Server URL" of the app in Partner Center (`setAppNoticeUrl`), each signed
 * hex HMAC-SHA256(app_secret, app_key + body) in `Authorization`. Modelled: "(27) Inventory status change",
 * alert_type REALTIME, when a SKU's status drops (SUFFICIENT_STOCK → LOW_STOCK → OUT_OF_STOCK). TikTok's page
 * names no source of the change, so a drop by a seller's edit AND by an API write (the hub's own) both send
 * it. PREDICTION alerts (a forecast of sales) are not modelled: the sandbox has no sales.
 */
import { createHmac, randomInt } from 'node:crypto';
import type { SimProduct, SimSku, TikTokSimState } from './state';

export const INVENTORY_STATUS_CHANGE = 27;
type InventoryStatus = 'SUFFICIENT_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';
const RANK: Record<InventoryStatus, number> = { SUFFICIENT_STOCK: 0, LOW_STOCK: 1, OUT_OF_STOCK: 2 };

/** Stock available for ordering across the SKU's warehouses (the webhook's `available_quantity`). */
function available(sku: SimSku): number {
  return sku.stock.reduce((n, w) => n + w.available, 0);
}

/** "OUT_OF_STOCK: … 0 available stock"; "LOW_STOCK: … available stock ≤ stock alert value". */
export function inventoryStatus(sku: SimSku): InventoryStatus {
  const n = available(sku);
  if (n <= 0) return 'OUT_OF_STOCK';
  return n <= (sku.lowStockAlert ?? 0) ? 'LOW_STOCK' : 'SUFFICIENT_STOCK';
}

/** A 19-digit notification id, as TikTok's ids look. */
function notificationId(): string {
  return `7${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
}

/** The documented body of an inventory status change for this SKU now. */
export function inventoryStatusBody(state: TikTokSimState, product: SimProduct, sku: SimSku, nowSeconds: number): string {
  const reserved = (list: { quantity: number }[] | undefined) => (list ?? []).reduce((n, r) => n + r.quantity, 0);
  const committed = sku.stock.reduce((n, w) => n + w.committed, 0);
  const distribution = {
    available_quantity: available(sku),
    creator_reserved_quantity: reserved(sku.creator),
    campaign_reserved_quantity: reserved(sku.campaign),
    committed_quantity: committed,
  };
  return JSON.stringify({
    type: INVENTORY_STATUS_CHANGE,
    tts_notification_id: notificationId(),
    shop_id: state.shops[0]!.id,
    timestamp: nowSeconds,
    data: {
      product_id: product.id,
      sku_id: sku.id,
      trigger_reason: { alert_type: 'REALTIME', low_stock_threshold: sku.lowStockAlert ?? 0 },
      current_inventory_status: inventoryStatus(sku),
      // "total_quantity = available_quantity + creator_reserved_quantity + campaign_reserved_quantity + committed_quantity"
      inventory_distribution: {
        total_quantity: Object.values(distribution).reduce((n, q) => n + q, 0),
        ...distribution,
      },
      update_time: nowSeconds,
    },
  });
}

/** Posts one signed webhook to the app's URL (asynchronously, like TikTok's push). */
function deliver(state: TikTokSimState, type: number, body: string): void {
  const url = state.appNoticeUrl;
  const app = state.noticeApp;
  if (!url || !app) return;
  const headers = {
    'content-type': 'application/json',
    authorization: createHmac('sha256', app.clientSecret).update(`${app.clientId}${body}`, 'utf8').digest('hex'),
  };
  void state.outbox.send({ url, headers, body, meta: { type }, timeoutMs: 3_000 });
}

/**
 * Runs a stock change of one SKU and sends the inventory status change when it made the SKU's status drop
 * (a rise, or no change of status, sends nothing).
 */
export function withStockWebhook<T>(state: TikTokSimState, product: SimProduct, sku: SimSku, change: () => T): T {
  const before = inventoryStatus(sku);
  const result = change();
  if (RANK[inventoryStatus(sku)] > RANK[before]) {
    deliver(state, INVENTORY_STATUS_CHANGE, inventoryStatusBody(state, product, sku, Math.floor(Date.now() / 1000)));
  }
  return result;
}
