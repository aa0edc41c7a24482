/**
 * One store's connection: verify, writeStock, readStock over the legacy stock-item API (stock management on
 * or off, per SKU) and, where the store has Multi-Source Inventory, the MSI source-items API (quantities and
 * statuses, many SKUs per call). Stores without MSI are served through the legacy stock items alone.
 * Apart from its client, a connection remembers only what the store told it (MSI absent, the input limit).
 * The frame (SKUs keyed alone, duplicates, malformed SKUs, the stop rule, one outcome per input in input
 * order) is the SDK's batched pipeline; a run is one unit (its per-SKU calls and MSI batches stay local).
 */
import {
  batched,
  chunk,
  inPool,
  NotFound,
  Rejected,
  sameTargetStock,
  StopTheWork,
  stopsTheWork,
  toPluginError,
  type HttpClient,
  type Planned as Item,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type TargetStock,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import { magentoErrorBody, renderMessage } from './magento-api';
import { inputListLimitOf } from './input-limit';
import { isNoRoute, legacyModeProblem, modeFromSourceError, type InventoryMode } from './inventory-mode';
import type { MagentoSearchResults, MagentoSourceItem, MagentoStockItem } from './magento-types';
import { DEFAULT_SOURCE_CODE, MAX_SOURCE_ITEMS, SOURCE_ITEMS_PAGE } from './manifest';
import { isSku } from './ids';
import { fromLegacyStockItem, fromMagento, isManaged, showsSame, sourceItemFor, withManageStock } from './stock-mapping';

/** Per-SKU calls in flight at once: enough for the rate budget, not the round trips, to set the pace. */
const LANES = 4;

const asPluginError = (e: unknown) => toPluginError(e, 'Magento');

type Planned<T extends VariantRef> = Item<T, { sku: string }>;
type Fail = (owners: number[], error: PluginError) => void;
type OwnedSourceItem = { item: MagentoSourceItem; owners: number[] };

const enc = encodeURIComponent;

function describe(error: PluginError): string {
  return renderMessage(magentoErrorBody(error.details?.body)) || error.message;
}

/** Thrown inside a run when an MSI route answered "no route": the run starts over on the legacy path. */
class MsiAbsent extends Error {}

export class MagentoConnection implements StoreConnection {
  readonly writeStock: StoreConnection['writeStock'];
  readonly readStock: StoreConnection['readStock'];
  /** Undefined until the store shows which; MSI is assumed (and tried) first. */
  private knownMode: InventoryMode | undefined;
  /** Input List Limit learned from a refusal (Web API input limits on); undefined until one is seen. */
  private inputListLimit: number | undefined;

  constructor(
    private readonly api: HttpClient,
    private readonly log: PluginLogger,
    private readonly sourceCode: string,
  ) {
    ({ writeStock: this.writeStock, readStock: this.readStock } = batched<{ sku: string }>({
      platform: 'Magento',
      id: 'magento',
      log,
      // A SKU named twice keeps its last input (keyed by the SKU alone: Magento's stock APIs know SKUs only).
      key: (ref) => ref.externalVariantId,
      ids: (ref) => (isSku(ref.externalVariantId) ? { sku: ref.externalVariantId } : undefined),
      invalid: { write: () => new Rejected('A Magento SKU is 1–64 characters'), read: () => new NotFound('Not a Magento SKU') },
      verify: () => this.verify(),
      // One unit per run; what is in place is decided per SKU below (from `previous`), never for the whole run.
      write: { skipInPlace: 'never', run: (items) => this.writeRun(items) },
      read: { run: (items) => this.readRun(items) },
    }));
  }

  private get writesDefaultSource(): boolean {
    return this.sourceCode === DEFAULT_SOURCE_CODE;
  }

  /** Records that the store has no MSI; a non-default sourceCode cannot be honoured then (fails loudly). */
  private goLegacy(): void {
    const problem = legacyModeProblem(this.sourceCode, DEFAULT_SOURCE_CODE);
    if (problem) throw problem;
    if (this.knownMode !== 'legacy') this.log.info('magento: Multi-Source Inventory is not installed; using the legacy stock items');
    this.knownMode = 'legacy';
  }

  /** An MSI call's failure: "no route" means MSI is absent (MsiAbsent); anything else is returned. */
  private msiFailure(e: unknown): PluginError {
    const error = asPluginError(e);
    if (isNoRoute(error)) {
      this.goLegacy();
      throw new MsiAbsent();
    }
    return error;
  }

  /**
   * MSI: the configured source exists and the token may use the Inventory API (Magento_InventoryApi::source).
   * No MSI: the token may read legacy stock items (Magento_CatalogInventory::cataloginventory, proven by the
   * low-stock list, which needs no SKU).
   */
  async verify(): Promise<void> {
    try {
      await this.api.request({ method: 'GET', url: `/inventory/sources/${enc(this.sourceCode)}` });
      this.knownMode = 'msi';
      return;
    } catch (e) {
      const found = modeFromSourceError(asPluginError(e), this.sourceCode);
      if (found !== 'legacy') throw found;
    }
    this.goLegacy();
    await this.api.request({ method: 'GET', url: '/stockItems/lowStock/', params: { scopeId: 0, qty: 0, pageSize: 1, currentPage: 1 } });
  }

  private async stockItem(sku: string): Promise<MagentoStockItem> {
    return (await this.api.request<MagentoStockItem>({ method: 'GET', url: `/stockItems/${enc(sku)}` })).data;
  }

  private async putStockItem(sku: string, item: MagentoStockItem): Promise<void> {
    await this.api.request({
      method: 'PUT',
      url: `/products/${enc(sku)}/stockItems/${enc(String(item.item_id ?? 1))}`,
      body: { stockItem: item },
      idempotent: true,
    });
  }

  /** Every failure that escapes the run stops it (logged, every input failed with it), as a stop does. */
  private async writeRun(items: readonly Planned<StockWrite>[]): Promise<(PluginError | undefined)[]> {
    const failures = new Map<number, PluginError>();
    const fail: Fail = (owners, error) => owners.forEach((i) => failures.has(i) || failures.set(i, error));
    try {
      if (this.knownMode === 'legacy') await this.writeLegacy(items, fail);
      else {
        try {
          await this.writeMsi(items, fail);
        } catch (e) {
          if (!(e instanceof MsiAbsent)) throw e;
          // Everything is written again the legacy way (absolute values; what is in place is skipped).
          failures.clear();
          await this.writeLegacy(items, fail);
        }
      }
    } catch (e) {
      throw new StopTheWork(e);
    }
    // An item's owners (its input indexes) share one fate.
    return items.map((it) => failures.get(it.indexes[0]));
  }

  /** MSI: stock management flips on the legacy item (only when needed), counts as source items. */
  private async writeMsi(items: readonly Planned<StockWrite>[], fail: Fail): Promise<void> {
    const counts: (OwnedSourceItem & { inPlace: boolean })[] = [];
    await inPool(items, LANES, async (it) => {
      const { target, previous } = it.input;
      // What the hub last wrote or read tells whether stock management must flip; only then is the stock
      // item read and written (the endpoint takes the whole item). A stale belief shows up as drift on the
      // next read-back, which then corrects `previous`.
      const believedManaged = previous == null ? undefined : isManaged(previous);
      if (!isManaged(target) && believedManaged === false) return; // unlimited, believed in place
      let countCarried = false;
      if (believedManaged !== isManaged(target)) {
        try {
          countCarried = await this.flipIfNeeded(it.sku, target);
        } catch (e) {
          fail(it.indexes, this.perSku(e, it.sku));
          return;
        }
      }
      if (isManaged(target) && !countCarried) {
        counts.push({
          item: sourceItemFor(it.sku, this.sourceCode, target),
          owners: it.indexes,
          inPlace: previous != null && sameTargetStock(previous, target),
        });
      }
    });
    // Counts believed in place cost a call only when another count needs it (then they re-assert for free).
    if (counts.some((c) => !c.inPlace)) await this.saveSourceItems(counts, fail);
  }

  /**
   * No MSI: each SKU's legacy stock item carries management, qty and is_in_stock; it is read (the PUT takes
   * the whole item) and written back only when it does not already show the target.
   */
  private async writeLegacy(items: readonly Planned<StockWrite>[], fail: Fail): Promise<void> {
    await inPool(items, LANES, async (it) => {
      const { target, previous } = it.input;
      if (previous != null && sameTargetStock(previous, target)) return; // believed in place
      try {
        const item = await this.stockItem(it.sku);
        if (showsSame(fromLegacyStockItem(item), target)) return;
        await this.putStockItem(it.sku, withManageStock(item, target, true));
      } catch (e) {
        fail(it.indexes, this.perSku(e, it.sku));
      }
    });
  }

  /**
   * Reads the stock item and, when its stock management is not what the target needs, writes it back with
   * it switched. Returns true when that write also set the target's count (tracking on at the default source).
   */
  private async flipIfNeeded(sku: string, target: StockWrite['target']): Promise<boolean> {
    const item = await this.stockItem(sku);
    if (item.manage_stock === isManaged(target)) return false;
    await this.putStockItem(sku, withManageStock(item, target, this.writesDefaultSource));
    return isManaged(target) && this.writesDefaultSource;
  }

  /** A per-SKU failure becomes that change's outcome; what stops the run is rethrown. */
  private perSku(e: unknown, sku: string): PluginError {
    const error = asPluginError(e);
    if (stopsTheWork(error)) throw error;
    if (error instanceof NotFound) return new NotFound(`Magento has no product with SKU "${sku}"`, { sku });
    return new Rejected(`Magento refused the stock item of "${sku}": ${describe(error)}`, { sku, status: error.details?.status });
  }

  /** All the counts, in calls of at most the store's input limit (once learned) or MAX_SOURCE_ITEMS. */
  private async saveSourceItems(all: OwnedSourceItem[], fail: Fail): Promise<void> {
    const pending = [...all];
    while (pending.length) {
      const part = pending.splice(0, this.inputListLimit ?? MAX_SOURCE_ITEMS);
      await this.saveSourceItemsCall(part, fail);
    }
  }

  /**
   * One POST /inventory/source-items (absolute values: idempotent). Magento refuses it whole when:
   * - it carries more items than the Web API input limit (400 "Maximum items of type … is N"): the limit is
   *   remembered and the items are sent again in calls of that size;
   * - one SKU is unknown (404): the SKUs are never read out of the error text (a truncated snippet may name
   *   only some); the part is halved and each half sent again until the unknown SKUs stand alone, which
   *   fail NotFound.
   */
  private async saveSourceItemsCall(part: OwnedSourceItem[], fail: Fail): Promise<void> {
    if (part.length === 0) return;
    try {
      await this.api.request({
        method: 'POST',
        url: '/inventory/source-items',
        body: { sourceItems: part.map((p) => p.item) },
        idempotent: true,
      });
    } catch (e) {
      const error = this.msiFailure(e);
      if (stopsTheWork(error)) throw error;
      const limit = inputListLimitOf(error);
      if (limit !== undefined && limit < part.length) {
        this.log.info('magento: the store limits Web API input lists; sending smaller calls', { limit });
        this.inputListLimit = limit;
        for (const smaller of chunk(part, limit)) await this.saveSourceItemsCall(smaller, fail);
        return;
      }
      if (error instanceof NotFound) {
        if (part.length === 1) {
          fail(part[0].owners, new NotFound(`Magento has no product with SKU "${part[0].item.sku}"`, { sku: part[0].item.sku }));
          return;
        }
        const half = Math.ceil(part.length / 2);
        await this.saveSourceItemsCall(part.slice(0, half), fail);
        await this.saveSourceItemsCall(part.slice(half), fail);
        return;
      }
      const refused = new Rejected(`Magento refused the source items: ${describe(error)}`, { status: error.details?.status });
      for (const p of part) fail(p.owners, refused);
    }
  }

  private async sourceItems(skus: string[]): Promise<Map<string, MagentoSourceItem>> {
    const out = new Map<string, MagentoSourceItem>();
    for (const part of chunk(skus, SOURCE_ITEMS_PAGE)) {
      let res;
      try {
        res = await this.api.request<MagentoSearchResults<MagentoSourceItem>>({
          method: 'GET',
          url: '/inventory/source-items',
          params: {
            'searchCriteria[filterGroups][0][filters][0][field]': 'sku',
            'searchCriteria[filterGroups][0][filters][0][value]': part.join(','),
            'searchCriteria[filterGroups][0][filters][0][conditionType]': 'in',
            'searchCriteria[filterGroups][1][filters][0][field]': 'source_code',
            'searchCriteria[filterGroups][1][filters][0][value]': this.sourceCode,
            'searchCriteria[filterGroups][1][filters][0][conditionType]': 'eq',
            'searchCriteria[pageSize]': SOURCE_ITEMS_PAGE,
            'searchCriteria[currentPage]': 1,
          },
        });
      } catch (e) {
        throw this.msiFailure(e);
      }
      for (const s of res.data?.items ?? []) if (s.source_code === this.sourceCode) out.set(s.sku, s);
    }
    return out;
  }

  /** A failure that escapes the run stops it; what per-SKU calls already answered is kept (StopTheWork). */
  private async readRun(items: readonly Planned<VariantRef>[]): Promise<(TargetStock | PluginError | undefined)[]> {
    const answers = new Map<Planned<VariantRef>, TargetStock | PluginError>();
    try {
      // The stock item per SKU (no list endpoint returns it: magento/magento2#36533), then one source-item page.
      const stockItems = new Map<string, MagentoStockItem>();
      await inPool(items, LANES, async (it) => {
        try {
          stockItems.set(it.sku, await this.stockItem(it.sku));
        } catch (e) {
          answers.set(it, this.perSku(e, it.sku));
        }
      });
      let sources: Map<string, MagentoSourceItem> | undefined;
      if (this.knownMode !== 'legacy') {
        const tracked = [...stockItems].filter(([, s]) => s.manage_stock).map(([sku]) => sku);
        try {
          sources = tracked.length ? await this.sourceItems(tracked) : new Map<string, MagentoSourceItem>();
        } catch (e) {
          if (!(e instanceof MsiAbsent)) throw e;
        }
      }
      for (const it of items) {
        const stockItem = stockItems.get(it.sku);
        if (!stockItem) continue;
        answers.set(it, sources ? fromMagento(stockItem, sources.get(it.sku)) : fromLegacyStockItem(stockItem));
      }
    } catch (e) {
      throw new StopTheWork(e, { answered: items.map((it) => answers.get(it)) });
    }
    return items.map((it) => answers.get(it));
  }
}
