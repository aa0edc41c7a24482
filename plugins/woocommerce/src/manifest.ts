/** WooCommerce platform facts as data. Every number here has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

/** REST namespace of every call, appended to the site URL (pretty permalinks required). */
export const API_PREFIX = '/wp-json/wc/v3';

/** WordPress's `per_page` cap on list calls. */
export const MAX_PER_PAGE = 100;

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);

/** Core's default `woocommerce_rest_batch_items_limit` (a site may lower it: README "Batching"). */
export const MAX_BATCH_ITEMS = manifest.capabilities.maxBatch;
