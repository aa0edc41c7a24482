/** The simulated Big Cartel account: products with their options (name, price, quantity, sold). */
import { NoticeOutbox } from '@stock-sync/plugin-testkit/simulator';
export type ProductStatus = 'active' | 'hidden' | 'sold_out' | 'coming_soon';

export interface SimOption {
  id: string;
  productId: string;
  name: string;
  price: string;
  quantity: number;
  sold: number;
}

export interface SimProduct {
  id: string;
  name: string;
  status: ProductStatus;
  optionIds: string[];
  updatedAt: number;
}

export interface BigCartelSimState {
  accountId: string;
  products: Map<string, SimProduct>;
  options: Map<string, SimOption>;
  /** "productId/optionId" of options that existed and were deleted. */
  deleted: Set<string>;
  clock: () => number;
  /** The application's webhook_url (every connected account's webhooks go there); unset = none sent. */
  appNoticeUrl?: string;
  /** Webhook deliveries: those in flight (tests settle them) and the last 100 answered, with the receiver's status (0: none). */
  outbox: NoticeOutbox<{ type: string }>;
}

export const SANDBOX_ACCOUNT_ID = '7654321';

export function createBigCartelState(): BigCartelSimState {
  return {
    accountId: SANDBOX_ACCOUNT_ID,
    products: new Map(),
    options: new Map(),
    deleted: new Set(),
    clock: Date.now,
    outbox: new NoticeOutbox(),
  };
}
