/** TikTok Shop platform facts as data (Open API version 202309). Every number has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

export const DEFAULT_BASE_URL = 'https://open-api.tiktokglobalshop.com';

/** The API version every path of this plugin carries. */
export const API_VERSION = '202309';

/** Inventory Search: "SKU ID list, with a length of up to 600". */
export const MAX_SKUS_PER_SEARCH = 600;

/** Update Inventory: quantity "non-negative … and less than 99999". */
export const MAX_QUANTITY = 99_998;

/** The signed timestamp may be at most this old (integrators report "rejected if more than 5 minutes old"; unverified). */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);

/** Update Inventory carries ONE product's SKUs, no cap documented; a product holds at most 100 SKUs (unverified). */
export const MAX_SKUS_PER_UPDATE = manifest.capabilities.maxBatch;
