/**
 * Which site an OAuth install connects. Webflow's consent screen lets the merchant authorize "specific
 * Webflow Sites or a Workspace", and the token answer names no site, so the plugin asks List Sites
 * (`GET /v2/sites`, scope sites:read: "all sites the provided access token is able to access") and picks:
 * the site the merchant named when starting the connect, else the only one. Pure, so it is tested alone.
 */
import { AuthError } from '@stock-sync/plugin-sdk';

export interface ListedSite {
  id?: unknown;
}

export function chooseSite(sites: readonly ListedSite[], requested: string | undefined): string {
  const ids = sites.map((s) => s?.id).filter((id): id is string => typeof id === 'string' && id.length > 0);
  const wanted = requested?.trim();
  if (wanted) {
    if (ids.includes(wanted)) return wanted;
    throw new AuthError(
      `Webflow: the authorization does not cover site ${wanted} (${ids.length} site(s) authorized); approve that site on the consent screen`,
    );
  }
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0)
    throw new AuthError(
      'Webflow: the authorization covers no site (List Sites is empty); approve the site that sells on the consent screen',
    );
  throw new AuthError(`Webflow: the authorization covers ${ids.length} sites; start the connect again with the siteId to sync`);
}
