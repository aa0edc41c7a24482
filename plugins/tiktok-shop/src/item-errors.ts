/**
 * TikTok's per-SKU errors inside an Update Inventory answer (data.errors[]) → the SDK taxonomy.
 * The codes TikTok uses per SKU are not in the sources we hold (unverified); the plugin therefore reads
 * the message too: an SKU that "does not exist / not found" is gone → NotFound, anything else is a
 * refusal of that one change → Rejected with TikTok's code and message.
 */
import { NotFound, Rejected, type PluginError } from '@stock-sync/plugin-sdk';
import type { InventoryUpdateError } from './tiktok-types';

/** The simulator's code for an SKU that is not (or no longer) part of the product (unverified). */
export const CODE_SKU_NOT_FOUND = 12052217;

export function skuError(productId: string, skuId: string, e: InventoryUpdateError): PluginError {
  const extra = (e.detail?.extra_errors ?? []).map((x) => `${x.code ?? ''} ${x.message ?? ''}`.trim()).filter(Boolean);
  const message = [String(e.message ?? ''), ...extra].filter(Boolean).join('; ').slice(0, 300);
  const details = { productId, skuId, code: e.code };
  if (e.code === CODE_SKU_NOT_FOUND || /not\s+(exist|found)|does\s?n[o']t\s+exist/i.test(message)) {
    return new NotFound(`TikTok Shop product ${productId} has no SKU ${skuId} (${e.code}: ${message})`, details);
  }
  return new Rejected(`TikTok Shop refused the stock of SKU ${skuId} (${e.code}: ${message})`, details);
}
