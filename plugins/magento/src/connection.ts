/**
 * Stock management per SKU on the legacy stock item and, with Multi-Source Inventory, counts as MSI source items (many
 * SKUs per call); without MSI the legacy stock items alone. A connection remembers only what the store told it.
 */
import { AuthError, NotFound, Rejected } from '@stock-sync/plugin-api';
import { batched, chunk, inPool, isInPlace, StopTheWork, stopsTheWork, toPluginError, zeroIsOutOfStock } from '@stock-sync/plugin-sdk';
import type { HttpClient, PluginError, PluginLogger, StockWrite, StoreConnection, TargetStock, VariantRef } from '@stock-sync/plugin-api';
import type { Planned as Item } from '@stock-sync/plugin-sdk';
import { describe, inputListLimitOf, isNoRoute, modeFromSourceError } from './magento-api';
import { DEFAULT_SOURCE_CODE, MAX_SOURCE_ITEMS, SOURCE_ITEMS_PAGE } from './manifest';
import { fromLegacyStockItem, fromMagento, isManaged, sourceItemFor, withManageStock } from './stock-mapping';
import type { MagentoSourceItem, MagentoStockItem } from './stock-mapping';

/** Per-SKU calls in flight at once: enough for the rate budget, not the round trips, to set the pace. */
const LANES = 4;

type Planned<T extends VariantRef> = Item<T, { sku: string }>;
type Fail = (it: Planned<StockWrite>, error: PluginError) => void;
type Count = { item: MagentoSourceItem; it: Planned<StockWrite> };

const enc = encodeURIComponent;
const asPluginError = (e: unknown) => toPluginError(e, 'Magento');

/** Thrown inside a run when an MSI route answered "no route": the run starts over on the legacy path. */
class MsiAbsent extends Error {}

