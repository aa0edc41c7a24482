/**
 * The sandbox site's inventory webhooks (sources in ../notices/): Wix has no subscription API — the app's
 * webhooks and their callback URL live in the app dashboard, which `setAppNoticeUrl` plays. On every change of a
 * variant's stock the site POSTs its catalog's event, signed (webhook-signing.ts), to that URL, asynchronously:
 *  - Catalog V1: Inventory Variants Changed for the product, naming every variant whose values changed, with
 *    oldValue / newValue;
 *  - Catalog V3: Inventory Item Updated per inventory item, the item after the update as currentEntity.
 * A merchant's dashboard edit AND an app's API write both deliver (the envelope's identity tells WIX_USER from
 * APP, as Wix documents identities; that Wix notifies an app of its own writes is not stated on the pages read:
 * the sandbox assumes it, the safe case for the hub's coalescing).
 */
import { randomUUID } from 'node:crypto';
import { V1_INVENTORY_VARIANTS_CHANGED, V3_INVENTORY_ITEM_FQDN, V3_INVENTORY_ITEM_UPDATED } from '../notices';
import { SANDBOX_INSTANCE_ID, SANDBOX_OAUTH_APP } from './oauth';
import type { V1SimItem, V3SimItem, WixSimState } from './state';
import { v3ItemJson } from './v3-routes';
import { signWixEvent, type WixIdentity } from './webhook-signing';

/** The sandbox site owner's Wix user id (test value). */
export const SANDBOX_WIX_USER_ID = '9d4e1b70-0000-4000-8000-0000000000d4';
export const MERCHANT: WixIdentity = { identityType: 'WIX_USER', wixUserId: SANDBOX_WIX_USER_ID };
export const APP_WRITE: WixIdentity = { identityType: 'APP', appId: SANDBOX_OAUTH_APP.clientId };

type V1Value = { inStock: boolean; quantity?: number };

/** What V1 shows of each variant: a tracked variant's count (and stock derived from it), else its flag. */
export function v1Values(item: V1SimItem): Map<string, V1Value> {
  return new Map(
    [...item.variants.values()].map((v) => [
      v.variantId,
      item.trackQuantity ? { inStock: v.quantity > 0, quantity: v.quantity } : { inStock: v.inStock },
    ]),
  );
}

const same = (a: V1Value | undefined, b: V1Value) => a !== undefined && a.inStock === b.inStock && a.quantity === b.quantity;

function deliver(state: WixSimState, eventType: string, event: unknown, identity: WixIdentity): void {
  const url = state.appNoticeUrl;
  if (!url) return;
  const body = signWixEvent(eventType, SANDBOX_INSTANCE_ID, event, { identity });
  const headers = { 'content-type': 'text/plain', 'user-agent': 'Wix-Webhooks/sandbox' };
  void state.outbox.send({ url, headers, body, meta: { eventType } });
}

/** V1: Inventory Variants Changed for the variants of `item` that show other values than `before`. */
export function deliverV1VariantsChanged(state: WixSimState, item: V1SimItem, before: Map<string, V1Value>, identity: WixIdentity): void {
  const after = v1Values(item);
  const variants = [...after]
    .filter(([id, now]) => !same(before.get(id), now))
    .map(([id, now]) => ({ id, oldValue: before.get(id), newValue: now }));
  if (variants.length === 0) return;
  deliver(
    state,
    V1_INVENTORY_VARIANTS_CHANGED,
    {
      inventoryItemId: item.id,
      externalId: item.productId,
      productId: item.productId,
      variants,
      updatedDate: new Date(item.lastUpdated).toISOString(),
    },
    identity,
  );
}

/** V3: Inventory Item Updated for one item, after its update. */
export function deliverV3ItemUpdated(state: WixSimState, item: V3SimItem, identity: WixIdentity): void {
  deliver(
    state,
    V3_INVENTORY_ITEM_UPDATED,
    {
      id: randomUUID(),
      entityFqdn: V3_INVENTORY_ITEM_FQDN,
      slug: 'updated',
      entityId: item.id,
      updatedEvent: { currentEntity: v3ItemJson(item) },
      eventTime: new Date(item.updatedDate).toISOString(),
      triggeredByAnonymizeRequest: false,
    },
    identity,
  );
}
