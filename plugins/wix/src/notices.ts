/**
 * Wix webhooks as the hub's platform notices (plugin API 1.4, issue 13). Wix has no API to subscribe: an app's
 * webhooks are created in its app dashboard, one callback URL per event, for every site that installs the app
 * (https://dev.wix.com/docs/build-apps/develop-your-app/frameworks/self-hosting/webhooks/handle-events-with-webhooks-for-self-hosting-without-the-java-script-sdk:
 * "Go to the Webhooks page in your app's dashboard … + Create Webhook … Choose a webhook event"): the operator sets
 * the hub's `POST /hooks/wix` there for the events in `topics`. So no subscribe; `storeOf` names the site.
 * Every delivery's body is a JWT signed RS256 with Wix's key for the app (webhook-jwt.ts), verified with the
 * app's PUBLIC key (`req.app.publicKey`, the same key App Instance Removed is verified with): `signedWith: 'app'`;
 * the client secret plays no part. The envelope's instanceId is the app instance — what the install flow records
 * as the store's externalStoreId (oauth.ts). The body is not JSON: `parse` turns a verified body into what `refs`
 * and `storeOf` read (the JWT's decoded payload); they also take the JWT text itself.
 *
 * The inventory events taken, one per catalog (a site runs one; "A catalog change does not generate both V1 and V3
 * events" — https://dev.wix.com/docs/velo/apis/wix-stores-v3/events/catalog-v1-to-v3-velo-events-migration-guide),
 * and the variants each names, as the plugin's VariantRef ids (productId / variantId on both catalogs):
 *  - Catalog V1, Inventory Variants Changed
 *    (https://dev.wix.com/docs/rest/business-solutions/stores/inventory/inventory-variants-changed): eventType
 *    `com.wix.ecommerce.inventory.api.v1.InventoryVariantsChanged`, data {inventoryItemId, productId, variants:
 *    [{id (variant GUID), oldValue, newValue}]} → one ref per variant of that product.
 *    Inventory Item Changed (trackInventory, preorder) names no variant and is not taken: whether a tracking
 *    switch also fires Inventory Variants Changed is unverified.
 *  - Catalog V3, Inventory Item Updated: eventType `wix.stores.catalog.v3.inventory_item_updated` — the
 *    standardized webhook (https://dev.wix.com/docs/rest/articles/getting-started/webhook-structure: eventType
 *    `<entityFqdn>_<slug>`, data {id, entityFqdn, slug, entityId, updatedEvent: {currentEntity}, eventTime}) of
 *    the entity `wix.stores.catalog.v3.inventory_item` (named on
 *    https://dev.wix.com/docs/rest/business-solutions/stores/catalog-v3/inventory-items-v3/inventory-item-updated-with-reason);
 *    currentEntity is an inventory item
 *    (https://dev.wix.com/docs/rest/business-solutions/stores/catalog-v3/inventory-items-v3/inventory-item-object:
 *    id, variantId, productId, locationId …) → its variant. The Inventory Item Updated page itself was not among
 *    the pages read: the event name follows the documented pattern (unverified).
 * Any other event names nothing the hub syncs; a taken event without its ids is not the documented shape (throws).
 */
import type { NoticeRef, NoticeRequest, PluginNotices } from '@stock-sync/plugin-sdk';
import { decodeWixJwt, isObject, verifyWixJwt, wixEventOf, type WixEvent } from './webhook-jwt';

export const V1_INVENTORY_VARIANTS_CHANGED = 'com.wix.ecommerce.inventory.api.v1.InventoryVariantsChanged';
export const V3_INVENTORY_ITEM_FQDN = 'wix.stores.catalog.v3.inventory_item';
export const V3_INVENTORY_ITEM_UPDATED = 'wix.stores.catalog.v3.inventory_item_updated';

const isId = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** The variants a verified Wix event concerns: its catalog's ids, none for an event the plugin does not take. */
export function inventoryEventRefs({ eventType, data }: WixEvent): NoticeRef[] {
  if (eventType === V1_INVENTORY_VARIANTS_CHANGED) {
    if (!isObject(data) || !isId(data.productId) || !Array.isArray(data.variants))
      throw new Error('Inventory Variants Changed without productId and variants');
    const productId = data.productId;
    return data.variants.map((v: unknown) => {
      if (!isObject(v) || !isId(v.id)) throw new Error('Inventory Variants Changed: a variant without its id');
      return { externalProductId: productId, externalVariantId: v.id };
    });
  }
  if (eventType === V3_INVENTORY_ITEM_UPDATED) {
    const item = isObject(data) && isObject(data.updatedEvent) ? data.updatedEvent.currentEntity : undefined;
    if (!isObject(item) || !isId(item.variantId) || !isId(item.productId))
      throw new Error('Inventory Item Updated without updatedEvent.currentEntity {variantId, productId}');
    return [{ externalProductId: item.productId, externalVariantId: item.variantId }];
  }
  return [];
}

/** PluginNotices plus the body reader a JWT body needs (not yet part of the plugin API: README "Platform notices"). */
export type WixNotices = PluginNotices & { parse(req: Pick<NoticeRequest, 'rawBody'>): unknown };

/** The event of a verified body: the JWT text or its decoded payload; undefined when it is neither. */
const eventOf = (body: unknown) => wixEventOf(typeof body === 'string' ? decodeWixJwt(body) : body);

export function createWixNotices(now: () => number = Date.now): WixNotices {
  return {
    topics: [V1_INVENTORY_VARIANTS_CHANGED, V3_INVENTORY_ITEM_UPDATED],
    signedWith: 'app',
    verify(req) {
      const key = req.app?.publicKey;
      return !!key && verifyWixJwt(Buffer.from(req.rawBody).toString('utf8'), key, Math.floor(now() / 1000)) !== undefined;
    },
    parse: (req) => decodeWixJwt(Buffer.from(req.rawBody).toString('utf8')),
    refs(body): NoticeRef[] {
      const event = eventOf(body);
      if (!event) throw new Error('not a Wix webhook: a JWT whose data holds eventType and instanceId was expected');
      return inventoryEventRefs(event);
    },
    storeOf: (body) => eventOf(body)?.instanceId,
  };
}
