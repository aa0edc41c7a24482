/**
 * Catalog V3 (Inventory Items API): query the variants' inventory items (ids, revisions), then Bulk Update Inventory
 * Items; a stale revision is read and sent once more (README "Concurrency").
 */
import { chunk, refOf } from '@stock-sync/plugin-sdk';
import { NotFound, Rejected, Transient } from '@stock-sync/plugin-api';
import type { Planned } from '@stock-sync/plugin-sdk';
import type { PluginError, StockWrite, VariantRef } from '@stock-sync/plugin-api';
import { QUERY_PAGE_LIMIT, V3_BULK_MAX } from './manifest';
import { fromV3Item, showsTarget, toV3Fields } from './mapping';
import type { CatalogPath, Site, V3BulkResponse, V3InventoryItem, V3QueryResponse } from './wix-types';

/** The items' inventory items (every location and page) → a variant's: the configured location's, or its only one; else why not. */
async function queryV3({ api, locationId }: Site, items: readonly Planned<VariantRef>[]) {
  const byVariant = new Map<string, V3InventoryItem[]>();
  for (const part of chunk([...new Set(items.map((it) => it.input.externalVariantId))], QUERY_PAGE_LIMIT)) {
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
      for (const item of res.data?.inventoryItems ?? []) byVariant.set(item.variantId, [...(byVariant.get(item.variantId) ?? []), item]);
      const meta = res.data?.pagingMetadata;
      cursor = meta?.hasNext && meta.cursors?.next ? meta.cursors.next : undefined;
    } while (cursor);
  }
  return (ref: VariantRef): V3InventoryItem | PluginError => {
    const ofProduct = (byVariant.get(ref.externalVariantId) ?? []).filter((i) => i.productId === ref.externalProductId);
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
    if (ofProduct.length === 1) return ofProduct[0]!;
    return new Rejected(
      `Wix variant ${ref.externalVariantId} is stocked at ${ofProduct.length} locations; set the locationId credential to choose one`,
      { ...refOf(ref) },
    );
  };
}

/** One pass of a write: the read (an item showing its target is written), one bulk update per 1,000; returns the stale ones. */
async function attempt(site: Site, batch: readonly Planned<StockWrite>[], answer: Parameters<CatalogPath['write']>[2]) {
  const pick = await queryV3(site, batch);
  const pending: { it: Planned<StockWrite>; item: V3InventoryItem }[] = [];
  for (const it of batch) {
    const item = pick(it.input);
    if (!('revision' in item)) answer(it, item);
    else if (showsTarget(item, it.input.target)) answer(it, undefined);
    else pending.push({ it, item });
  }
  const conflicts: Planned<StockWrite>[] = [];
  for (const part of chunk(pending, V3_BULK_MAX)) {
    // Revision-checked: a re-send after an ambiguous failure cannot apply twice (it would be stale).
    const res = await site.api.request<V3BulkResponse>({
      method: 'POST',
      url: '/stores/v3/bulk/inventory-items/update',
      body: {
        inventoryItems: part.map(({ it, item }) => ({
          inventoryItem: { id: item.id, revision: item.revision, ...toV3Fields(it.input.target) },
        })),
        returnEntity: false,
        reason: 'Stock sync',
      },
      idempotent: true,
    });
    const results = res.data?.results ?? [];
    part.forEach(({ it, item }, k) => {
      const meta = results.find((r) => r.itemMetadata?.originalIndex === k)?.itemMetadata ?? results[k]?.itemMetadata;
      const { code, description } = meta?.error ?? {};
      const variant = it.input.externalVariantId;
      if (meta?.success === true) answer(it, undefined);
      else if (!meta) answer(it, new Transient(`Wix answered the bulk update without a result for variant ${variant}`));
      else if (/REVISION|PRECONDITION/i.test(`${code ?? ''} ${description ?? ''}`)) conflicts.push(it);
      else if (/NOT_FOUND/i.test(code ?? '')) answer(it, new NotFound(`Wix has no inventory item ${item.id} (${code})`, { code }));
      else
        answer(
          it,
          new Rejected(`Wix refused the inventory update of variant ${variant} (${code ?? 'unknown'}: ${description ?? ''})`, { code }),
        );
    });
  }
  return conflicts;
}

export const v3: CatalogPath = {
  /** A stale revision is read and sent once more; changed again in between, it is Transient. */
  async write(site, items, answer) {
    const conflicts = await attempt(site, items, answer);
    if (conflicts.length === 0) return;
    for (const it of await attempt(site, conflicts, answer))
      answer(it, new Transient(`Wix inventory of variant ${it.input.externalVariantId} changed while it was being written; try again`));
  },
  async read(site, items, answer) {
    const pick = await queryV3(site, items);
    for (const it of items) {
      const item = pick(it.input);
      answer(it, 'revision' in item ? fromV3Item(item) : item);
    }
  },
};
