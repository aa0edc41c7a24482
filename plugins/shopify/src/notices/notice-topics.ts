/**
 * The topic the hub's notices come from. `products/update` "occurs whenever a product is updated, ordered, or
 * variants are added, removed or updated" (WebhookSubscriptionTopic.PRODUCTS_UPDATE in the 2026-04 schema,
 * spec/), and its body names every variant of the product — the ids the hub syncs. `inventory_levels/update`
 * is not used: its body names only an inventory item and a location (no variant id), so a notice of it could not
 * be matched to a synced variant without an extra Admin API call (README "Platform notices").
 */
export const PRODUCTS_UPDATE = 'products/update';

/** The webhook topics (as X-Shopify-Topic names them) and their GraphQL WebhookSubscriptionTopic values. */
export const NOTICE_TOPICS: Readonly<Record<string, string>> = Object.freeze({ [PRODUCTS_UPDATE]: 'PRODUCTS_UPDATE' });
