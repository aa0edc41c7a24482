/** Webflow's error body on every v2 endpoint: `{ code, message, externalReference, details }` (openapi/v2.yml). */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';

export function webflowError(
  status: number,
  code: string,
  message: string,
  details: unknown[] = [],
  headers?: Record<string, string>,
): SimResponse {
  return { status, headers, body: { code, message, externalReference: null, details } };
}

export const notAuthorized = () => webflowError(401, 'not_authorized', 'Request not authorized');
export const siteNotFound = () => webflowError(404, 'resource_not_found', 'Requested resource not found: The site cannot be found');
export const ecommerceNotEnabled = () => webflowError(409, 'ecommerce_not_enabled', 'Ecommerce is not yet initialized');
// Unverified wording for these two: the spec lists the codes, not the messages.
export const collectionNotFound = () =>
  webflowError(404, 'collection_not_found', 'Requested resource not found: The collection cannot be found');
export const skuNotFound = () => webflowError(404, 'resource_not_found', 'Requested resource not found: The item cannot be found');
