/**
 * Shopify global ids ("gid://shopify/ProductVariant/123"). Stores may hold either the GID or the
 * numeric legacy id (REST era, admin URLs); the hub passes whatever the store holds, so both are
 * accepted and normalised to the GID the GraphQL Admin API requires.
 * Source: https://shopify.dev/docs/api/usage/gids
 */
export type GidType = 'Product' | 'ProductVariant' | 'InventoryItem' | 'Location';

const GID_PREFIX = 'gid://shopify/';

export function toGid(type: GidType, id: string): string {
  const trimmed = id.trim();
  if (trimmed.startsWith(GID_PREFIX)) return trimmed;
  return `${GID_PREFIX}${type}/${trimmed}`;
}

/** The type segment of a GID ("ProductVariant"), or undefined when the value is not a Shopify GID. */
export function gidType(gid: string): string | undefined {
  if (!gid.startsWith(GID_PREFIX)) return undefined;
  const rest = gid.slice(GID_PREFIX.length);
  const slash = rest.indexOf('/');
  return slash > 0 ? rest.slice(0, slash) : undefined;
}
