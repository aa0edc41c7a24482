/**
 * Stocks inventory items at the hub's location (inventoryActivate) before their quantity is set: an item
 * with no inventory level there cannot take a quantity (ITEM_NOT_STOCKED_AT_LOCATION). Up to
 * ACTIVATE_ITEMS_PER_CALL aliased mutations per request. A refusal fails that variant Rejected with
 * Shopify's message (e.g. a fulfillment-service location that does not take the item); a payload without
 * a level and without userErrors is not taken as done (Transient).
 */
import { randomUUID } from 'node:crypto';
import { chunk, Rejected, toPluginError, Transient } from '@stock-sync/plugin-sdk';
import { ACTIVATE_ITEMS_PER_CALL, activateCost, activateDocument } from './documents';
import type { Ledger } from './ledger';
import type { ShopifyApi } from './shopify-api';

export interface PendingActivation {
  /** Ledger key (the variant GID the hub asked about). */
  key: string;
  inventoryItemId: string;
}

interface ActivatePayload {
  inventoryLevel: { id: string } | null;
  userErrors: Array<{ field?: string[] | null; message: string }>;
}

/** What one aliased inventoryActivate answer means for its variant: undefined = stocked now. */
export function activationOutcome(payload: ActivatePayload | null | undefined): Rejected | Transient | undefined {
  if (!payload) return new Transient('Shopify returned no result for inventoryActivate; the item may not be stocked at the location');
  const refused = payload.userErrors?.[0];
  if (refused) {
    return new Rejected(`Shopify refused to stock the item at the configured location: ${refused.message}`, {
      code: 'ITEM_NOT_STOCKED_AT_LOCATION',
      field: refused.field ?? undefined,
    });
  }
  if (!payload.inventoryLevel)
    return new Transient('inventoryActivate answered without an inventory level; the item may not be stocked at the location');
  return undefined;
}

export async function activateItems(
  api: ShopifyApi,
  ledger: Ledger,
  pending: readonly PendingActivation[],
  locationId: string,
): Promise<void> {
  for (const call of chunk(pending, ACTIVATE_ITEMS_PER_CALL)) {
    const variables: Record<string, unknown> = { locationId };
    call.forEach((p, i) => {
      variables[`i${i}`] = p.inventoryItemId;
      variables[`k${i}`] = randomUUID();
    });
    let data: Record<string, ActivatePayload | null>;
    try {
      data = await api.graphql(activateDocument(call.length), variables, activateCost(call.length));
    } catch (e) {
      ledger.callFailed(
        call.map((p) => p.key),
        toPluginError(e, 'Shopify'),
      );
      continue;
    }
    call.forEach((p, i) => {
      const error = activationOutcome(data[`a${i}`]);
      if (error) ledger.fail(p.key, error);
    });
  }
}
