/**
 * The simulated BigCommerce store, in the platform's own shape: products with an inventory_tracking
 * mode and their own count, variants with purchasing_disabled and a default-location count.
 */
import { NoticeOutbox } from '@stock-sync/plugin-testkit/simulator';
import type { TargetStock } from '@stock-sync/plugin-api';
import type { BcInventoryTracking } from '../bc-types';

export interface SimVariant {
  id: number;
  productId: number;
  sku: string;
  purchasingDisabled: boolean;
  purchasingDisabledMessage: string;
  /** Default-location (1) count; stored whatever the product's tracking, used only when tracked by variant. */
  inventoryLevel: number;
  /** Counts at the store's other locations (Multi-Location Inventory), by location id. */
  otherLevels?: Map<number, number>;
  inventoryWarningLevel: number;
  price: number | null;
}

export interface SimProduct {
  id: number;
  name: string;
  sku: string;
  price: number;
  inventoryTracking: BcInventoryTracking;
  /** The product's own count (tracking "product"). */
  ownInventoryLevel: number;
  variantIds: number[];
  dateModified: number;
}

export interface AdjustmentRecord {
  transactionId: string;
  reason: string;
  items: { locationId: number; variantId: number; quantity: number }[];
}

export interface BigcommerceSimState {
  storeHash: string;
  /** Locations the store has (Multi-Location Inventory); 1 is the default. */
  locations: Set<number>;
  products: Map<number, SimProduct>;
  variants: Map<number, SimVariant>;
  /** `productId/variantId` of variants a merchant deleted. */
  deleted: Set<string>;
  adjustments: AdjustmentRecord[];
  clock: () => number;
  /**
   * How long an accepted absolute adjustment takes to show (BigCommerce: "there may be a short delay before data
   * is updated"). 0 (default): at once. Adjustments due by a request's time are applied before it is answered.
   */
  adjustmentDelayMs: number;
  pendingAdjustments: { applyAt: number; apply: () => void }[];
  /** The sandbox app profile's auth callback URL (real app profiles hold it); the install link's redirect_uri wins. */
  authCallbackUrl?: string;
  /** The store's webhooks (v3 /hooks) of the sandbox app's client id. */
  hooks: Map<number, SimHook>;
  nextHookId: number;
  /** Webhook deliveries: those in flight (tests settle them) and the last 100 answered, with the receiver's status (0: none). */
  outbox: NoticeOutbox<{ hookId: number; scope: string }>;
}

export interface SimHook {
  id: number;
  scope: string;
  destination: string;
  isActive: boolean;
  headers: Record<string, string> | null;
  createdAt: number;
  updatedAt: number;
}

export const SIM_STORE_HASH = 'simstore1';

/** What the simulated merchant types for "always available" on a product tracked by variant. */
export const MERCHANT_UNLIMITED_COUNT = 1_000_000;

export function createBcState(): BigcommerceSimState {
  return {
    storeHash: SIM_STORE_HASH,
    locations: new Set([1]),
    products: new Map(),
    variants: new Map(),
    deleted: new Set(),
    adjustments: [],
    clock: Date.now,
    adjustmentDelayMs: 0,
    pendingAdjustments: [],
    hooks: new Map(),
    nextHookId: 18048287,
    outbox: new NoticeOutbox(),
  };
}

export const DEFAULT_LOCATION = 1;

/** A variant's count at a location (the default location's is `inventoryLevel`). */
export function levelAt(v: SimVariant, locationId: number): number {
  return locationId === DEFAULT_LOCATION ? v.inventoryLevel : (v.otherLevels?.get(locationId) ?? 0);
}

export function setLevelAt(v: SimVariant, locationId: number, n: number): void {
  if (locationId === DEFAULT_LOCATION) v.inventoryLevel = n;
  else (v.otherLevels ??= new Map()).set(locationId, n);
}

/** Applies the adjustments due by now (called before every answer). */
export function settleAdjustments(state: BigcommerceSimState): void {
  const now = state.clock();
  const due = state.pendingAdjustments.filter((a) => a.applyAt <= now);
  if (due.length === 0) return;
  state.pendingAdjustments = state.pendingAdjustments.filter((a) => a.applyAt > now);
  due.forEach((a) => a.apply());
}

/** The product's inventory_level as the API reports it: the sum of its variants' counts when tracked by variant. */
export function productInventoryLevel(state: BigcommerceSimState, p: SimProduct): number {
  if (p.inventoryTracking !== 'variant') return p.ownInventoryLevel;
  return p.variantIds.reduce((sum, id) => sum + (state.variants.get(id)?.inventoryLevel ?? 0), 0);
}

/**
 * The simulator's own neutral reading (independent of the plugin's mapping, so the contract suite checks
 * one against the other): disabled → out of stock; untracked → unlimited; tracked → the governing count.
 */
export function neutralStock(state: BigcommerceSimState, v: SimVariant): TargetStock {
  const p = state.products.get(v.productId)!;
  if (v.purchasingDisabled) return { kind: 'out_of_stock' };
  if (p.inventoryTracking === 'none') return { kind: 'unlimited' };
  const n = p.inventoryTracking === 'variant' ? v.inventoryLevel : p.ownInventoryLevel;
  return { kind: 'quantity', quantity: Math.max(0, n) };
}

/** What a merchant does in the control panel to show a neutral state (seeding and drift). */
export function applyMerchantEdit(state: BigcommerceSimState, v: SimVariant, to: TargetStock): void {
  const p = state.products.get(v.productId)!;
  p.dateModified = state.clock();
  if (to.kind === 'out_of_stock') {
    if (p.inventoryTracking === 'variant') {
      v.purchasingDisabled = false;
      v.inventoryLevel = 0;
    } else v.purchasingDisabled = true;
    return;
  }
  v.purchasingDisabled = false;
  if (to.kind === 'unlimited') {
    if (p.inventoryTracking === 'variant') v.inventoryLevel = MERCHANT_UNLIMITED_COUNT;
    return;
  }
  // A count needs tracking: the merchant turns on "Track inventory by variant" (siblings' stored counts apply).
  if (p.inventoryTracking === 'none') p.inventoryTracking = 'variant';
  if (p.inventoryTracking === 'variant') v.inventoryLevel = to.quantity;
  else p.ownInventoryLevel = to.quantity;
}
