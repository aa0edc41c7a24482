/**
 * Big Cartel platform facts as data (API v1, JSON:API). The lowest-confidence platform: what is
 * documented and what is our choice is spelled out in README.md.
 */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

export const DEFAULT_BASE_URL = 'https://api.bigcartel.com';

/** JSON:API media type, required in Accept and Content-Type (400/406 without the headers). */
export const JSON_API = 'application/vnd.api+json';

/**
 * Emulated unlimited: the API documents only an integer `quantity` per option ("the quantity in stock")
 * and no untracked form, so unlimited is written as 999 and read back as unlimited from 900 up.
 */
export const EMULATED_UNLIMITED_QUANTITY = 999;
export const UNLIMITED_READ_THRESHOLD = 900;

export const USER_AGENT = 'StockSyncHub (https://github.com/stock-sync-hub)';

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);
