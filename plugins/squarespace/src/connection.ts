/**
 * One store's connection over the Inventory API: verify, writeStock (adjustments of up to 50
 * absolute operations, each with its own Idempotency-Key), readStock (up to 50 ids per call).
 */
import { randomUUID } from 'node:crypto';
import {
  chunk,
  NotFound,
  OutcomeSlots,
  refOf,
  Rejected,
  stopsTheWork,
  toPluginError,
  type HttpClient,
  type ObservedStock,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { MAX_IDS_PER_READ, MAX_OPERATIONS_PER_ADJUSTMENT } from './manifest';
import { planItems, planWrites, type PlannedItem } from './plan';
import { errorBodyOf, type InventoryItem, type InventoryPage } from './squarespace-types';
import { adjustmentFor, fromInventoryItem } from './stock-mapping';

type WriteItem = PlannedItem<StockWrite>;

const asPluginError = (e: unknown) => toPluginError(e, 'Squarespace');

export class SquarespaceConnection implements StoreConnection {
  constructor(
    private readonly api: HttpClient,
    private readonly log: PluginLogger,
    private readonly maxOps: number = MAX_OPERATIONS_PER_ADJUSTMENT,
  ) {}

  /** The first inventory page: proves the key and its Inventory permission in one call. */
  async verify(): Promise<void> {
    await this.api.request({ method: 'GET', url: '/inventory' });
  }

  async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
    const outcomes = new OutcomeSlots<WriteOutcome>(changes.length);
    const { items, invalid } = planItems(changes);
    outcomes.set(invalid, (i) => ({
      ...refOf(changes[i]),
      status: 'failed',
      error: new Rejected('Not a usable Squarespace variant id', { externalVariantId: changes[i].externalVariantId }),
    }));
    const { send, skipped } = planWrites(items, this.maxOps);
    for (const it of skipped) outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'written' }));
    if (skipped.length) this.log.debug('squarespace: skipped writes already in place', { skipped: skipped.length });
    const written = (it: WriteItem) => outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'written' }));
    const failed = (it: WriteItem, error: PluginError) =>
      outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'failed', error }));

    try {
      for (const part of chunk(send, this.maxOps)) {
        const refused = await this.adjust(part);
        if (!refused) {
          part.forEach(written);
          continue;
        }
        // The adjustment is all-or-nothing and names no variant: find the ones that are gone
        // (one read), report them NotFound, and send the rest once more as a new adjustment.
        const present = await this.existing(part.map((it) => it.variantId));
        const gone = part.filter((it) => !present.has(it.variantId));
        for (const it of gone)
          failed(it, new NotFound(`Squarespace has no inventory item for variant ${it.variantId}`, { variantId: it.variantId }));
        const rest = part.filter((it) => present.has(it.variantId));
        if (gone.length === 0 || rest.length === 0) {
          rest.forEach((it) => failed(it, refused));
          continue;
        }
        const again = await this.adjust(rest);
        rest.forEach((it) => (again ? failed(it, again) : written(it)));
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('squarespace: write stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(changes[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }

  /**
   * One adjustment. A fresh Idempotency-Key per adjustment, kept across the client's re-sends of it
   * (so a re-send after a timeout is executed once). Resolves undefined when applied, or the refusal
   * (4xx other than auth); throws errors that stop the run.
   */
  private async adjust(items: WriteItem[]): Promise<PluginError | undefined> {
    try {
      await this.api.request({
        method: 'POST',
        url: '/inventory/adjustments',
        headers: { 'Idempotency-Key': randomUUID() },
        body: adjustmentFor(items.map((it) => ({ variantId: it.variantId, target: it.input.target }))),
        idempotent: true,
      });
      return undefined;
    } catch (e) {
      const error = asPluginError(e);
      if (stopsTheWork(error)) throw error;
      const body = errorBodyOf(error.details?.body);
      return new Rejected(
        `Squarespace refused the stock adjustment (${body?.type ?? error.code}${body?.message ? `: ${body.message}` : ''})`,
        { status: error.details?.status, type: body?.type, subtype: body?.subtype },
      );
    }
  }

  /** Which of these variant ids still have an inventory item. */
  private async existing(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunk(ids, MAX_IDS_PER_READ)) {
      for (const item of await this.readIds(part)) found.add(item.variantId);
    }
    return found;
  }

  /**
   * GET /inventory/{id,id,…}. Squarespace refuses the whole read with 404 when "one or more requested
   * inventory items were not found" (retrieving-specific-inventory): the ids are then split in halves
   * and read again, down to single ids, so a missing variant never hides the others and costs about
   * 2·log2(n) calls instead of n. An answer that simply leaves an id out is read the same way (absent).
   */
  private async readIds(ids: string[]): Promise<InventoryItem[]> {
    try {
      const res = await this.api.request<InventoryPage>({ method: 'GET', url: `/inventory/${ids.map(encodeURIComponent).join(',')}` });
      return Array.isArray(res.data?.inventory) ? res.data.inventory : [];
    } catch (e) {
      const error = asPluginError(e);
      if (!(error instanceof NotFound)) throw error;
      if (ids.length === 1) return [];
      const half = Math.ceil(ids.length / 2);
      return [...(await this.readIds(ids.slice(0, half))), ...(await this.readIds(ids.slice(half)))];
    }
  }

  async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
    const outcomes = new OutcomeSlots<ObservedStock>(refs.length);
    const { items, invalid } = planItems(refs);
    outcomes.set(invalid, (i) => ({
      ...refOf(refs[i]),
      status: 'failed',
      error: new NotFound('Not a usable Squarespace variant id', { externalVariantId: refs[i].externalVariantId }),
    }));
    try {
      for (const part of chunk(items, MAX_IDS_PER_READ)) {
        let rows: InventoryItem[];
        try {
          rows = await this.readIds(part.map((it) => it.variantId));
        } catch (e) {
          const error = asPluginError(e);
          if (stopsTheWork(error)) throw error;
          for (const it of part) outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'failed', error }));
          continue;
        }
        const byId = new Map(rows.map((r) => [r.variantId, r]));
        for (const it of part) {
          const row = byId.get(it.variantId);
          if (row) {
            const stock = fromInventoryItem(row);
            outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'found', stock }));
          } else {
            const error = new NotFound(`Squarespace has no inventory item for variant ${it.variantId}`, { variantId: it.variantId });
            outcomes.set(it.indexes, (i) => ({ ...refOf(refs[i]), status: 'failed', error }));
          }
        }
      }
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('squarespace: read stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(refs[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }
}
