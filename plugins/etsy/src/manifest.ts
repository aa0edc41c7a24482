/** Etsy platform facts as data. Every number here has its source in README.md. */
import { defineManifest, BASE_URL_FIELD, tokenExpiryFields } from '@stock-sync/plugin-sdk';
import type { CredentialField } from '@stock-sync/plugin-api';

/** Both api.etsy.com and openapi.etsy.com serve v3; the spec's `servers` entry names openapi.etsy.com. */
export const DEFAULT_BASE_URL = 'https://openapi.etsy.com';

/**
 * Etsy's OAuth token endpoint (https://developers.etsy.com/documentation/essentials/authentication: "a token
 * request (https://api.etsy.com/v3/public/oauth/token)"). A store's baseUrl override replaces the host.
 */
export const OAUTH_TOKEN_PATH = '/v3/public/oauth/token';
export const OAUTH_TOKEN_URL = `https://api.etsy.com${OAUTH_TOKEN_PATH}`;

/** Step 1 of the authorization code grant: "direct the user to https://www.etsy.com/oauth/connect" (same page). */
export const OAUTH_AUTHORIZE_URL = 'https://www.etsy.com/oauth/connect';

/** The scopes the stock calls need (the Open API reference lists them per endpoint). */
export const OAUTH_SCOPES: readonly string[] = ['listings_r', 'listings_w'];

/** "this access token, which has a functional life of 1 hour" / the refresh token "(90 days)" (same page). */
export const ACCESS_TOKEN_SECONDS = 3_600;
export const REFRESH_TOKEN_SECONDS = 90 * 24 * 3_600;

/** Every Open API v3 call of this plugin lives under this prefix. */
export const API_PREFIX = '/v3/application';

/** The highest quantity one offering may carry (etsy/open-api issue #214); Etsy answers 400 above it. */
export const MAX_OFFERING_QUANTITY = 999;

/** getListingsInventoryByListingIds takes at most 100 listing ids per call. */
export const MAX_LISTINGS_PER_BATCH_READ = 100;

export const manifest = defineManifest({
  id: 'etsy',
  displayName: 'Etsy',
  capabilities: {
    // Etsy has no untracked inventory: the plugin emulates "unlimited" with a high quantity.
    unlimitedStock: 'emulated',
    // One PUT carries a whole listing, however many products; 100 changes = one batch read's worth (README).
    maxBatch: 100,
  },
  rateLimit: {
    // Under Etsy's default 10 QPS: headroom for the skew between our token bucket and Etsy's per-second window.
    requestsPerSecond: 8,
    burst: 8,
    note:
      'Etsy: 10 requests/s and 10,000/day per app key / OAuth token by default (raised on request); 429 when over ' +
      '(https://developers.etsy.com/documentation/essentials/rate-limits). The hub keeps to 8 req/s.',
    // Every answer carries x-remaining-this-second; at 0 the store waits for the next second (same page).
    signals: [{ remaining: 'x-remaining-this-second', pause: { ms: 1_000 }, onErrors: true }],
  },
  docsUrl: 'https://developers.etsy.com/documentation/reference#operation/updateListingInventory',
});

/** The store setting that allows renewing sold_out listings (see README, "Whole listing out of stock"). */
export const RENEW_SOLD_OUT_FIELD = 'renewSoldOutListings';

export const credentialFields: readonly CredentialField[] = [
  {
    name: 'apiKey',
    secret: true,
    required: true,
    description: "The Etsy app's API keystring (Your Apps); sent with sharedSecret as 'keystring:shared_secret' in x-api-key.",
  },
  {
    name: 'sharedSecret',
    secret: true,
    required: true,
    description: "The app's shared secret. Since 9 February 2026 Etsy refuses requests whose x-api-key is not 'keystring:shared_secret'.",
  },
  {
    name: 'accessToken',
    secret: true,
    required: true,
    description: "OAuth 2.0 access token with listings_r and listings_w scopes, as Etsy issues it ('<user_id>.<token>').",
  },
  {
    name: 'refreshToken',
    secret: true,
    required: false,
    description:
      'The OAuth refresh token issued with the access token (valid 90 days, single-use: Etsy rotates it on every refresh). ' +
      'With it the hub renews the one-hour access token by itself; without it the store needs reconnecting every hour.',
  },
  ...tokenExpiryFields({ access: 'an hour after it was issued', refresh: '90 days after it was issued' }),
  {
    name: 'shopId',
    secret: false,
    required: true,
    description: "The numeric Etsy shop id (the token's owner must own this shop).",
  },
  {
    name: RENEW_SOLD_OUT_FIELD,
    secret: false,
    required: false,
    description:
      "'true' lets the hub reactivate a listing Etsy marked sold_out when stock comes back. Etsy renews such a listing, " +
      'which charges the merchant a listing fee each time. Anything else (the default): the listing stays sold out and ' +
      'the hub reports its variants Rejected.',
  },
  BASE_URL_FIELD,
];
