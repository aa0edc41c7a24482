/** BASE (thebase.in) platform facts as data (BASE API v1). Every number has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

export const DEFAULT_BASE_URL = 'https://api.thebase.in';
export const API_PREFIX = '/1';

/** The highest stock the plugin writes (BASE documents no maximum: unverified, see README). */
export const MAX_STOCK = 99_999;

/** Documented budget: 5,000 calls per hour (and 100,000 per day), per user. */
export const HOURLY_CALLS = 5_000;

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);

/** /1/items/edit carries ONE item's variations, no cap documented: 100 per call keeps a form body small. */
export const MAX_VARIATIONS_PER_EDIT = manifest.capabilities.maxBatch;

/** BASE's OAuth 2.0 token endpoint (base_api_v1_oauth_access_token.md). */
export const OAUTH_TOKEN_PATH = '/1/oauth/token';

/** "アクセストークンの有効期限は1時間程度です" / "リフレッシュトークンの有効期限は30日程度です". */
export const ACCESS_TOKEN_SECONDS = 3_600;
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3_600;
