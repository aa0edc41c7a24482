import { computeDesiredStock, DesiredStock, FacilityStockObservation, FulfillmentModel } from './desired-stock';
import { SellingRegion } from './reference-data';

/**
 * The availability of one catalog variant in each selling region, as a store in that region would get it.
 * No store is involved, so there is no last known state: an undecided region reports basis "unknown".
 */
export function availabilityByRegion(
  fulfillment: FulfillmentModel,
  regions: readonly SellingRegion[],
  observations: readonly FacilityStockObservation[],
): Array<{ region: string; desired: DesiredStock }> {
  return regions.map((r) => ({
    region: r.code,
    desired: computeDesiredStock({ fulfillment, regionFacilities: r.facilities, observations }),
  }));
}
