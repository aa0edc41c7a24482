/**
 * Wix webhooks as the hub's platform notices (README "Platform notices": subscription, topics, signature, store).
 * The body is a JWT (webhook-jwt.ts) verified with the app's PUBLIC key; not JSON, so `parse` gives `refs` /
 * `storeOf` its decoded payload (they take the JWT too). V1 Inventory Variants Changed → one ref per variant
 * (Inventory Item Changed names no variant: not taken; whether a tracking switch fires Variants Changed is
 * unverified); V3 Inventory Item Updated (name from the documented pattern: unverified) → its variant. Any other
 * event names nothing; a taken event without its ids throws.
 */
import { isJsonObject } from '@stock-sync/plugin-sdk';
import type { NoticeRef, NoticeRequest, PluginNotices } from '@stock-sync/plugin-api';
import { decodeWixJwt, verifyWixJwt, wixEventOf, type WixEvent } from './webhook-jwt';

export const V1_INVENTORY_VARIANTS_CHANGED = 'com.wix.ecommerce.inventory.api.v1.InventoryVariantsChanged';
export const V3_INVENTORY_ITEM_FQDN = 'wix.stores.catalog.v3.inventory_item';
export const V3_INVENTORY_ITEM_UPDATED = 'wix.stores.catalog.v3.inventory_item_updated';

const isId = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** The variants a verified Wix event concerns: its catalog's ids, none for an event the plugin does not take. */
export function inventoryEventRefs({ eventType, data }: WixEvent): NoticeRef[] {
  if (eventType === V1_INVENTORY_VARIANTS_CHANGED) {
    if (!isJsonObject(data) || !isId(data.productId) || !Array.isArray(data.variants))
      throw new Error('Inventory Variants Changed without productId and variants');
    const productId = data.productId;
    return data.variants.map((v: unknown) => {
      if (!isJsonObject(v) || !isId(v.id)) throw new Error('Inventory Variants Changed: a variant without its id');
      return { externalProductId: productId, externalVariantId: v.id };
    });
  }
  if (eventType === V3_INVENTORY_ITEM_UPDATED) {
    const item = isJsonObject(data) && isJsonObject(data.updatedEvent) ? data.updatedEvent.currentEntity : undefined;
    if (!isJsonObject(item) || !isId(item.variantId) || !isId(item.productId))
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
