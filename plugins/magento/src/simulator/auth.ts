/**
 * Magento's auth check as the sandbox applies it: an integration access token used as a Bearer token
 * (2.4.4+ with "use as standalone Bearer tokens" on). Without a valid one the request runs as a guest and
 * the route's ACL answers 401 "The consumer isn't authorized to access %resources.".
 */
import type { SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { notAuthorized } from './errors';

/** The ACL resource each modelled route needs (webapi.xml of CatalogInventory and InventoryApi). */
function resourceFor(path: string): string {
  if (/\/V1\/inventory\/source-items/.test(path)) return 'Magento_InventoryApi::source';
  if (/\/V1\/inventory\/sources/.test(path)) return 'Magento_InventoryApi::source';
  return 'Magento_CatalogInventory::cataloginventory';
}

export function authenticateMagento(req: SimRequest, creds: Record<string, string>, revoked: boolean): SimResponse | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m || revoked || m[1] !== creds.accessToken) return notAuthorized(resourceFor(req.path));
  return undefined;
}
