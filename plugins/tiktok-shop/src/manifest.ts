/** TikTok Shop platform facts as data (Open API version 202309). Every number has its source in README.md. */
import { defineManifest, tokenExpiryFields } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

export const DEFAULT_BASE_URL = 'https://open-api.tiktokglobalshop.com';

/** The API version every path of this plugin carries. */
export const API_VERSION = '202309';

/** Update Inventory carries ONE product's SKUs, no cap documented; a product holds at most 100 SKUs (unverified). */
export const MAX_SKUS_PER_UPDATE = 100;

/** Inventory Search: "SKU ID list, with a length of up to 600". */
export const MAX_SKUS_PER_SEARCH = 600;

/** Update Inventory: quantity "non-negative … and less than 99999". */
export const MAX_QUANTITY = 99_998;

/** The signed timestamp may be at most this old (integrators report "rejected if more than 5 minutes old"; unverified). */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

export const manifest = defineManifest({
  id: 'tiktok-shop',
  displayName: 'TikTok Shop',
  capabilities: {
    // TikTok stock is always a finite count: "unlimited" is emulated with a high quantity.
    unlimitedStock: 'emulated',
    maxBatch: MAX_SKUS_PER_UPDATE,
  },
  rateLimit: {
    // Per-API QPS limits are not published (unverified): 5 req/s, burst 10 keeps inside what integrators report.
    requestsPerSecond: 5,
    burst: 10,
    note:
      'TikTok Shop throttles per API and app with HTTP 429 + code 36009002 ("Too many requests"); the QPS is not ' +
      "published (integrators' reports, unverified; see the plugin README). The hub keeps to 5 req/s, burst 10.",
  },
  docsUrl: 'https://partner.tiktokshop.com/docv2/page/6503081a56e2bb0289dd6d7d',
});

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'appKey',
    secret: false,
    required: true,
    description: 'The app key of your TikTok Shop Partner Center app (sent as app_key on every call).',
  },
  {
    name: 'appSecret',
    secret: true,
    required: true,
    description: 'The app secret belonging to the app key; signs every request (HMAC-SHA256) and is never sent.',
  },
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description: 'The seller access token from the shop authorisation (x-tts-access-token); needs the product scopes.',
  },
  {
    name: 'shopCipher',
    secret: false,
    required: true,
    description: 'The shop cipher of the authorised shop, from GET /authorization/202309/shops (field "cipher").',
  },
  {
    name: 'refreshToken',
    secret: true,
    required: false,
    description:
      'The refresh token issued with the access token (from the auth host); with it the hub renews the seven-day access token by itself.',
  },
  ...tokenExpiryFields({ access: "TikTok's access_token_expire_in", refresh: "TikTok's refresh_token_expire_in" }),
  {
    name: 'shopId',
    secret: false,
    required: false,
    description:
      'The shop\'s id (GET /authorization/202309/shops, field "id"); names the shop in TikTok\'s deauthorization webhook. Set by the connect flow.',
  },
  {
    name: 'warehouseId',
    secret: false,
    required: false,
    description:
      'The warehouse whose stock the hub sets. Leave empty when each SKU uses one default warehouse; required when SKUs have several.',
  },
];
