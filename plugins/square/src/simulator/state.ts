/**
 * The simulated Square seller, in Square's own shape: items with ITEM_VARIATION objects (versioned,
 * track_inventory per variation and per location override), IN_STOCK counts per (variation, location),
 * and a seller's hand-set sold-out flag.
 */
import { NoticeOutbox } from '@stock-sync/plugin-testkit/simulator';
import type { NoticeDelivery } from '@stock-sync/plugin-testkit/simulator';
import type { TargetStock } from '@stock-sync/plugin-api';

export interface SimOverride {
  trackInventory?: boolean;
  /** The seller marked it sold out by hand (Square sets sold_out; apps cannot). */
  manualSoldOut?: boolean;
  soldOutValidUntil?: string;
  /** Fields an upsert sent that this simulator does not model, kept and echoed. */
  extra: Record<string, unknown>;
}

export interface SimVariation {
  id: string;
  itemId: string;
  version: number;
  updatedAt: number;
  name: string;
  sku: string;
  priceCents: number;
  trackInventory: boolean;
  overrides: Map<string, SimOverride>;
  /** item_variation_data fields an upsert sent that this simulator does not model, kept and echoed. */
  extra: Record<string, unknown>;
}

export interface SimItem {
  id: string;
  name: string;
  variationIds: string[];
}

export interface IdempotentAnswer {
  body: string;
  status: number;
  response: unknown;
}

export interface SquareSimState {
  merchantId: string;
  locations: Map<string, { id: string; name: string; status: 'ACTIVE' | 'INACTIVE' }>;
  items: Map<string, SimItem>;
  variations: Map<string, SimVariation>;
  /** IN_STOCK quantity per `variationId|locationId`, kept whatever the tracking (a decimal, as Square keeps it). */
  counts: Map<string, { quantity: number; calculatedAt: number }>;
  deleted: Set<string>;
  /** idempotency_key → the first request's body and answer, per endpoint. */
  idempotency: Map<string, IdempotentAnswer>;
  lastVersion: number;
  clock: () => number;
  /** The application's webhook subscriptions (Square: owned by the app whose personal access token made them). */
  webhookSubscriptions: Map<string, SimWebhookSubscription>;
  /** The notification URL of the app's Developer Console subscription (`setAppNoticeUrl`; app-subscription.ts). */
  appNoticeUrl?: string;
  /** Webhook deliveries: those in flight (tests settle them) and the last 100 answered, with the receiver's status (0: none). */
  outbox: NoticeOutbox<NonNullable<SimDelivery['meta']>>;
}

export interface SimWebhookSubscription {
  id: string;
  name: string;
  enabled: boolean;
  eventTypes: string[];
  notificationUrl: string;
  apiVersion: string;
  signatureKey: string;
  createdAt: number;
  updatedAt: number;
}

/** One notification sent (for tests): where, what, and the receiver's status (0: no answer). */
export type SimDelivery = NoticeDelivery<{ subscriptionId: string; type: string }>;

export const SIM_LOCATION_ID = 'LSIMMAIN0001A';
export const SIM_OTHER_LOCATION_ID = 'LSIMOTHER002B';

export function createSquareState(): SquareSimState {
  return {
    merchantId: 'MLSIMMERCHANT1',
    locations: new Map([
      [SIM_LOCATION_ID, { id: SIM_LOCATION_ID, name: 'Main store', status: 'ACTIVE' }],
      [SIM_OTHER_LOCATION_ID, { id: SIM_OTHER_LOCATION_ID, name: 'Pop-up', status: 'ACTIVE' }],
    ]),
    items: new Map(),
    variations: new Map(),
    counts: new Map(),
    deleted: new Set(),
    idempotency: new Map(),
    lastVersion: 1_700_000_000_000,
    clock: Date.now,
    webhookSubscriptions: new Map(),
    outbox: new NoticeOutbox(),
  };
}

/** Catalog versions only grow (Square's are millisecond-like int64s). */
export function nextVersion(state: SquareSimState): number {
  state.lastVersion = Math.max(state.lastVersion + 1, state.clock());
  return state.lastVersion;
}

export const countKey = (variationId: string, locationId: string) => `${variationId}|${locationId}`;

export function trackedAt(v: SimVariation, locationId: string): boolean {
  return v.overrides.get(locationId)?.trackInventory ?? v.trackInventory;
}

export function countAt(state: SquareSimState, v: SimVariation, locationId: string): number {
  return state.counts.get(countKey(v.id, locationId))?.quantity ?? 0;
}

/** Square's verdict: sold out when tracked with nothing in stock, or when the seller said so. */
export function soldOutAt(state: SquareSimState, v: SimVariation, locationId: string): boolean {
  if (v.overrides.get(locationId)?.manualSoldOut) return true;
  return trackedAt(v, locationId) && countAt(state, v, locationId) <= 0;
}

/** The simulator's own neutral reading at the seller's main location (independent of the plugin's mapping). */
export function neutralStock(state: SquareSimState, v: SimVariation, locationId = SIM_LOCATION_ID): TargetStock {
  if (soldOutAt(state, v, locationId)) return { kind: 'out_of_stock' };
  if (!trackedAt(v, locationId)) return { kind: 'unlimited' };
  return { kind: 'quantity', quantity: Math.max(0, Math.floor(countAt(state, v, locationId))) };
}

export function setCount(state: SquareSimState, variationId: string, locationId: string, quantity: number): void {
  state.counts.set(countKey(variationId, locationId), { quantity, calculatedAt: state.clock() });
}

/**
 * What a single-location seller does in the Dashboard: unlimited = tracking off; sold out = tracking on
 * with a count of 0; a quantity = tracking on with that count. Tracking is the variation's own setting.
 */
export function applyMerchantEdit(state: SquareSimState, v: SimVariation, to: TargetStock, locationId = SIM_LOCATION_ID): void {
  const o = v.overrides.get(locationId);
  if (o) {
    delete o.trackInventory;
    delete o.manualSoldOut;
    delete o.soldOutValidUntil;
  }
  v.trackInventory = to.kind !== 'unlimited';
  if (to.kind !== 'unlimited') setCount(state, v.id, locationId, to.kind === 'quantity' ? to.quantity : 0);
  v.version = nextVersion(state);
  v.updatedAt = state.clock();
}
