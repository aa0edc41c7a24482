/** Nuvemshop / Tiendanube platform facts as data. Every number here has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

/** api.nuvemshop.com.br serves the same API for Brazilian stores; the legacy docs call the dated version `v1`. */
export const DEFAULT_API_HOST = 'https://api.tiendanube.com';
export const API_VERSION = '2025-03';

/** The lists' `per_page` cap (README.md "Batching"). */
export const MAX_PER_PAGE = 200;

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);

/** Our choice: no per-call cap is documented; 200 is the lists' `per_page` cap (README.md "Batching"). */
export const MAX_BATCH = manifest.capabilities.maxBatch;
