/** A synced variant as the worker loads it (variant-plan.ts), with defaults a test overrides. */
import type { LoadedVariant, PlanOptions } from '../../../src/sync/variant-plan';

/** The north_america region's facilities. */
export const NA = ['US-NC', 'US-TX', 'MX', 'CA'];
export const opts: PlanOptions = { regionFacilities: NA, driftPolicy: 'reassert', retryNotFound: false };

export function variant(over: Partial<LoadedVariant> = {}): LoadedVariant {
  return {
    id: '1',
    externalProductId: 'p',
    externalVariantId: 'v',
    fulfillment: 'pod',
    observations: [],
    desired: null,
    lastWritten: null,
    pending: true,
    pendingVersion: 1,
    attempts: 0,
    lastError: null,
    notFoundAt: null,
    ...over,
  };
}
