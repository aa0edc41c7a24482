/**
 * The variants a `products/update` delivery names. The body is the REST product
 * (https://shopify.dev/docs/api/webhooks/2026-04?reference=toml#list-of-topics-products/update, sample in
 * test/evidence/notice-delivery-products-update.json): `variants[]` with each variant's `admin_graphql_api_id`
 * (its GID) and numeric `id`, and `variant_gids[]` ({ admin_graphql_api_id, updated_at }) for every variant.
 *
 * The hub matches a ref on the exact id string the store holds, and a store may hold a variant as its GID or as
 * its numeric legacy id (../gid.ts): each variant is named both ways. The product id is left out: it could be in
 * either form too, and a variant id alone names one variant of the shop. Ids are read from the GID strings, never
 * from the JSON numbers, which lose digits past 2^53 when parsed.
 */
import type { NoticeRef } from '@stock-sync/plugin-sdk';

const VARIANT_GID = /^gid:\/\/shopify\/ProductVariant\/(\d+)$/;
const PRODUCT_GID = /^gid:\/\/shopify\/Product\/\d+$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Named {
  gid: string;
  updatedAt: number;
}

/** A variant entry's GID (from admin_graphql_api_id, else a safe numeric id) and its updated_at. */
function namedVariant(entry: unknown): Named | undefined {
  if (!isObject(entry)) throw new Error('a variant entry is not an object');
  const updatedAt = typeof entry.updated_at === 'string' ? Date.parse(entry.updated_at) : NaN;
  const at = Number.isNaN(updatedAt) ? 0 : updatedAt;
  if (typeof entry.admin_graphql_api_id === 'string') {
    if (!VARIANT_GID.test(entry.admin_graphql_api_id)) throw new Error('a variant admin_graphql_api_id is not a ProductVariant GID');
    return { gid: entry.admin_graphql_api_id, updatedAt: at };
  }
  // Without its GID (a subscription with include_fields): the numeric id, only when it survived JSON parsing.
  if (typeof entry.id === 'number' && Number.isSafeInteger(entry.id) && entry.id > 0) {
    return { gid: `gid://shopify/ProductVariant/${entry.id}`, updatedAt: at };
  }
  throw new Error('a variant entry names no id');
}

/**
 * Every variant of the product, most recently updated first (so the one the merchant just changed leads if the
 * host caps a long list), each as GID and as numeric id. Throws when the body is not a product.
 */
export function productUpdateRefs(body: unknown): NoticeRef[] {
  if (!isObject(body)) throw new Error('a Shopify product was expected');
  const productGid = body.admin_graphql_api_id;
  if (productGid !== undefined && (typeof productGid !== 'string' || !PRODUCT_GID.test(productGid))) {
    throw new Error('the product admin_graphql_api_id is not a Product GID');
  }
  const lists = [body.variant_gids, body.variants].filter((l) => l !== undefined);
  if (lists.length === 0) throw new Error('the product names no variants (neither variants nor variant_gids)');
  const latest = new Map<string, number>();
  for (const list of lists) {
    if (!Array.isArray(list)) throw new Error('variants / variant_gids is not a list');
    for (const entry of list) {
      const v = namedVariant(entry);
      if (v) latest.set(v.gid, Math.max(latest.get(v.gid) ?? 0, v.updatedAt));
    }
  }
  const ordered = [...latest.entries()].sort((a, b) => b[1] - a[1]).map(([gid]) => gid);
  return ordered.flatMap((gid) => [{ externalVariantId: gid }, { externalVariantId: gid.slice(gid.lastIndexOf('/') + 1) }]);
}
