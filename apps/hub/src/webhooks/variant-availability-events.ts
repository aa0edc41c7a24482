/**
 * `variant.unavailable`: a catalog variant that was in stock in a selling region (the domain's availability
 * rule computes unlimited or a quantity above 0 from the region's facilities) is computed out of stock there
 * after a facility-stock write. The facility-stock transaction calls `beforeWrite` after locking the regions it
 * touches and the returned function after its write, so the event is recorded in the same transaction as the
 * change that causes it. With no subscription to the type, this is one short statement and nothing else.
 */
import { Injectable } from '@nestjs/common';
import { availabilityByRegion, type DesiredStock, type FulfillmentModel, type SellingRegion, type TargetStock } from '@stock-sync/domain';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../database/sql';
import { ReferenceDataService } from '../reference-data/reference-data.service';

interface StockRow {
  id: number;
  product_id: number;
  sku: string | null;
  fulfillment: FulfillmentModel;
  facility_code: string | null;
  status: string | null;
  quantity: number | null;
}

/** variant id → region code → what the region computes (only computed states: an undecided region is neither). */
type Availability = Map<number, { row: StockRow; regions: Map<string, TargetStock> }>;

const NOTHING = async (): Promise<void> => undefined;

@Injectable()
export class VariantAvailabilityEvents {
  constructor(private readonly refs: ReferenceDataService) {}

  /** Snapshot of the variants' availability per region; call the returned function after the write. */
  async beforeWrite(manager: EntityManager, variantIds: readonly number[]): Promise<(manager: EntityManager) => Promise<void>> {
    if (variantIds.length === 0) return NOTHING;
    const before = await loadStock(manager, variantIds, true);
    if (before.length === 0) return NOTHING;
    const regions = await this.refs.sellingRegions(manager);
    const was = availability(before, regions);
    return async (m: EntityManager) => {
      const now = availability(await loadStock(m, variantIds, false), regions);
      const keys: string[] = [];
      const payloads: string[] = [];
      for (const [variantId, after] of now) {
        for (const [region, stock] of after.regions) {
          const previous = was.get(variantId)?.regions.get(region);
          if (!previous || !inStock(previous) || inStock(stock)) continue;
          keys.push(`variant:${variantId}`);
          payloads.push(
            JSON.stringify({
              variantId,
              productId: after.row.product_id,
              sku: after.row.sku,
              fulfillment: after.row.fulfillment,
              region,
              previous,
              stock,
            }),
          );
        }
      }
      if (keys.length === 0) return;
      await queryRows(
        m,
        `SELECT webhook_record_event('variant.unavailable', k, d::jsonb) FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(k, d, n) ORDER BY n`,
        [keys, payloads],
      );
    };
  }
}

/** The variants' facility rows; `onlyIfSubscribed`: nothing at all unless a subscription wants the event. */
function loadStock(manager: EntityManager, variantIds: readonly number[], onlyIfSubscribed: boolean): Promise<StockRow[]> {
  return queryRows<StockRow>(
    manager,
    `SELECT c.id, c.product_id, c.sku, c.fulfillment, fs.facility_code, fs.status, fs.quantity
     FROM catalog_variants c LEFT JOIN facility_stock fs ON fs.variant_id = c.id
     WHERE c.id = ANY($1::int[])
       ${onlyIfSubscribed ? `AND EXISTS (SELECT 1 FROM webhook_subscriptions WHERE 'variant.unavailable' = ANY (event_types))` : ''}
     ORDER BY c.id, fs.facility_code`,
    [[...new Set(variantIds)]],
  );
}

function availability(rows: readonly StockRow[], regions: readonly SellingRegion[]): Availability {
  const byVariant = new Map<number, StockRow[]>();
  for (const r of rows) {
    const list = byVariant.get(r.id);
    if (list) list.push(r);
    else byVariant.set(r.id, [r]);
  }
  const result: Availability = new Map();
  for (const [id, list] of byVariant) {
    const observations = list
      .filter((r) => r.facility_code !== null)
      .map((r) => ({ facility: r.facility_code!, status: r.status, quantity: r.quantity }));
    const computed = new Map<string, TargetStock>();
    for (const { region, desired } of availabilityByRegion(list[0]!.fulfillment, regions, observations)) {
      if (isComputed(desired)) computed.set(region, desired.stock);
    }
    result.set(id, { row: list[0]!, regions: computed });
  }
  return result;
}

function isComputed(d: DesiredStock): d is Extract<DesiredStock, { basis: 'computed' }> {
  return d.basis === 'computed';
}

function inStock(s: TargetStock): boolean {
  return s.kind === 'unlimited' || (s.kind === 'quantity' && s.quantity > 0);
}
