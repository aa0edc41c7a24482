/**
 * One seller location's connection over the Catalog and Inventory APIs: a write is one catalog read, at most one
 * catalog upsert (tracking flips) and at most one inventory change batch (counts); README "Fewest calls".
 */
import { randomUUID } from 'node:crypto';
import { batched, chunk, stopsTheWork, toPluginError } from '@stock-sync/plugin-sdk';
import { NotFound, Rejected, sameTargetStock, Transient } from '@stock-sync/plugin-api';
import type { HttpClient, PluginError, PluginLogger, StockWrite, StoreConnection, VariantRef } from '@stock-sync/plugin-api';
import type { Planned } from '@stock-sync/plugin-sdk';
import { MAX_COUNTS_PAGE, MAX_INVENTORY_CHANGES, MAX_OBJECTS_PER_UPSERT_BATCH } from './manifest';
import { describeSquareErrors, retrieveLocation, squareErrors, type CatalogObject, type InventoryCount } from './square-api';
import { fromSquare, isSoldOut, isTracked, overrideFor, withTracking } from './stock-mapping';

/** Ids per catalog batch-retrieve: one writeStock chunk (≤100) fits in one call. */
const RETRIEVE_IDS = 1000;

/** A Square catalog object id: 1–100 characters (catalog_object_id maxLength 100), no spaces or slashes. */
const isSquareId = (raw: string) => /^[A-Za-z0-9_-]{1,100}$/.test(raw);

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
  const errors = squareErrors(error.details?.body);
  const text = describeSquareErrors(errors) || error.message;
  if (errors.some((e) => e.code === 'VERSION_MISMATCH' || e.code === 'CONFLICT')) {
    return new Transient(`Square refused ${what}: the variation changed since it was read (${text}); it is retried on the next run`);
  }
  return new Rejected(`Square refused ${what}: ${text}`, { status: error.details?.status, codes: errors.map((e) => e.code) });
}