export function magentoConnection(api: HttpClient, log: PluginLogger, sourceCode: string): StoreConnection {
  /** True once the store showed it has no MSI; MSI is assumed (and tried) first. */
  let legacy = false;
  /** Input List Limit learned from a refusal (Web API input limits on); undefined until one is seen. */
  let inputListLimit: number | undefined;
  const writesDefaultSource = sourceCode === DEFAULT_SOURCE_CODE;

  /** Records that the store has no MSI. Legacy stores have one stock, the default source's: another fails loudly. */
  function goLegacy(): void {
    if (!writesDefaultSource) {
      throw new AuthError(
        `Magento's Multi-Source Inventory is disabled on this store (no /V1/inventory routes), so only the default stock exists: ` +
          `clear sourceCode (now "${sourceCode}") or enable MSI`,
        { sourceCode },
      );
    }
    if (!legacy) log.info('magento: Multi-Source Inventory is not installed; using the legacy stock items');
    legacy = true;
  }

  /** An MSI call's failure: "no route" means MSI is absent (MsiAbsent); anything else is returned. */
  function msiFailure(e: unknown): PluginError {
    const error = asPluginError(e);
    if (!isNoRoute(error)) return error;
    goLegacy();
    throw new MsiAbsent();
  }

  /** MSI: the source exists (and the token may read it). No MSI: the low-stock list, which needs no SKU, proves the token. */
  async function verify(): Promise<void> {
    try {
      await api.request({ method: 'GET', url: `/inventory/sources/${enc(sourceCode)}` });
      legacy = false;
    } catch (e) {
      const found = modeFromSourceError(asPluginError(e), sourceCode);
      if (found !== 'legacy') throw found;
      goLegacy();
      await api.request({ method: 'GET', url: '/stockItems/lowStock/', params: { scopeId: 0, qty: 0, pageSize: 1, currentPage: 1 } });
    }
  }

  async function stockItem(sku: string): Promise<MagentoStockItem> {
    return (await api.request<MagentoStockItem>({ method: 'GET', url: `/stockItems/${enc(sku)}` })).data;
  }

  async function putStockItem(sku: string, item: MagentoStockItem): Promise<void> {
    await api.request({
      method: 'PUT',
      url: `/products/${enc(sku)}/stockItems/${enc(String(item.item_id ?? 1))}`,
      body: { stockItem: item },
      idempotent: true,
    });
  }

  /** Every failure that escapes the run stops it (logged, every input failed with it), as a stop does. */
  async function writeRun(items: readonly Planned<StockWrite>[]): Promise<(PluginError | undefined)[]> {
    const failures = new Map<Planned<StockWrite>, PluginError>();
    const fail: Fail = (it, error) => failures.has(it) || failures.set(it, error);
    try {
      const msiAbsent = (e: unknown) => (e instanceof MsiAbsent ? true : Promise.reject(e));
      if (legacy || (await writeMsi(items, fail).then(() => false, msiAbsent))) {
        // Everything is written (again) the legacy way: absolute values; what is in place is skipped.
        failures.clear();
        await writeLegacy(items, fail);
      }
    } catch (e) {
      throw new StopTheWork(e);
    }
    return items.map((it) => failures.get(it));
  }

  /** MSI: stock management flips on the legacy item (only when needed), counts as source items. */
  async function writeMsi(items: readonly Planned<StockWrite>[], fail: Fail): Promise<void> {
    const counts: Count[] = [];
    await eachSku(items, fail, async (it) => {
      const { target, previous } = it.input;
      // `previous` tells whether management must flip; only then is the stock item read (README "Decisions").
      const believedManaged = previous == null ? undefined : isManaged(previous);
      if (!isManaged(target) && believedManaged === false) return; // unlimited, believed in place
      if (believedManaged !== isManaged(target)) {
        const item = await stockItem(it.sku);
        if (item.manage_stock !== isManaged(target)) {
          await putStockItem(it.sku, withManageStock(item, target, writesDefaultSource));
          // Tracking on at the default source: that write also set the target's count.
          if (isManaged(target) && writesDefaultSource) return;
        }
      }
      if (isManaged(target)) counts.push({ item: sourceItemFor(it.sku, sourceCode, target), it });
    });
    // Counts believed in place cost a call only when another count needs it (then they re-assert for free).
    if (counts.some((c) => !isInPlace(c.it.input))) {
      while (counts.length) await saveSourceItems(counts.splice(0, inputListLimit ?? MAX_SOURCE_ITEMS), fail);
    }
  }

  /** No MSI: each SKU's stock item (management, qty, is_in_stock) is read and written back unless it shows the target. */
  async function writeLegacy(items: readonly Planned<StockWrite>[], fail: Fail): Promise<void> {
    await eachSku(items, fail, async (it) => {
      if (isInPlace(it.input)) return; // believed in place
      const item = await stockItem(it.sku);
      if (!zeroIsOutOfStock(fromLegacyStockItem(item), it.input.target))
        await putStockItem(it.sku, withManageStock(item, it.input.target, true));
    });
  }

  /** Per-SKU calls, LANES at a time: a failure becomes that SKU's outcome; what stops the run is rethrown. */
  function eachSku<I extends Planned<VariantRef>>(
    items: readonly I[],
    fail: (it: I, error: PluginError) => void,
    work: (it: I) => Promise<void>,
  ) {
    return inPool(items, LANES, (it) =>
      work(it).catch((e: unknown) => {
        const error = asPluginError(e);
        if (stopsTheWork(error)) throw error;
        const { sku } = it;
        if (error instanceof NotFound) fail(it, new NotFound(`Magento has no product with SKU "${sku}"`, { sku }));
        else
          fail(it, new Rejected(`Magento refused the stock item of "${sku}": ${describe(error)}`, { sku, status: error.details?.status }));
      }),
    );
  }

  /**
   * One POST /inventory/source-items (absolute values: idempotent), refused whole over the input limit (remembered; sent
   * again in calls of that size) or for an unknown SKU (404; halved until the unknown SKUs stand alone: the SKUs are
   * never read out of the error text, as a truncated snippet may name only some).
   */
  async function saveSourceItems(part: Count[], fail: Fail): Promise<void> {
    if (part.length === 0) return;
    try {
      await api.request({
        method: 'POST',
        url: '/inventory/source-items',
        body: { sourceItems: part.map((p) => p.item) },
        idempotent: true,
      });
    } catch (e) {
      const error = msiFailure(e);
      if (stopsTheWork(error)) throw error;
      const limit = inputListLimitOf(error);
      if (limit !== undefined && limit < part.length) {
        log.info('magento: the store limits Web API input lists; sending smaller calls', { limit });
        inputListLimit = limit;
        for (const smaller of chunk(part, limit)) await saveSourceItems(smaller, fail);
      } else if (error instanceof NotFound && part.length > 1) {
        const half = Math.ceil(part.length / 2);
        await saveSourceItems(part.slice(0, half), fail);
        await saveSourceItems(part.slice(half), fail);
      } else if (error instanceof NotFound) {
        fail(part[0].it, new NotFound(`Magento has no product with SKU "${part[0].item.sku}"`, { sku: part[0].item.sku }));
      } else {
        const refused = new Rejected(`Magento refused the source items: ${describe(error)}`, { status: error.details?.status });
        for (const p of part) fail(p.it, refused);
      }
    }
  }

  async function sourceItems(skus: string[]): Promise<Map<string, MagentoSourceItem>> {
    const out = new Map<string, MagentoSourceItem>();
    for (const part of chunk(skus, SOURCE_ITEMS_PAGE)) {
      const res = await api
        .request<{ items?: MagentoSourceItem[] }>({
          method: 'GET',
          url: '/inventory/source-items',
          params: {
            'searchCriteria[filterGroups][0][filters][0][field]': 'sku',
            'searchCriteria[filterGroups][0][filters][0][value]': part.join(','),
            'searchCriteria[filterGroups][0][filters][0][conditionType]': 'in',
            'searchCriteria[filterGroups][1][filters][0][field]': 'source_code',
            'searchCriteria[filterGroups][1][filters][0][value]': sourceCode,
            'searchCriteria[filterGroups][1][filters][0][conditionType]': 'eq',
            'searchCriteria[pageSize]': SOURCE_ITEMS_PAGE,
            'searchCriteria[currentPage]': 1,
          },
        })
        .catch((e: unknown) => {
          throw msiFailure(e);
        });
      for (const s of res.data?.items ?? []) if (s.source_code === sourceCode) out.set(s.sku, s);
    }
    return out;
  }

  /** A failure that escapes the run stops it; what per-SKU calls already answered is kept (StopTheWork). */
  async function readRun(items: readonly Planned<VariantRef>[]): Promise<(TargetStock | PluginError | undefined)[]> {
    const answers = new Map<Planned<VariantRef>, TargetStock | PluginError>();
    try {
      // The stock item per SKU (no list endpoint returns it: magento/magento2#36533), then one source-item page.
      const stockItems = new Map<Planned<VariantRef>, MagentoStockItem>();
      await eachSku(
        items,
        (it, error) => answers.set(it, error),
        async (it) => void stockItems.set(it, await stockItem(it.sku)),
      );
      const tracked = [...stockItems].filter(([, s]) => s.manage_stock).map(([it]) => it.sku);
      const sources = legacy
        ? undefined
        : await sourceItems(tracked).catch((e: unknown) => (e instanceof MsiAbsent ? undefined : Promise.reject(e)));
      for (const [it, item] of stockItems) answers.set(it, sources ? fromMagento(item, sources.get(it.sku)) : fromLegacyStockItem(item));
    } catch (e) {
      throw new StopTheWork(e, { answered: items.map((it) => answers.get(it)) });
    }
    return items.map((it) => answers.get(it));
  }

  return batched<{ sku: string }>({
    platform: 'Magento',
    id: 'magento',
    log,
    // A SKU named twice keeps its last input (keyed by the SKU alone: Magento's stock APIs know SKUs only).
    key: (ref) => ref.externalVariantId,
    // A Magento SKU: 1–64 characters (catalog_product_entity.sku), not only spaces.
    ids: ({ externalVariantId: sku }) => (sku.length > 0 && sku.length <= 64 && sku.trim() !== '' ? { sku } : undefined),
    invalid: { write: () => new Rejected('A Magento SKU is 1–64 characters'), read: () => new NotFound('Not a Magento SKU') },
    verify,
    // One unit per run; what is in place is decided per SKU above (from `previous`), never for the whole run.
    write: { skipInPlace: 'never', run: writeRun },
    read: { run: readRun },
  });
}
