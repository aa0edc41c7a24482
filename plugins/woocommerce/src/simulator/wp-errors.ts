/**
 * WordPress REST error answers: `{ code, message, data: { status, … } }` (WP_REST_Server::error_to_response).
 */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';
import type { WooErrorBody } from '../woo-types';

export function wpErrorBody(code: string, message: string, status: number, extra: Record<string, unknown> = {}): WooErrorBody {
  return { code, message, data: { status, ...extra } };
}

export function wpError(
  code: string,
  message: string,
  status: number,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): SimResponse {
  return { status, headers, body: wpErrorBody(code, message, status, extra) };
}

/** No route matches (e.g. a non-numeric id where the route pattern wants [\d]+). */
export function noRoute(): SimResponse {
  return wpError('rest_no_route', 'No route was found matching the URL and request method.', 404);
}

/** CRUD update_item / get_item for an id that is not a variation: "Invalid ID.". */
export function invalidVariationId(status: 400 | 404): SimResponse {
  return wpError('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', status);
}

export function invalidProductId(status: 400 | 404): SimResponse {
  return wpError('woocommerce_rest_product_invalid_id', 'Invalid ID.', status);
}
