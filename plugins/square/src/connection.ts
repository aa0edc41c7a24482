/**
 * One seller location's connection: verify, writeStock, readStock over the Catalog and Inventory APIs.
 * A write is one catalog read, at most one catalog upsert (tracking flips) and at most one inventory
 * change batch (counts). Stateless apart from its client; one outcome per input, in input order.
 */
import { randomUUID } from 'node:crypto';
import {
  AuthError,
  batched,
  chunk,
  NotFound,
  Rejected,
  sameTargetStock,
  stopsTheWork,
  toPluginError,
  Transient,
  type HttpClient,
  type Planned,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import { MAX_COUNTS_PAGE, MAX_INVENTORY_CHANGES, MAX_OBJECTS_PER_UPSERT_BATCH } from './manifest';
import { isSquareId } from './ids';
import { codesInErrorBody, describeSquareErrors, squareErrors } from './square-api';
import type { BatchRetrieveCatalogObjectsResponse, BatchRetrieveInventoryCountsResponse, CatalogObject } from './square-types';
import { countFor, fromSquare, isSoldOut, isTracked, overrideFor, wantsTracking, withTracking } from './stock-mapping';

/** Ids per catalog batch-retrieve: one writeStock chunk (≤100) fits in one call. */
const RETRIEVE_IDS = 1000;

const asPluginError = (e: unknown) => toPluginError(e, 'Square');

/** Items by variation id (Square's catalog knows variations by id alone). */
const byId = <T extends VariantRef>(items: readonly Planned<T>[]) => new Map(items.map((it) => [it.input.externalVariantId, it]));

function variationOf(objects: Map<string, CatalogObject>, r: VariantRef): CatalogObject | NotFound {
  const obj = objects.get(r.externalVariantId);
  if (!obj || obj.is_deleted)
    return new NotFound(`Square has no item variation ${r.externalVariantId}`, { variationId: r.externalVariantId });
  if (obj.type !== 'ITEM_VARIATION' || obj.item_variation_data?.item_id !== r.externalProductId) {
    return new NotFound(`Square object ${r.externalVariantId} is not a variation of item ${r.externalProductId}`, {
      variationId: r.externalVariantId,
      itemId: r.externalProductId,
    });
  }
  return obj;
}

/** A refused call (4xx) fails what it carried; a version conflict is worth retrying after a fresh read. */
function refusal(what: string, error: PluginError): PluginError {
  const errors = codesInErrorBody(error.details?.body);
  const text = describeSquareErrors(errors) || error.message;
  if (errors.some((e) => e.code === 'VERSION_MISMATCH' || e.code === 'CONFLICT')) {
    return new Transient(`Square refused ${what}: the variation changed since it was read (${text}); it is retried on the next run`);
  }
  return new Rejected(`Square refused ${what}: ${text}`, { status: error.details?.status, codes: errors.map((e) => e.code) });
}

export class SquareConnection implements StoreConnection {
  readonly writeStock: StoreConnection['writeStock'];
  readonly readStock: StoreConnection['readStock'];

  constructor(
    private readonly api: HttpClient,
    private readonly log: PluginLogger,
    private readonly locationId: string,
  ) {
    ({ writeStock: this.writeStock, readStock: this.readStock } = batched({
      platform: 'Square',
      id: 'square',
      log,
      key: (input) => input.externalVariantId,
      ids: (input) => (isSquareId(input.externalVariantId) && isSquareId(input.externalProductId) ? {} : undefined),
      invalid: {
        write: () => new Rejected('Square catalog ids are 1–100 letters, digits, "-" or "_"'),
        read: () => new NotFound('Not a Square catalog object id'),
      },
      verify: () => this.verify(),
      // One run is one plan: retrieve the variations, flip tracking in one upsert, then counts in batches;
      // counts believed in place are decided below (they ride along when another count needs a call).
      write: { skipInPlace: 'never', run: (all) => this.writeAll(all) },
      read: { run: (all) => this.readAll(all) },
    }));
  }

  /** RetrieveLocation proves the token and that the location belongs to this seller. */
  async verify(): Promise<void> {
    try {
      await this.api.request({ method: 'GET', url: `/v2/locations/${encodeURIComponent(this.locationId)}` });
    } catch (e) {
      if (e instanceof NotFound)
        throw new AuthError('Square has no such location for this seller: check the locationId', { locationId: this.locationId });
      throw e;
    }
  }

  private async retrieveVariations(ids: string[]): Promise<Map<string, CatalogObject>> {
    const out = new Map<string, CatalogObject>();
    for (const part of chunk(ids, RETRIEVE_IDS)) {
      const res = await this.api.request<BatchRetrieveCatalogObjectsResponse>({
        method: 'POST',
        url: '/v2/catalog/batch-retrieve',
        body: { object_ids: part, include_related_objects: false },
        idempotent: true, // a read
      });
      for (const o of res.data?.objects ?? []) out.set(o.id, o);
    }
    return out;
  }

  private async writeAll(all: readonly Planned<StockWrite>[]): Promise<(PluginError | undefined)[]> {
    const items = byId(all);
    const failures = new Map<number, PluginError>();
    const fail = (owners: number[], error: PluginError) => owners.forEach((i) => failures.has(i) || failures.set(i, error));
    const objects = await this.retrieveVariations([...items.keys()]);
    const flips: { object: CatalogObject; owners: number[] }[] = [];
    const counts: { id: string; quantity: number; inPlace: boolean; owners: number[] }[] = [];
    for (const [id, it] of items) {
      const obj = variationOf(objects, it.input);
      if (obj instanceof NotFound) {
        fail(it.indexes, obj);
        continue;
      }
      const target = it.input.target;
      const tracked = isTracked(obj, this.locationId);
      if (!wantsTracking(target) && !tracked && isSoldOut(obj, this.locationId)) {
        const until = overrideFor(obj, this.locationId)?.sold_out_valid_until;
        fail(
          it.indexes,
          new Rejected(
            `Square variation ${id} was marked sold out by hand${until ? ` until ${until}` : ''}; Square ignores apps writing sold_out, so it stays sold out until the seller clears it${until ? ' or it expires' : ''}`,
            { variationId: id },
          ),
        );
        continue;
      }
      if (tracked !== wantsTracking(target))
        flips.push({ object: withTracking(obj, this.locationId, wantsTracking(target)), owners: it.indexes });
      if (wantsTracking(target)) {
        const inPlace = tracked && it.input.previous != null && sameTargetStock(it.input.previous, target);
        counts.push({ id, quantity: countFor(target), inPlace, owners: it.indexes });
      }
    }

    // Tracking first, then counts: a count lands on a variation that already tracks it.
    const notFlipped = new Set<number>();
    if (flips.length) {
      const err = await this.send('the catalog upsert (inventory tracking)', '/v2/catalog/batch-upsert', {
        idempotency_key: randomUUID(),
        batches: chunk(
          flips.map((f) => f.object),
          MAX_OBJECTS_PER_UPSERT_BATCH,
        ).map((objects) => ({ objects })),
      });
      if (err) flips.forEach((f) => (fail(f.owners, err), f.owners.forEach((i) => notFlipped.add(i))));
    }
    const toCount = counts.filter((c) => !c.owners.some((i) => notFlipped.has(i)));
    // Counts believed in place cost a call only when another count needs it (then they re-assert for free).
    if (toCount.some((c) => !c.inPlace)) {
      const occurredAt = new Date().toISOString();
      for (const part of chunk(toCount, MAX_INVENTORY_CHANGES)) {
        const err = await this.send('the inventory change batch', '/v2/inventory/changes/batch-create', {
          idempotency_key: randomUUID(),
          changes: part.map((c) => ({
            type: 'PHYSICAL_COUNT',
            physical_count: {
              catalog_object_id: c.id,
              location_id: this.locationId,
              state: 'IN_STOCK',
              quantity: String(c.quantity),
              occurred_at: occurredAt,
            },
          })),
          ignore_unchanged_counts: true,
        });
        if (err) part.forEach((c) => fail(c.owners, err));
      }
    }
    return all.map((it) => failures.get(it.indexes[0]));
  }

  /**
   * One batch POST. Both batch endpoints carry an idempotency key, so the client may resend the same body
   * after a 5xx: Square answers a repeated key with the first result instead of applying it twice.
   */
  private async send(what: string, url: string, body: unknown): Promise<PluginError | undefined> {
    try {
      const res = await this.api.request<{ errors?: unknown }>({ method: 'POST', url, body, idempotent: true });
      const errors = squareErrors(res.data);
      // Batch endpoints may answer 200 with errors inside: nothing of that call is trusted as written.
      return errors.length
        ? new Rejected(`Square reported errors for ${what}: ${describeSquareErrors(errors)}`, { codes: errors.map((e) => e.code) })
        : undefined;
    } catch (e) {
      const error = asPluginError(e);
      if (stopsTheWork(error)) throw error;
      this.log.warn(`square: ${what} was refused`, { code: error.code, message: error.message });
      return refusal(what, error);
    }
  }

  private async inStockCounts(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunk(ids, MAX_COUNTS_PAGE)) {
      let cursor: string | undefined;
      do {
        const res = await this.api.request<BatchRetrieveInventoryCountsResponse>({
          method: 'POST',
          url: '/v2/inventory/counts/batch-retrieve',
          body: {
            catalog_object_ids: part,
            location_ids: [this.locationId],
            states: ['IN_STOCK'],
            limit: MAX_COUNTS_PAGE,
            ...(cursor ? { cursor } : {}),
          },
          idempotent: true, // a read
        });
        for (const c of res.data?.counts ?? [])
          if (c.catalog_object_id && c.location_id === this.locationId && c.state === 'IN_STOCK')
            out.set(c.catalog_object_id, c.quantity ?? '0');
        cursor = res.data?.cursor || undefined;
      } while (cursor);
    }
    return out;
  }

  private async readAll(all: readonly Planned<VariantRef>[]) {
    const items = byId(all);
    const objects = await this.retrieveVariations([...items.keys()]);
    const found = new Map<string, CatalogObject>();
    for (const [id, it] of items) {
      const obj = variationOf(objects, it.input);
      if (!(obj instanceof NotFound)) found.set(id, obj);
    }
    const trackedIds = [...found].filter(([, o]) => isTracked(o, this.locationId) && !isSoldOut(o, this.locationId)).map(([id]) => id);
    const counts = trackedIds.length ? await this.inStockCounts(trackedIds) : new Map<string, string>();
    return all.map((it) => {
      const obj = variationOf(objects, it.input);
      return obj instanceof NotFound ? obj : fromSquare(obj, this.locationId, counts.get(it.input.externalVariantId));
    });
  }
}
