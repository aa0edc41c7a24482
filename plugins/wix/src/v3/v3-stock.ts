/**
 * Catalog V3 (Inventory Items API, /stores/v3): query the variants' inventory items (ids and
 * revisions, 100 per page), then one Bulk Update Inventory Items call for up to 1,000 of them.
 * A stale revision (the item changed between our read and our write) is read again and sent once
 * more; if it changes again in between, the variant comes back Transient.
 */
import {
  chunk,
  NotFound,
  refOf,
  Rejected,
  Transient,
  type HttpClient,
  type ObservedStock,
  type OutcomeSlots,
  type PluginError,
  type StockWrite,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { QUERY_PAGE_LIMIT, V3_BULK_MAX } from '../manifest';
import { readInto, writeInto, type PlannedItem, type ReadAnswer, type WriteAnswer } from '../plan';
import type { V3BulkResponse, V3InventoryItem, V3ItemUpdate, V3QueryResponse } from '../wix-types';
import { fromV3Item, showsTarget, toV3Fields } from './v3-mapping';

/** Inventory items of these variants (every location), by variant id; follows the query's cursor. */
export async function queryV3(api: HttpClient, variantIds: string[]): Promise<Map<string, V3InventoryItem[]>> {
  const out = new Map<string, V3InventoryItem[]>();
  for (const part of chunk(variantIds, QUERY_PAGE_LIMIT)) {
    let cursor: string | undefined;
    do {
      const query = cursor
        ? { cursorPaging: { limit: QUERY_PAGE_LIMIT, cursor } }
        : { filter: { variantId: { $in: part } }, cursorPaging: { limit: QUERY_PAGE_LIMIT } };
      const res = await api.request<V3QueryResponse>({
        method: 'POST',
        url: '/stores/v3/inventory-items/query',
        body: { query },
        idempotent: true,
      });
      for (const item of res.data?.inventoryItems ?? []) out.set(item.variantId, [...(out.get(item.variantId) ?? []), item]);
      const meta = res.data?.pagingMetadata;
      cursor = meta?.hasNext && meta.cursors?.next ? meta.cursors.next : undefined;
    } while (cursor);
  }
  return out;
}

/** The one inventory item to use for a variant: the configured location's, or its only one. */
export function pickItem(
  items: V3InventoryItem[] | undefined,
  ref: VariantRef,
  locationId: string | undefined,
): V3InventoryItem | PluginError {
  const ofProduct = (items ?? []).filter((i) => i.productId === ref.externalProductId);
  if (ofProduct.length === 0)
    return new NotFound(`Wix has no inventory item for variant ${ref.externalVariantId} of product ${ref.externalProductId}`, {
      ...refOf(ref),
    });
  if (locationId) {
    const at = ofProduct.find((i) => i.locationId === locationId);
    return (
      at ?? new NotFound(`Wix variant ${ref.externalVariantId} is not stocked at location ${locationId}`, { ...refOf(ref), locationId })
    );
  }
  if (ofProduct.length > 1) {
    return new Rejected(
      `Wix variant ${ref.externalVariantId} is stocked at ${ofProduct.length} locations; set the locationId credential to choose one`,
      { ...refOf(ref) },
    );
  }
  return ofProduct[0];
}

const isRevisionConflict = (code: string | undefined, description: string | undefined) =>
  /REVISION|PRECONDITION/i.test(`${code ?? ''} ${description ?? ''}`);

interface Pending {
  it: PlannedItem<StockWrite>;
  item: V3InventoryItem;
}

/** Query the items' inventory, one bulk update per 1,000 that must change, a stale revision read and sent once more. */
export async function writeV3Items(
  api: HttpClient,
  items: readonly PlannedItem<StockWrite>[],
  answer: WriteAnswer,
  locationId: string | undefined,
): Promise<void> {
  const written = (it: PlannedItem<StockWrite>) => answer(it, undefined);
  const fail = (it: PlannedItem<StockWrite>, error: PluginError) => answer(it, error);

  /** Reads the items' current inventory; returns the ones that still need an update. */
  const resolve = async (batch: readonly PlannedItem<StockWrite>[]): Promise<Pending[]> => {
    const current = await queryV3(api, [...new Set(batch.map((it) => it.input.externalVariantId))]);
    const pending: Pending[] = [];
    for (const it of batch) {
      const item = pickItem(current.get(it.input.externalVariantId), it.input, locationId);
      if (!('revision' in item)) fail(it, item);
      // Already showing it (read anyway for the revision): nothing to send.
      else if (showsTarget(item, it.input.target)) written(it);
      else pending.push({ it, item });
    }
    return pending;
  };

  /** Sends the updates; returns the ones refused for a stale revision. */
  const send = async (pending: Pending[]): Promise<PlannedItem<StockWrite>[]> => {
    const conflicts: PlannedItem<StockWrite>[] = [];
    for (const part of chunk(pending, V3_BULK_MAX)) {
      const body = {
        inventoryItems: part.map((p): V3ItemUpdate => ({
          inventoryItem: { id: p.item.id, revision: p.item.revision, ...toV3Fields(p.it.input.target) },
        })),
        returnEntity: false,
        reason: 'Stock sync',
      };
      // Revision-checked: a re-send after an ambiguous failure cannot apply twice (it would be stale).
      const res = await api.request<V3BulkResponse>({
        method: 'POST',
        url: '/stores/v3/bulk/inventory-items/update',
        body,
        idempotent: true,
      });
      const results = res.data?.results ?? [];
      part.forEach((p, k) => {
        const meta = results.find((r) => r.itemMetadata?.originalIndex === k)?.itemMetadata ?? results[k]?.itemMetadata;
        if (meta?.success === true) written(p.it);
        else if (!meta)
          fail(p.it, new Transient(`Wix answered the bulk update without a result for variant ${p.it.input.externalVariantId}`));
        else if (isRevisionConflict(meta.error?.code, meta.error?.description)) conflicts.push(p.it);
        else if (/NOT_FOUND/i.test(meta.error?.code ?? ''))
          fail(p.it, new NotFound(`Wix has no inventory item ${p.item.id} (${meta.error?.code})`, { code: meta.error?.code }));
        else
          fail(
            p.it,
            new Rejected(
              `Wix refused the inventory update of variant ${p.it.input.externalVariantId} (${meta.error?.code ?? 'unknown'}: ${meta.error?.description ?? ''})`,
              { code: meta.error?.code },
            ),
          );
      });
    }
    return conflicts;
  };

  const conflicts = await send(await resolve(items));
  if (conflicts.length === 0) return;
  const again = await send(await resolve(conflicts));
  for (const it of again)
    fail(it, new Transient(`Wix inventory of variant ${it.input.externalVariantId} changed while it was being written; try again`));
}

export async function readV3Items(
  api: HttpClient,
  items: readonly PlannedItem<VariantRef>[],
  answer: ReadAnswer,
  locationId: string | undefined,
): Promise<void> {
  const current = await queryV3(api, [...new Set(items.map((it) => it.input.externalVariantId))]);
  for (const it of items) {
    const item = pickItem(current.get(it.input.externalVariantId), it.input, locationId);
    answer(it, 'revision' in item ? fromV3Item(item) : item);
  }
}

/** The V3 write into outcome slots (a caller without the pipeline). */
export const writeV3 = (
  api: HttpClient,
  changes: readonly StockWrite[],
  items: PlannedItem<StockWrite>[],
  outcomes: OutcomeSlots<WriteOutcome>,
  locationId: string | undefined,
): Promise<void> => writeV3Items(api, items, writeInto(changes, outcomes), locationId);

/** The V3 read into outcome slots (a caller without the pipeline). */
export const readV3 = (
  api: HttpClient,
  refs: readonly VariantRef[],
  items: PlannedItem<VariantRef>[],
  outcomes: OutcomeSlots<ObservedStock>,
  locationId: string | undefined,
): Promise<void> => readV3Items(api, items, readInto(refs, outcomes), locationId);
