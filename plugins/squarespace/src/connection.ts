/**
 * One store's connection over the Inventory API: verify, writeStock (adjustments of up to 50
 * absolute operations, each with its own Idempotency-Key), readStock (up to 50 ids per call).
 */
import { randomUUID } from 'node:crypto';
import {
  batched,
  chunk,
  NotFound,
  Rejected,
  stopsTheWork,
  toPluginError,
  type HttpClient,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import { MAX_IDS_PER_READ, MAX_OPERATIONS_PER_ADJUSTMENT } from './manifest';
import { planIds, type PlannedItem } from './plan';
import { errorBodyOf, type InventoryItem, type InventoryPage } from './squarespace-types';
import { adjustmentFor, fromInventoryItem } from './stock-mapping';

type WriteItem = PlannedItem<StockWrite>;

const asPluginError = (e: unknown) => toPluginError(e, 'Squarespace');
const gone = (variantId: string) => new NotFound(`Squarespace has no inventory item for variant ${variantId}`, { variantId });

export class SquarespaceConnection implements StoreConnection {
  readonly writeStock: StoreConnection['writeStock'];
  readonly readStock: StoreConnection['readStock'];

  constructor(
    private readonly api: HttpClient,
    log: PluginLogger,
    maxOps: number = MAX_OPERATIONS_PER_ADJUSTMENT,
  ) {
    ({ writeStock: this.writeStock, readStock: this.readStock } = batched({
      platform: 'Squarespace',
      id: 'squarespace',
      log,
      // The Inventory API knows variants only: keyed by the trimmed variant id alone.
      key: (ref) => ref.externalVariantId.trim(),
      ids: planIds,
      invalid: {
        write: (ref) => new Rejected('Not a usable Squarespace variant id', { externalVariantId: ref.externalVariantId }),
        read: (ref) => new NotFound('Not a usable Squarespace variant id', { externalVariantId: ref.externalVariantId }),
      },
      verify: () => this.verify(),
      // In-place writes are dropped only when that saves whole adjustment calls; otherwise they ride along
      // for free and re-assert the truth in case the hub's belief is stale.
      write: { maxBatch: maxOps, skipInPlace: 'calls', run: (part) => this.writePart(part) },
      read: { maxBatch: MAX_IDS_PER_READ, run: (part) => this.readPart(part) },
    }));
  }

  /** The first inventory page: proves the key and its Inventory permission in one call. */
  async verify(): Promise<void> {
    await this.api.request({ method: 'GET', url: '/inventory' });
  }

  private async writePart(part: readonly WriteItem[]): Promise<(PluginError | undefined)[] | PluginError | undefined> {
    const refused = await this.adjust(part);
    if (!refused) return undefined;
    // The adjustment is all-or-nothing and names no variant: find the ones that are gone
    // (one read), report them NotFound, and send the rest once more as a new adjustment.
    const present = await this.existing(part.map((it) => it.variantId));
    const rest = part.filter((it) => present.has(it.variantId));
    if (rest.length === part.length) return refused;
    const again = rest.length === 0 ? undefined : await this.adjust(rest);
    return part.map((it) => (present.has(it.variantId) ? again : gone(it.variantId)));
  }

  /**
   * One adjustment. A fresh Idempotency-Key per adjustment, kept across the client's re-sends of it
   * (so a re-send after a timeout is executed once). Resolves undefined when applied, or the refusal
   * (4xx other than auth); throws errors that stop the run.
   */
  private async adjust(items: readonly WriteItem[]): Promise<PluginError | undefined> {
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

  private async readPart(part: readonly PlannedItem<VariantRef>[]) {
    const rows = await this.readIds(part.map((it) => it.variantId));
    const byId = new Map(rows.map((r) => [r.variantId, r]));
    return part.map((it) => {
      const row = byId.get(it.variantId);
      return row ? fromInventoryItem(row) : gone(it.variantId);
    });
  }
}
