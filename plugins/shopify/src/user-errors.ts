/**
 * Mutation userErrors → per-variant taxonomy errors. Shopify answers business-rule failures in
 * HTTP 200 as `userErrors { code field message }`, `field` being the input path
 * (["input","quantities","3","changeFromQuantity"], ["variants","0","id"]).
 * Codes: https://shopify.dev/docs/api/admin-graphql/2026-04/enums/InventorySetQuantitiesUserErrorCode,
 *        https://shopify.dev/docs/api/admin-graphql/2026-04/enums/ProductVariantsBulkUpdateUserErrorCode
 */
import { NotFound, Rejected, Transient } from '@stock-sync/plugin-sdk';
import type { PluginError } from '@stock-sync/plugin-sdk';

export interface UserError {
  code?: string | null;
  field?: string[] | null;
  message: string;
}

/** The list index a userError points at, after `listField` in its path; undefined when it names no item. */
export function userErrorIndex(e: UserError, listField: string): number | undefined {
  const path = e.field ?? [];
  const at = path.indexOf(listField);
  if (at < 0 || at + 1 >= path.length) return undefined;
  const n = Number(path[at + 1]);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

const NOT_FOUND_CODES = new Set(['INVALID_INVENTORY_ITEM', 'PRODUCT_VARIANT_DOES_NOT_EXIST', 'PRODUCT_DOES_NOT_EXIST']);
/** Someone else holds or changed the same thing at the same moment: a later try can succeed. */
const TRANSIENT_CODES = new Set(['IDEMPOTENCY_CONCURRENT_REQUEST', 'CHANGE_FROM_QUANTITY_STALE', 'COMPARE_QUANTITY_STALE']);

/** Message from the code and Shopify's text (userError messages describe input, never credentials). */
export function errorForUserError(e: UserError, what: string): PluginError {
  const code = e.code ?? 'UNKNOWN';
  const message = `Shopify refused ${what}: ${e.message} (${code})`;
  const details = { code, field: e.field ?? undefined };
  if (NOT_FOUND_CODES.has(code)) return new NotFound(message, details);
  if (TRANSIENT_CODES.has(code)) return new Transient(message, details);
  return new Rejected(message, details);
}

export function isStale(e: UserError): boolean {
  return e.code === 'CHANGE_FROM_QUANTITY_STALE' || e.code === 'COMPARE_QUANTITY_STALE';
}
