/**
 * The simulated Wix site. A site runs exactly one catalog version; its inventory lives in that
 * version's model: V1 keeps one inventory item per product (tracking per product), V3 one inventory
 * item per variant and location (tracking per item, revisioned).
 */
import { NoticeOutbox } from '@stock-sync/plugin-testkit/simulator';
import type { NoticeDelivery } from '@stock-sync/plugin-testkit/simulator';
export type SimCatalogVersion = 'V1_CATALOG' | 'V3_CATALOG' | 'STORES_NOT_INSTALLED';

export interface V1SimVariant {
  variantId: string;
  inStock: boolean;
  quantity: number;
}

export interface V1SimItem {
  id: string;
  productId: string;
  trackQuantity: boolean;
  variants: Map<string, V1SimVariant>;
  lastUpdated: number;
}

export interface V3SimItem {
  id: string;
  productId: string;
  variantId: string;
  locationId: string;
  trackQuantity: boolean;
  /** Meaningful while tracked. */
  quantity: number;
  /** Meaningful while untracked (derived from quantity while tracked). */
  inStock: boolean;
  revision: number;
  /** When the item was created (absent: its first updatedDate). */
  createdDate?: number;
  updatedDate: number;
}

/** One webhook POST the site sent (the last 100 kept): the receiver's status, 0 when it could not be reached. */
export type SimNoticeDelivery = NoticeDelivery<{ eventType: string }>;

export interface WixSimState {
  catalogVersion: SimCatalogVersion;
  /** The callback URL of the app's inventory webhooks (app dashboard), or none. */
  appNoticeUrl?: string;
  /** Webhook deliveries: those in flight (tests settle them) and the last 100 answered, with the receiver's status (0: none). */
  outbox: NoticeOutbox<{ eventType: string }>;
  v1: Map<string, V1SimItem>;
  v3: Map<string, V3SimItem>;
  /** "productId/variantId" of deleted variants (inspect → 'deleted'). */
  deleted: Set<string>;
  defaultLocationId: string;
  nextId: number;
  clock(): number;
}

export function createWixState(catalogVersion: SimCatalogVersion): WixSimState {
  return {
    catalogVersion,
    outbox: new NoticeOutbox(),
    v1: new Map(),
    v3: new Map(),
    deleted: new Set(),
    defaultLocationId: 'a1b2c3d4-0000-4000-8000-000000000001',
    nextId: 1,
    clock: Date.now,
  };
}

export const refKey = (productId: string, variantId: string) => `${productId}/${variantId}`;

export function newId(state: WixSimState): string {
  return `00000000-0000-4000-8000-${String(state.nextId++).padStart(12, '0')}`;
}
