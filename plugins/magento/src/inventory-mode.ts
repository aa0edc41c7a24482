/**
 * Which inventory API a store has. Magento 2.3+ ships Multi-Source Inventory (MSI, the `/V1/inventory/*`
 * routes), but merchants may disable its modules; then only the legacy CatalogInventory stock items exist
 * (`GET /V1/stockItems/{sku}`, `PUT /V1/products/{sku}/stockItems/{itemId}`) and every `/V1/inventory/*`
 * call answers 404 "Request does not match any route." (Magento\Webapi\Controller\Rest\Router). An MSI store
 * without the configured source answers 404 "Source with code "%value" does not exist." instead.
 */
import { AuthError, NotFound, type PluginError } from '@stock-sync/plugin-sdk';
import { magentoErrorBody } from './magento-api';

export type InventoryMode = 'msi' | 'legacy';

/** Magento's router message for a path no installed module serves. */
export const NO_ROUTE_MESSAGE = 'Request does not match any route.';

/**
 * What the answer to `GET /V1/inventory/sources/{sourceCode}` says about the store: a 404 naming no route
 * means MSI is absent; any other 404 means the source is unknown (a setting the merchant must fix).
 * Other errors are not about the mode: they are returned as they are for the caller to throw.
 */
export function modeFromSourceError(error: PluginError, sourceCode: string): 'legacy' | PluginError {
  if (!(error instanceof NotFound)) return error;
  if (isNoRoute(error)) return 'legacy';
  return new AuthError(`Magento has no inventory source "${sourceCode}": check sourceCode`, { sourceCode });
}

/** A 404 whose body is Magento's router refusal: the module serving that path is not installed. */
export function isNoRoute(error: PluginError): boolean {
  return error instanceof NotFound && magentoErrorBody(error.details?.body)?.message === NO_ROUTE_MESSAGE;
}

/** Legacy stores have one stock: the default source's. Another sourceCode cannot be honoured there. */
export function legacyModeProblem(sourceCode: string, defaultSource: string): AuthError | undefined {
  if (sourceCode === defaultSource) return undefined;
  return new AuthError(
    `Magento's Multi-Source Inventory is disabled on this store (no /V1/inventory routes), so only the default stock exists: ` +
      `clear sourceCode (now "${sourceCode}") or enable MSI`,
    { sourceCode },
  );
}
