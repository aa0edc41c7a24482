/** The SDK's batched pipeline over one product's variants per call; a 422 "too many" halves the batch. */
import { batched, jsonBodyOf, positiveIntegerId, StopTheWork, stopsTheWork, toPluginError, zeroIsOutOfStock } from '@stock-sync/plugin-sdk';
import { NotFound, Rejected, Transient } from '@stock-sync/plugin-api';
import type { HttpClient, PluginError, PluginLogger, StockWrite, StoreConnection, VariantRef } from '@stock-sync/plugin-api';
import type { Planned } from '@stock-sync/plugin-sdk';
import { MAX_BATCH, MAX_PER_PAGE } from './manifest';
import { stockAt, toVariantPatch, type NuvemVariantStock } from './stock-mapping';

type PlannedItem<T extends VariantRef> = Planned<T, { productId: number; variantId: number }>;
type Verdicts = (PluginError | undefined)[];

/** `fields` keeps each variant to a few bytes; inventory_levels for multi-inventory. */
const STOCK_FIELDS = 'id,stock_management,stock,inventory_levels';

/** The platform's `description` from an error's redacted body snippet, when there is one. */
export function platformDescription(e: PluginError): string | undefined {
  const body = e.details?.body;
  if (typeof body !== 'string') return undefined;
  const description = jsonBodyOf(body)?.description;
  // A truncated snippet is not JSON: fall back to a plain match.
  return typeof description === 'string' ? description : /"description"\s*:\s*"([^"]*)"/.exec(body)?.[1];
}

const statusOf = (e: PluginError) => (typeof e.details?.status === 'number' ? e.details.status : undefined);
const noProduct = (productId: number) => new NotFound(`Nuvemshop has no product ${productId} (deleted?)`, { productId });
const noVariant = (productId: number, variantId: number) =>
  new NotFound(`Nuvemshop product ${productId} has no variant ${variantId}`, { productId, variantId });

/** The batch refused as a whole, in the platform's words when it gave any. */
function refused(productId: number, error: PluginError, otherwise = `Nuvemshop refused the update of product ${productId}`): Rejected {
  const description = platformDescription(error);
  return new Rejected(description ? `Nuvemshop refused the update of product ${productId}: ${description}` : otherwise, {
    productId,
    status: statusOf(error),
    body: error.details?.body,
  });
}

