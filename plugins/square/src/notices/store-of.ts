/**
 * The seller a notification concerns: its top-level `merchant_id` (SPEC InventoryCountUpdatedEvent.merchant_id,
 * "The ID of the target merchant associated with the event"; the guide's example,
 * https://developer.squareup.com/docs/inventory-api/webhooks). The install flow records the same id as the
 * store's externalStoreId (ObtainToken's `merchant_id`, ../oauth/square-oauth.ts), so the hub finds the
 * OAuth-connected store of a notification the app's own subscription delivered to `POST /hooks/square`.
 * Undefined (the host answers 400) when the body names no merchant.
 */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function squareStoreOf(body: unknown): string | undefined {
  const id = isObject(body) ? body.merchant_id : undefined;
  return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}
