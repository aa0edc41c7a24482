/** Ecwid platform facts as data. Every number here has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

export const DEFAULT_BASE_URL = 'https://app.ecwid.com';

/** A batch costs two requests (create + status) and a ticket wait, a direct call one: batches from three calls on. */
export const MIN_SUBREQUESTS_FOR_BATCH = 3;

/** How long the plugin follows a batch ticket before it gives up and reports the rest Transient. */
export const BATCH_DEADLINE_MS = 60_000;

/** Waits between ticket status reads: quick first (small batches finish at once), then backing off. */
export const BATCH_POLL_DELAYS_MS: readonly number[] = [200, 500, 1_000, 2_000, 3_000, 5_000];

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);

/** "Max amount of API requests for one batch request is 500." (batch requests docs) */
export const ECWID_MAX_BATCH = manifest.capabilities.maxBatch;