/** `locationId`: the location whose counts the hub sets (multi-inventory stores); undefined = the variant's only one. */
export function nuvemshopConnection(api: HttpClient, log: PluginLogger, locationId?: string): StoreConnection {
  let locationsOnce: Promise<{ id: string }[] | undefined> | undefined;

  /**
   * Before the first write, with no locationId: several locations (GET /locations, once per connection) stop the
   * run before any write. A store that does not say (no read_locations scope) is checked by each write's answer.
   */
  async function refuseSeveralLocations(): Promise<void> {
    if (locationId) return;
    locationsOnce ??= api.request<{ id: string }[]>({ method: 'GET', url: '/locations' }).then(
      (res) => (Array.isArray(res.data) ? res.data : undefined),
      (e: unknown) => {
        const error = toPluginError(e, 'Nuvemshop');
        if (error.code === 'auth' || error.code === 'not_found') return undefined;
        locationsOnce = undefined;
        throw error;
      },
    );
    const ids = (await locationsOnce)?.map((l) => l.id) ?? [];
    if (ids.length > 1)
      throw new StopTheWork(
        new Rejected(
          `This Nuvemshop store keeps stock at ${ids.length} locations (${ids.join(', ')}); writing "stock" would change only each variant's first location: set the locationId credential`,
          { locations: ids },
        ),
      );
  }

  /** One PATCH of a product's variants: a verdict per item; throws only errors that stop the run or split it. */
  async function writeChunk(productId: number, items: readonly PlannedItem<StockWrite>[], mayRecover: boolean): Promise<Verdicts> {
    let rows: NuvemVariantStock[];
    try {
      const res = await api.request<NuvemVariantStock[]>({
        method: 'PATCH',
        url: `/products/${productId}/variants`,
        body: items.map((it) => toVariantPatch(it.variantId, it.input.target, locationId)),
        // Absolute values: sending the same body again lands on the same state.
        idempotent: true,
      });
      rows = Array.isArray(res.data) ? res.data : [];
    } catch (e) {
      const error = toPluginError(e, 'Nuvemshop');
      if (stopsTheWork(error) || (isTooMany(error) && items.length > 1)) throw error;
      if (error instanceof NotFound) return items.map(() => noProduct(productId));
      // All-or-nothing: one id no longer the product's fails all; which are gone is read from the product (README "Batching").
      if (statusOf(error) === 422 && mayRecover) return recoverFromRejectedBatch(productId, items, error);
      const all = refused(productId, error, error.message);
      return items.map(() => all);
    }

    // 200 answers the product's whole (updated) variant collection: check each write landed.
    const byId = new Map(rows.map((r) => [r.id, r]));
    return items.map((it) => {
      const row = byId.get(it.variantId);
      if (!row) return new Transient(`Nuvemshop answered the update of product ${productId} without variant ${it.variantId}`);
      const { stock_management, stock, inventory_levels } = row;
      const details = { productId, variantId: it.variantId, observed: { stock_management, stock, inventory_levels } };
      const shown = stockAt(row, locationId);
      if ('problem' in shown)
        return new Rejected(`Nuvemshop variant ${it.variantId} cannot be checked after the write: ${shown.problem}`, details);
      if (!zeroIsOutOfStock(shown.stock, it.input.target))
        return new Rejected(`Nuvemshop did not apply the stock to variant ${it.variantId}`, details);
      return undefined;
    });
  }

  async function recoverFromRejectedBatch(
    productId: number,
    items: readonly PlannedItem<StockWrite>[],
    original: PluginError,
  ): Promise<Verdicts> {
    const present = await listVariants(productId, 'id', undefined);
    if (present === 'product-missing') return items.map(() => noProduct(productId));
    const rest = items.filter((it) => present.has(it.variantId));
    if (rest.length === items.length) {
      const all = refused(productId, original);
      return items.map(() => all);
    }
    const again = rest.length > 0 ? await writeChunk(productId, rest, false) : [];
    return items.map((it) => (present.has(it.variantId) ? again[rest.indexOf(it)] : noVariant(productId, it.variantId)));
  }

  /** A product's variants, page by page, until every wanted id is seen or the last page; the product's own 404 → 'product-missing'. */
  async function listVariants(
    productId: number,
    fields: string,
    wanted: ReadonlySet<number> | undefined,
  ): Promise<Map<number, NuvemVariantStock> | 'product-missing'> {
    const seen = new Map<number, NuvemVariantStock>();
    for (let page = 1; ; page++) {
      let rows: NuvemVariantStock[];
      try {
        const res = await api.request<NuvemVariantStock[]>({
          method: 'GET',
          url: `/products/${productId}/variants`,
          params: { page, per_page: MAX_PER_PAGE, fields },
        });
        rows = Array.isArray(res.data) ? res.data : [];
      } catch (e) {
        const error = toPluginError(e, 'Nuvemshop');
        if (error instanceof NotFound && page === 1) return 'product-missing';
        // A page past the last may answer 404: the list is complete.
        if (error instanceof NotFound) return seen;
        throw error;
      }
      for (const r of rows) if (typeof r?.id === 'number') seen.set(r.id, r);
      if (rows.length < MAX_PER_PAGE) return seen;
      if (wanted && [...wanted].every((id) => seen.has(id))) return seen;
    }
  }

  async function readProduct(items: readonly PlannedItem<VariantRef>[], productId: number) {
    const found = await listVariants(productId, STOCK_FIELDS, new Set(items.map((i) => i.variantId)));
    return items.map((it) => {
      if (found === 'product-missing') return noProduct(productId);
      const row = found.get(it.variantId);
      const shown = row ? stockAt(row, locationId) : undefined;
      if (!shown) return noVariant(productId, it.variantId);
      if ('problem' in shown)
        return new Rejected(`Nuvemshop variant ${it.variantId} cannot be read for this store's setup: ${shown.problem}`, {
          productId,
          variantId: it.variantId,
        });
      return shown.stock;
    });
  }

  return batched({
    platform: 'Nuvemshop',
    id: 'nuvemshop',
    log,
    ids: (ref) => {
      const [productId, variantId] = [positiveIntegerId(ref.externalProductId), positiveIntegerId(ref.externalVariantId)];
      return productId && variantId ? { productId, variantId } : undefined;
    },
    invalid: {
      write: 'Nuvemshop product and variant ids are positive integers',
      read: 'Not a Nuvemshop variant id (ids are positive integers)',
    },
    verify: async () => void (await api.request({ method: 'GET', url: '/products', params: { per_page: 1, fields: 'id' } })),
    write: {
      groupBy: (it) => it.productId,
      maxBatch: MAX_BATCH,
      same: zeroIsOutOfStock,
      splitWhen: isTooMany,
      run: async (items, productId) => {
        await refuseSeveralLocations();
        return writeChunk(productId, items, true);
      },
    },
    read: { groupBy: (it) => it.productId, run: readProduct },
  });
}

/** 422 "too many" variants in one call: the pipeline halves the batch and sends each half. */
function isTooMany(error: PluginError): boolean {
  return statusOf(error) === 422 && /too many/i.test(platformDescription(error) ?? '');
}
