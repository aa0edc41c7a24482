/** Sorting failures into "this variant" and "this whole connection", as the contract asks. */
import {
  AuthError,
  NotFound,
  RateLimited,
  Transient,
  isPluginError,
  type PipelineBase,
  type PluginError,
  type PluginLogger,
} from '@stock-sync/plugin-sdk';

/** Errors that stop the rest of the work: every later call would meet them too. */
export function isConnectionLevel(error: PluginError): boolean {
  return error instanceof AuthError || error instanceof RateLimited || error instanceof Transient;
}

export function toPluginError(e: unknown): PluginError {
  if (isPluginError(e)) return e;
  // A programming or parsing fault: retryable later, and never a raw message that might carry data.
  return new Transient(`unexpected failure in the Etsy plugin (${e instanceof Error ? e.name : typeof e})`);
}

/** Etsy ids are positive integers; anything else cannot exist there. */
export function isEtsyId(id: string): boolean {
  return /^[1-9]\d*$/.test(id);
}

export function notAnEtsyId(kind: 'listing' | 'product', id: string): NotFound {
  return new NotFound(`'${id}' is not an Etsy ${kind} id`, { [`${kind}Id`]: id });
}

/**
 * Etsy's frame on the SDK's pipeline: a listing id that cannot be Etsy's fails without a call (NotFound);
 * a product id is checked by the write alone (a read finds a wrong one missing from its listing).
 */
export function etsyFrame(log: PluginLogger, verify: () => Promise<void>): PipelineBase<object> {
  const badListing = (ref: { externalProductId: string }) => notAnEtsyId('listing', ref.externalProductId);
  return {
    platform: 'Etsy',
    id: 'etsy',
    log,
    ids: (ref) => (isEtsyId(ref.externalProductId) ? {} : undefined),
    invalid: { write: badListing, read: badListing },
    verify,
  };
}
