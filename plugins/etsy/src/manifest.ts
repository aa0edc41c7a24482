/** Etsy platform facts as data. Every number here has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

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

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);

/** The store setting that allows renewing sold_out listings (see README, "Whole listing out of stock"). */
export const RENEW_SOLD_OUT_FIELD = 'renewSoldOutListings';
