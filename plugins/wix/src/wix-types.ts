/** The Wix Stores wire shapes this plugin touches (sources in README.md), and the shape both catalog paths share. */
import { jsonBodyOf } from '@stock-sync/plugin-sdk';
import type { HttpClient, PluginError, PluginLogger, StockWrite, TargetStock, VariantRef } from '@stock-sync/plugin-api';
import type { Planned } from '@stock-sync/plugin-sdk';

/** V1: one inventory item per product; tracking is per product. */
export interface V1Variant {
  variantId: string;
  inStock?: boolean;
  quantity?: number;
}
export interface V1InventoryItem {
  externalId?: string;
  productId: string;
  trackQuantity: boolean;
  variants: V1Variant[];
}
export interface V1QueryResponse {
  inventoryItems?: V1InventoryItem[];
}
export interface V1Patch {
  inventoryItem: { trackQuantity: boolean; variants: V1Variant[] };
}

/** V3: one inventory item per variant and location, with optimistic locking by revision. */
export interface V3InventoryItem {
  id: string;
  revision: string;
  variantId: string;
  productId: string;
  locationId?: string;
  trackQuantity?: boolean;
  quantity?: number;
  inStock?: boolean;
}
export interface V3QueryResponse {
  inventoryItems?: V3InventoryItem[];
  pagingMetadata?: { cursors?: { next?: string | null }; hasNext?: boolean };
}
export interface V3BulkResponse {
  results?: { itemMetadata?: { originalIndex?: number; success?: boolean; error?: { code?: string; description?: string } } }[];
}

/** The code of Wix's error envelope `{ message, details: { applicationError: { code, description } } }`. */
export function wixErrorCode(data: unknown): string | undefined {
  const code = (jsonBodyOf(data) as { details?: { applicationError?: { code?: unknown } } } | undefined)?.details?.applicationError?.code;
  return typeof code === 'string' ? code : undefined;
}

/** What a catalog path is given: the site's client, the log, the V3 location (credential). */
export interface Site {
  api: HttpClient;
  log: PluginLogger;
  locationId?: string;
}
/** How a path answers an item: a write's error (undefined: written), a read's stock or error. */
export type Answer<T extends VariantRef, V> = (item: Planned<T>, verdict: V) => void;
/** One catalog's calls for one run: answer the items it can, throw what ends the run. */
export interface CatalogPath {
  write(site: Site, items: readonly Planned<StockWrite>[], answer: Answer<StockWrite, PluginError | undefined>): Promise<void>;
  read(site: Site, items: readonly Planned<VariantRef>[], answer: Answer<VariantRef, TargetStock | PluginError>): Promise<void>;
}
