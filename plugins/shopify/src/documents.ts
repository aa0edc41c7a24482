/**
 * Every GraphQL document this plugin can send, in one module, so test/schema-validation.test.ts can validate all of
 * them (it enumerates this module's exports). Each carries its requested-cost estimate, charged to the SDK's token
 * bucket (README "Rate limits": https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits).
 */
import { MAX_INPUT_ARRAY, QUERY_COST_BUDGET } from './manifest';

/** A document, its operation's name (for messages) and its cost. */
export type GraphqlDocument = { name: string; query: string; cost: number };
const doc = (query: string, cost: number): GraphqlDocument => ({ name: /^\w+ (\w+)/.exec(query)![1], query, cost });

/** Credentials check: the token works (shop) and the configured location exists (location). */
export const VERIFY = doc(
  `query StockSyncVerify($locationId: ID!) {
  shop { id }
  location(id: $locationId) { id isActive }
}`,
  2, // shop 1 + location 1
);

/** node 1 + product 1 + inventoryItem 1 + inventoryLevel 1 + quantities 1, per requested id. */
export const READ_COST_PER_VARIANT = 5;
/** Variants' stock state at the hub's location; `product { id }`: updates go to the product Shopify says owns it. */
export const READ_VARIANTS = doc(
  `query StockSyncReadVariants($ids: [ID!]!, $locationId: ID!) {
  nodes(ids: $ids) {
    ... on ProductVariant {
      id
      inventoryPolicy
      product { id }
      inventoryItem {
        id
        tracked
        inventoryLevel(locationId: $locationId) {
          quantities(names: ["available"]) { name quantity }
        }
      }
    }
  }
}`,
  READ_COST_PER_VARIANT,
);
/** Ids per read: the input-array cap and our cost budget (800 / 5 = 160; README "Rate limits"). */
export const READ_CHUNK = Math.min(MAX_INPUT_ARRAY, Math.floor(QUERY_COST_BUDGET / READ_COST_PER_VARIANT));

export const readVariantsCost = (ids: number): number => Math.max(1, ids * READ_COST_PER_VARIANT);

/**
 * Absolute "available" quantities with compare-and-set. 2026-04 requires `changeFromQuantity` on every quantity
 * and the @idempotent directive (https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/inventorySetQuantities).
 */
export const SET_AVAILABLE = doc(
  `mutation StockSyncSetAvailable($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
    inventoryAdjustmentGroup { id }
    userErrors { code field message }
  }
}`,
  12, // mutation 10 + inventoryAdjustmentGroup 1 + userErrors 1
);

/**
 * SET_AVAILABLE for writes planned from what the hub kept (no read first): the same mutation, whose adjustment group
 * also says, for each item it changed, whether the item is tracked and its variant sells only what is counted
 * (InventoryAdjustmentGroup.changes → InventoryChange.item → InventoryItem.tracked / ProductVariant.inventoryPolicy,
 * https://shopify.dev/docs/api/admin-graphql/2026-04/objects/InventoryChange): the write proves its own result.
 */
export const SET_AVAILABLE_CHECKED = doc(
  `mutation StockSyncSetAvailableChecked($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
    inventoryAdjustmentGroup {
      id
      changes(quantityNames: ["available"]) {
        name
        quantityAfterChange
        item { id tracked variant { id inventoryPolicy } }
      }
    }
    userErrors { code field message }
  }
}`,
  15, // mutation 10 + inventoryAdjustmentGroup 1 + changes 1 + item 1 + variant 1 + userErrors 1
);

/** Cost of one aliased productVariantsBulkUpdate: mutation 10 + userErrors 1. */
export const UPDATE_COST_PER_PRODUCT = 11;
/** Products per update call, bounded by our cost budget under the single-query cap. */
export const UPDATE_PRODUCTS_PER_CALL = Math.floor(QUERY_COST_BUDGET / UPDATE_COST_PER_PRODUCT);

/** Cost of one aliased inventoryActivate: mutation 10 + inventoryLevel 1 + userErrors 1. */
export const ACTIVATE_COST_PER_ITEM = 12;
/** Items stocked per activation call, bounded by our cost budget. */
export const ACTIVATE_ITEMS_PER_CALL = Math.floor(QUERY_COST_BUDGET / ACTIVATE_COST_PER_ITEM);

