/**
 * The demo's own record of every facility report it has sent, and what that means for a store variant
 * by the product's availability rule (the domain's computeDesiredStock over the region's facilities, as
 * the hub reports them in GET /v1/selling-regions). Out-of-order reports are kept out as the hub should.
 */
import { computeDesiredStock, type FulfillmentModel, type TargetStock } from '@stock-sync/domain';

export interface FacilityUpdate {
  variantId: number;
  facility: string;
  status?: 'in_stock' | 'stocked_on_demand' | 'out_of_stock' | 'discontinued';
  quantity?: number;
  observedAt: string;
}

interface Report {
  status?: string;
  quantity?: number;
  observedAt: number;
}

export class FacilityModel {
  private readonly reports = new Map<number, Map<string, Report>>();

  constructor(
    private readonly fulfillment: ReadonlyMap<number, FulfillmentModel>,
    private readonly regions: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** Applies updates newest-wins; returns how many were stale (older than what is recorded). */
  apply(updates: readonly FacilityUpdate[]): { stale: number } {
    let stale = 0;
    for (const u of updates) {
      const at = Date.parse(u.observedAt);
      const perFacility = this.reports.get(u.variantId) ?? new Map<string, Report>();
      this.reports.set(u.variantId, perFacility);
      const known = perFacility.get(u.facility);
      if (known && known.observedAt > at) {
        stale++;
        continue;
      }
      perFacility.set(u.facility, { status: u.status, quantity: u.quantity, observedAt: at });
    }
    return { stale };
  }

  /** What a store in `region` should show for catalog variant `variantId`; undefined = nothing to decide yet. */
  expected(variantId: number, region: string, lastKnown?: TargetStock | null): TargetStock | undefined {
    const fulfillment = this.fulfillment.get(variantId);
    const regionFacilities = this.regions.get(region);
    if (!fulfillment || !regionFacilities) throw new Error(`unknown catalog variant ${variantId} or region ${region}`);
    const observations = [...(this.reports.get(variantId) ?? new Map<string, Report>()).entries()].map(([facility, r]) => ({
      facility,
      status: r.status,
      quantity: r.quantity,
    }));
    const desired = computeDesiredStock({ fulfillment, regionFacilities, observations, lastKnown });
    return desired.stock ?? undefined;
  }
}
