/**
 * The simulated Nuvemshop / Tiendanube store: products and their variants, with the variant fields
 * the stock API reads and writes (names follow the API's snake_case resources, in camelCase here).
 */
import { NoticeOutbox } from '@stock-sync/plugin-testkit/simulator';
export interface SimVariant {
  id: number;
  productId: number;
  position: number;
  sku: string | null;
  price: string;
  /** Derived by the platform: false exactly when `stock` is null ("infinite"). */
  stockManagement: boolean;
  /** The first location's count (what a bare `stock` write sets); null = infinite. */
  stock: number | null;
  /** Counts at the store's other locations (multi-inventory), by location id. */
  otherLevels?: Map<string, number>;
  values: Record<string, string>[];
  createdAt: number;
  updatedAt: number;
}

export interface SimProduct {
  id: number;
  name: string;
  variantIds: number[];
}

export interface NuvemSimState {
  products: Map<number, SimProduct>;
  variants: Map<number, SimVariant>;
  /** "productId/variantId" of variants that existed and were deleted. */
  deleted: Set<string>;
  /**
   * Test knob: the most variants one PATCH may carry before the platform answers 422 "Too many
   * variants sent for update". The docs state no cap for this endpoint, so none by default.
   */
  patchLimit: number | undefined;
  /** The store's locations (GET /locations); the first is every variant's first inventory level. */
  locations: { id: string; name: string; isDefault: boolean; priority: number }[];
  clock: () => number;
  /** The app's webhooks on this store (POST /webhooks), by id. */
  webhooks: Map<number, SimWebhook>;
  nextWebhookId: number;
  /** Webhook deliveries: those in flight (tests settle them) and the last 100 answered, with the receiver's status (0: none). */
  outbox: NoticeOutbox<{ webhookId: number; event: string }>;
}

export interface SimWebhook {
  id: number;
  event: string;
  url: string;
  createdAt: number;
  updatedAt: number;
}

/** Obviously fake: the store id the sandbox hands out (the token answer's user_id). */
export const SANDBOX_STORE_ID = '1234567';

/** The first (default) location's id: the guide's example id. */
export const FIRST_LOCATION_ID = '01GQ2ZHK064BQRHGDB7CCV0Y6N';

export function createNuvemState(): NuvemSimState {
  return {
    products: new Map(),
    variants: new Map(),
    deleted: new Set(),
    patchLimit: undefined,
    clock: Date.now,
    locations: [{ id: FIRST_LOCATION_ID, name: 'Main warehouse', isDefault: true, priority: 0 }],
    webhooks: new Map(),
    nextWebhookId: 1,
    outbox: new NoticeOutbox(),
  };
}

/** Products are limited to 1,000 variants (product_variant.md: "more than 1000 variants" → 422). */
export const MAX_VARIANTS_PER_PRODUCT = 1000;