type Alias = (i: number) => string;
/**
 * A mutation of `n` (1..max) aliased fields: GraphQL runs a document's mutation fields one after another, so n
 * mutations cost one round trip. `vars(i)` and `field(i)` give alias i's variable declarations and its field.
 */
function aliased(name: string, n: number, max: number, costEach: number, fixedVars: string[], vars: Alias, field: Alias) {
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`${name}: the aliases must be 1..${max}, got ${n}`);
  const all = Array.from({ length: n }, (_, i) => i);
  return doc(`mutation ${name}(${[...fixedVars, ...all.map(vars)].join(', ')}) {\n${all.map(field).join('\n')}\n}`, n * costEach);
}

/**
 * Stocks `items` inventory items at one location (https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/inventoryActivate):
 * no quantity, so the new level starts at available 0. Variables: $locationId, $i<n> (inventory item id), $k<n> (key).
 */
export const activateDocument = (items: number): GraphqlDocument =>
  aliased(
    'StockSyncActivate',
    items,
    ACTIVATE_ITEMS_PER_CALL,
    ACTIVATE_COST_PER_ITEM,
    ['$locationId: ID!'],
    (i) => `$i${i}: ID!, $k${i}: String!`,
    (i) => `  a${i}: inventoryActivate(inventoryItemId: $i${i}, locationId: $locationId) @idempotent(key: $k${i}) {
    inventoryLevel { id }
    userErrors { field message }
  }`,
  );

/**
 * tracked / inventoryPolicy for the variants of `products` products: one aliased productVariantsBulkUpdate per
 * product (it takes one). Variables: $p<i> (product id) and $v<i> (its variants) for i in 0..products-1.
 */
export const updateVariantsDocument = (products: number): GraphqlDocument =>
  aliased(
    'StockSyncUpdateVariants',
    products,
    UPDATE_PRODUCTS_PER_CALL,
    UPDATE_COST_PER_PRODUCT,
    [],
    (i) => `$p${i}: ID!, $v${i}: [ProductVariantsBulkInput!]!`,
    (i) => `  u${i}: productVariantsBulkUpdate(productId: $p${i}, variants: $v${i}, allowPartialUpdates: true) {
    userErrors { code field message }
  }`,
  );

/**
 * Notices: the shop's subscriptions to one topic and URL, as Shopify's library lists them (lib/webhooks/register.ts
 * in https://github.com/Shopify/shopify-app-js), filtered by `uri`; shop-scoped ones only, not the TOML ones
 * (https://shopify.dev/docs/api/admin-graphql/2026-04/queries/webhookSubscriptions). 25 leaves room for strays.
 */
export const NOTICE_SUBSCRIPTIONS_PAGE = 25;
export const NOTICE_SUBSCRIPTIONS = doc(
  `query StockSyncNoticeSubscriptions($topics: [WebhookSubscriptionTopic!], $uri: String) {
  webhookSubscriptions(first: ${NOTICE_SUBSCRIPTIONS_PAGE}, topics: $topics, uri: $uri) {
    nodes { id topic uri }
  }
}`,
  2 + NOTICE_SUBSCRIPTIONS_PAGE, // connection 2 + one WebhookSubscription object per requested node
);

/** https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/webhookSubscriptionCreate (HTTPS `uri`). */
export const NOTICE_SUBSCRIBE = doc(
  `mutation StockSyncNoticeSubscribe($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
    webhookSubscription { id topic uri }
    userErrors { field message }
  }
}`,
  12, // mutation 10 + webhookSubscription 1 + userErrors 1
);

/** https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/webhookSubscriptionDelete */
export const NOTICE_UNSUBSCRIBE = doc(
  `mutation StockSyncNoticeUnsubscribe($id: ID!) {
  webhookSubscriptionDelete(id: $id) {
    deletedWebhookSubscriptionId
    userErrors { field message }
  }
}`,
  11, // mutation 10 + userErrors 1
);
