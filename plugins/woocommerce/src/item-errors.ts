/**
 * Per-item errors inside a 200 batch answer → the SDK taxonomy.
 * `woocommerce_rest_product_variation_invalid_id` (status 400 inside the item) is how core answers an
 * update for a variation that no longer exists: the variant is gone → NotFound. Anything else is a
 * permanent refusal of that one change → Rejected, with WooCommerce's code and message.
 */
import { NotFound, Rejected, type PluginError } from '@stock-sync/plugin-sdk';
import type { WooErrorBody } from './woo-types';

export function itemError(variationId: number, error: WooErrorBody): PluginError {
  const code = typeof error.code === 'string' ? error.code : 'unknown';
  const message = typeof error.message === 'string' ? error.message : '';
  const details = { code, status: error.data?.status, variationId };
  if (code.endsWith('_invalid_id')) {
    return new NotFound(`WooCommerce variation ${variationId} does not exist (${code})`, details);
  }
  return new Rejected(`WooCommerce refused the change to variation ${variationId} (${code}: ${message})`, details);
}
