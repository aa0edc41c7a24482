/**
 * Sends `tracked` / `inventoryPolicy` changes: productVariantsBulkUpdate takes one product, so the
 * changes are grouped per product (≤ 250 variants per alias, Shopify's input-array cap) and up to
 * UPDATE_PRODUCTS_PER_CALL aliases go in one request. Variants whose change Shopify refuses are
 * failed in the ledger; the others are left for the caller (they may still need a quantity set).
 */
import { chunk, Rejected, toPluginError } from '@stock-sync/plugin-sdk';
import { UPDATE_PRODUCTS_PER_CALL, updateVariantsCost, updateVariantsDocument } from './documents';
import type { Ledger } from './ledger';
import { MAX_INPUT_ARRAY } from './manifest';
import type { VariantUpdate } from './mapping';
import type { ShopifyApi } from './shopify-api';
import { errorForUserError, userErrorIndex, type UserError } from './user-errors';

export interface PendingUpdate {
  /** Ledger key (the variant GID the hub asked about). */
  key: string;
  productId: string;
  update: VariantUpdate;
  /** True when nothing follows the update (no quantity to set): success here means written. */
  final: boolean;
}

interface Alias {
  productId: string;
  items: PendingUpdate[];
}

function aliasesOf(pending: readonly PendingUpdate[]): Alias[] {
  const byProduct = new Map<string, PendingUpdate[]>();
  for (const p of pending) {
    const list = byProduct.get(p.productId) ?? [];
    list.push(p);
    byProduct.set(p.productId, list);
  }
  const out: Alias[] = [];
  for (const [productId, items] of byProduct) {
    for (const part of chunk(items, MAX_INPUT_ARRAY)) out.push({ productId, items: part });
  }
  return out;
}

export async function updateVariants(api: ShopifyApi, ledger: Ledger, pending: readonly PendingUpdate[]): Promise<void> {
  for (const call of chunk(aliasesOf(pending), UPDATE_PRODUCTS_PER_CALL)) {
    const variables: Record<string, unknown> = {};
    call.forEach((a, i) => {
      variables[`p${i}`] = a.productId;
      variables[`v${i}`] = a.items.map((p) => p.update);
    });
    let data: Record<string, { userErrors: UserError[] } | null>;
    try {
      data = await api.graphql(updateVariantsDocument(call.length), variables, updateVariantsCost(call.length));
    } catch (e) {
      const keys = call.flatMap((a) => a.items.map((p) => p.key));
      ledger.callFailed(keys, toPluginError(e, 'Shopify'));
      continue;
    }
    call.forEach((a, i) => {
      const payload = data[`u${i}`];
      if (!payload) {
        for (const p of a.items) ledger.fail(p.key, new Rejected('Shopify returned no result for the variant update'));
        return;
      }
      for (const ue of payload.userErrors ?? []) {
        const idx = userErrorIndex(ue, 'variants');
        const error = errorForUserError(ue, 'the variant update');
        // An error that names no variant (e.g. PRODUCT_DOES_NOT_EXIST on productId) concerns them all.
        const hit = idx === undefined ? a.items : a.items[idx] ? [a.items[idx]] : a.items;
        for (const p of hit) ledger.fail(p.key, error);
      }
      for (const p of a.items) if (p.final) ledger.succeed(p.key); // no-op for the failed ones
    });
  }
}
