/**
 * Which catalog a site runs. "The version is permanent per site, and V1/V3 aren't compatible."
 * GET /stores/v3/provision/version answers V1_CATALOG | V3_CATALOG | STORES_NOT_INSTALLED.
 */
import { Rejected, type HttpClient } from '@stock-sync/plugin-sdk';
import type { CatalogVersion } from './manifest';
import type { WixCatalogVersionAnswer } from './wix-types';

/** The credential's value, normalised ('v3', 'V3_CATALOG' … → 'V3'); undefined when absent. */
export function configuredVersion(raw: string | undefined): CatalogVersion | undefined {
  const v = (raw ?? '').trim().toUpperCase();
  if (v === '') return undefined;
  if (v === 'V1' || v === 'V1_CATALOG') return 'V1';
  if (v === 'V3' || v === 'V3_CATALOG') return 'V3';
  throw new Rejected(`catalogVersion must be V1 or V3, got '${raw}'`);
}

export async function probeCatalogVersion(api: HttpClient): Promise<CatalogVersion> {
  const res = await api.request<{ catalogVersion?: WixCatalogVersionAnswer }>({ method: 'GET', url: '/stores/v3/provision/version' });
  const answer = res.data?.catalogVersion;
  if (answer === 'V1_CATALOG') return 'V1';
  if (answer === 'V3_CATALOG') return 'V3';
  if (answer === 'STORES_NOT_INSTALLED') throw new Rejected('Wix Stores is not installed on this site', { catalogVersion: answer });
  throw new Rejected(`Wix answered an unknown catalog version (${String(answer)})`, { catalogVersion: answer });
}
