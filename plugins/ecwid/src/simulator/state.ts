/**
 * The simulated Ecwid store: products with their base stock and their combinations, the batch
 * tickets and the deduplication keys Ecwid remembers for an hour.
 */
import { NoticeOutbox } from '@stock-sync/plugin-testkit/simulator';
export interface OwnStock {
  unlimited: boolean;
  /** Kept while unlimited (Ecwid keeps the count; it just does not apply). */
  quantity: number;
}

export interface SimCombination {
  id: number;
  combinationNumber: number;
  sku?: string;
  options: { name: string; value: string }[];
  /** null: the combination inherits the base product's stock ("quantity omitted"). */
  own: OwnStock | null;
  warningLimit?: number;
}

export interface SimProduct {
  id: number;
  name: string;
  sku: string;
  stock: OwnStock;
  combinations: Map<number, SimCombination>;
}

export interface BatchSubResult {
  id?: string;
  status: 'COMPLETED' | 'FAILED' | 'NOT_EXECUTED';
  httpStatus?: number;
  body?: unknown;
}

export interface BatchTicket {
  ticket: string;
  results: BatchSubResult[];
  /** Status reads still to answer "in progress" before COMPLETED (tests raise it to exercise polling). */
  pollsLeft: number;
}

export interface EcwidStoreOptions {
  /** How many status reads of a new batch answer QUEUED / IN_PROGRESS first (0: done at once). */
  pollsUntilComplete: number;
  /** False models a plan without "Product combinations" (402 NOT_AVAILABLE_ON_CURRENT_PLAN). */
  combinationsOnPlan: boolean;
}

export interface EcwidSimState {
  storeId: string;
  products: Map<number, SimProduct>;
  /** "productId/combinationId" of deleted combinations (for inspect → 'deleted'). */
  deleted: Set<string>;
  tickets: Map<string, BatchTicket>;
  dedup: Map<string, { ticket: string; at: number }>;
  options: EcwidStoreOptions;
  nextTicket: number;
  /** The webhook URL set in the app's details (Ecwid's team sets it; one per app): undefined = no webhooks. */
  appNoticeUrl?: string;
  /** Webhook deliveries: those in flight (tests settle them) and the last 100 answered, with the receiver's status (0: none). */
  outbox: NoticeOutbox<{ eventType: string }>;
}

export const SANDBOX_STORE_ID = '1003';

export function createEcwidState(): EcwidSimState {
  return {
    storeId: SANDBOX_STORE_ID,
    products: new Map(),
    deleted: new Set(),
    tickets: new Map(),
    dedup: new Map(),
    options: { pollsUntilComplete: 0, combinationsOnPlan: true },
    nextTicket: 1,
    outbox: new NoticeOutbox(),
  };
}

export const refKey = (productId: number | string, combinationId: number | string) => `${productId}/${combinationId}`;