export function squareConnection(api: HttpClient, log: PluginLogger, locationId: string): StoreConnection {
  /** Each item's variation as retrieved, or the NotFound it fails with. */
  async function variations<T extends VariantRef>(all: readonly Planned<T>[]): Promise<(CatalogObject | NotFound)[]> {
    const objects = new Map<string, CatalogObject>();
    const ids = all.map((it) => it.input.externalVariantId);
    for (const part of chunk(ids, RETRIEVE_IDS)) {
      const res = await api.request<{ objects?: CatalogObject[] }>({
        method: 'POST',
        url: '/v2/catalog/batch-retrieve',
        body: { object_ids: part, include_related_objects: false },
        idempotent: true, // a read
      });
      for (const o of res.data?.objects ?? []) objects.set(o.id, o);
    }
    return all.map((it) => variationOf(objects, it.input));
  }

  async function writeAll(all: readonly Planned<StockWrite>[]): Promise<(PluginError | undefined)[]> {
    const failures = new Map<Planned<StockWrite>, PluginError>();
    const fail = (error: PluginError, it: Planned<StockWrite>) => void (failures.has(it) || failures.set(it, error));
    const flips: { object: CatalogObject; it: Planned<StockWrite> }[] = [];
    const counts: { it: Planned<StockWrite>; quantity: number; inPlace: boolean }[] = [];
    const objects = await variations(all);
    all.forEach((it, i) => {
      const obj = objects[i];
      if (obj instanceof NotFound) return fail(obj, it);
      const { target, previous, externalVariantId: id } = it.input;
      // Unlimited is untracked; out of stock and quantities need tracking and a count (0 for sold out).
      const wanted = target.kind !== 'unlimited';
      const tracked = isTracked(obj, locationId);
      if (!wanted && !tracked && isSoldOut(obj, locationId)) {
        const until = overrideFor(obj, locationId)?.sold_out_valid_until;
        const why = `Square variation ${id} was marked sold out by hand${until ? ` until ${until}` : ''}; Square ignores apps writing sold_out, so it stays sold out until the seller clears it${until ? ' or it expires' : ''}`;
        return fail(new Rejected(why, { variationId: id }), it);
      }
      if (tracked !== wanted) flips.push({ object: withTracking(obj, locationId, wanted), it });
      if (wanted) {
        const inPlace = tracked && previous != null && sameTargetStock(previous, target);
        counts.push({ it, quantity: target.kind === 'quantity' ? target.quantity : 0, inPlace });
      }
    });

    // Tracking first, then counts: a count lands on a variation that already tracks it.
    if (flips.length) {
      const objects = flips.map((f) => f.object);
      const err = await send('the catalog upsert (inventory tracking)', '/v2/catalog/batch-upsert', {
        idempotency_key: randomUUID(),
        batches: chunk(objects, MAX_OBJECTS_PER_UPSERT_BATCH).map((batch) => ({ objects: batch })),
      });
      if (err) for (const f of flips) fail(err, f.it);
    }
    const toCount = counts.filter((c) => !failures.has(c.it));
    // Counts believed in place cost a call only when another count needs it (then they re-assert for free).
    if (toCount.some((c) => !c.inPlace)) {
      const occurredAt = new Date().toISOString();
      for (const part of chunk(toCount, MAX_INVENTORY_CHANGES)) {
        const err = await send('the inventory change batch', '/v2/inventory/changes/batch-create', {
          idempotency_key: randomUUID(),
          changes: part.map((c) => ({
            type: 'PHYSICAL_COUNT',
            physical_count: {
              catalog_object_id: c.it.input.externalVariantId,
              location_id: locationId,
              state: 'IN_STOCK',
              quantity: String(c.quantity),
              occurred_at: occurredAt,
            },
          })),
          ignore_unchanged_counts: true,
        });
        if (err) for (const c of part) fail(err, c.it);
      }
    }
    return all.map((it) => failures.get(it));
  }

  /** One batch POST, resendable: Square answers a repeated idempotency key with the first result (README "Idempotency"). */
  async function send(what: string, url: string, body: unknown): Promise<PluginError | undefined> {
    try {
      const res = await api.request<{ errors?: unknown }>({ method: 'POST', url, body, idempotent: true });
      const errors = squareErrors(res.data);
      // Batch endpoints may answer 200 with errors inside: nothing of that call is trusted as written.
      return errors.length
        ? new Rejected(`Square reported errors for ${what}: ${describeSquareErrors(errors)}`, { codes: errors.map((e) => e.code) })
        : undefined;
    } catch (e) {
      const error = toPluginError(e, 'Square');
      if (stopsTheWork(error)) throw error;
      log.warn(`square: ${what} was refused`, { code: error.code, message: error.message });
      return refusal(what, error);
    }
  }

  async function readAll(all: readonly Planned<VariantRef>[]) {
    const objects = await variations(all);
    const counts = new Map<string, string>();
    const counted = (o: CatalogObject | NotFound) => !(o instanceof NotFound) && isTracked(o, locationId) && !isSoldOut(o, locationId);
    const ids = all.filter((_, i) => counted(objects[i])).map((it) => it.input.externalVariantId);
    for (const part of chunk(ids, MAX_COUNTS_PAGE)) {
      let cursor: string | undefined;
      do {
        const res = await api.request<{ counts?: InventoryCount[]; cursor?: string }>({
          method: 'POST',
          url: '/v2/inventory/counts/batch-retrieve',
          body: {
            catalog_object_ids: part,
            location_ids: [locationId],
            states: ['IN_STOCK'],
            limit: MAX_COUNTS_PAGE,
            ...(cursor ? { cursor } : {}),
          },
          idempotent: true, // a read
        });
        for (const c of res.data?.counts ?? [])
          if (c.catalog_object_id && c.location_id === locationId && c.state === 'IN_STOCK')
            counts.set(c.catalog_object_id, c.quantity ?? '0');
        cursor = res.data?.cursor || undefined;
      } while (cursor);
    }
    return objects.map((obj, i) =>
      obj instanceof NotFound ? obj : fromSquare(obj, locationId, counts.get(all[i].input.externalVariantId)),
    );
  }

  return batched({
    platform: 'Square',
    id: 'square',
    log,
    key: (input) => input.externalVariantId,
    ids: (input) => (isSquareId(input.externalVariantId) && isSquareId(input.externalProductId) ? {} : undefined),
    invalid: {
      write: () => new Rejected('Square catalog ids are 1–100 letters, digits, "-" or "_"'),
      read: () => new NotFound('Not a Square catalog object id'),
    },
    // RetrieveLocation proves the token and that the location belongs to this seller.
    verify: async () => void (await retrieveLocation(api, locationId)),
    // One run is one plan (see writeAll, which decides what is in place).
    write: { skipInPlace: 'never', run: writeAll },
    read: { run: readAll },
  });
}
