/** Magento / Adobe Commerce platform facts as data. Every number here has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

/** Stock is global in Magento; `default` is the spec's basePath (/rest/default). */
export const DEFAULT_STORE_CODE = 'default';

/** The single-source (and MSI default) source. */
export const DEFAULT_SOURCE_CODE = 'default';

/** searchCriteria pageSize for the source-item read (Magento caps list pages at 300 with input limits on). */
export const SOURCE_ITEMS_PAGE = 100;

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);

/** Source items per POST /V1/inventory/source-items: no fixed maximum by default; one chunk of the hub's. */
export const MAX_SOURCE_ITEMS = manifest.capabilities.maxBatch;
