/** BASE (thebase.in) platform facts as data (BASE API v1). Every number has its source in README.md. */
import { defineManifest, tokenExpiryFields } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

export const DEFAULT_BASE_URL = 'https://api.thebase.in';
export const API_PREFIX = '/1';

/** /1/items/edit carries ONE item's variations, no cap documented: 100 per call keeps a form body small. */
export const MAX_VARIATIONS_PER_EDIT = 100;

/** The highest stock the plugin writes (BASE documents no maximum: unverified, see README). */
export const MAX_STOCK = 99_999;

/** Documented budget: 5,000 calls per hour (and 100,000 per day), per user. */
export const HOURLY_CALLS = 5_000;

export const manifest = defineManifest({
  id: 'base',
  displayName: 'BASE (thebase.in)',
  capabilities: {
    // BASE stock is always an integer: "unlimited" is emulated with a high count.
    unlimitedStock: 'emulated',
    maxBatch: MAX_VARIATIONS_PER_EDIT,
  },
  rateLimit: {
    // 100,000/day binds sustained work: 1.15/s × 86,400 s = 99,360. Bursts of 10 stay far inside 5,000/hour.
    requestsPerSecond: 1.15,
    burst: 10,
    note:
      'BASE API v1: 5,000 calls/hour and 100,000/day per user; over it every call answers 400 hour_api_limit / ' +
      'day_api_limit until the hour / day changes (https://github.com/baseinc/api-docs README "APIの利用制限"). The hub keeps to 1.15 req/s, burst 10.',
  },
  docsUrl: 'https://github.com/baseinc/api-docs/blob/master/base_api_v1_items_edit.md',
});

/** BASE's OAuth 2.0 token endpoint (base_api_v1_oauth_access_token.md). */
export const OAUTH_TOKEN_PATH = '/1/oauth/token';

/** "アクセストークンの有効期限は1時間程度です" / "リフレッシュトークンの有効期限は30日程度です". */
export const ACCESS_TOKEN_SECONDS = 3_600;
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3_600;

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description: 'OAuth 2.0 access token (Authorization: Bearer) with the read_items and write_items scopes, from BASE Developers.',
  },
  {
    name: 'refreshToken',
    secret: true,
    required: false,
    description:
      'The OAuth refresh token issued with the access token (valid about 30 days; BASE answers a new one on every refresh). ' +
      'With it (and the app configured in the hub) the hub renews the one-hour access token by itself.',
  },
  ...tokenExpiryFields({ access: 'about an hour after it was issued', refresh: 'about 30 days after it was issued' }),
  {
    name: 'redirectUri',
    secret: false,
    required: false,
    description:
      "The callback URL registered with the BASE app; BASE's refresh grant requires it (redirect_uri 必須). Set by the connect flow.",
  },
];
