/**
 * TikTok Shop answers: every body is `{ code, message, request_id, data }`; code 0 is success.
 * The codes are integrators' reports or this simulator's choice: none is in a public TikTok document this
 * project could read, so all are unverified (README.md "Fact table"); the plugin depends on none for NotFound.
 */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { randomBytes } from 'node:crypto';

export const CODES = {
  /** (unverified: reported by integrators with HTTP 401) "Invalid credentials. The 'sign' query parameter is invalid." */
  INVALID_SIGN: 106001,
  /** (unverified; 105002 "expired credentials" is cited) an access token TikTok does not accept. */
  INVALID_ACCESS_TOKEN: 105001,
  /** (unverified: reported by integrators) "Too many requests". */
  TOO_MANY_REQUESTS: 36009002,
  /** (unverified: generic parameter error) a request the API cannot take as it is. */
  INVALID_PARAMS: 36009004,
  /** (unverified) the product does not exist in this shop. */
  PRODUCT_NOT_FOUND: 12052700,
  /** (unverified) stock of a product that is not live cannot be changed. */
  PRODUCT_NOT_LIVE: 12052230,
  /** (unverified; the plugin's item-errors.ts uses the same number) SKU not part of the product. */
  SKU_NOT_FOUND: 12052217,
  /** (unverified) the warehouse is not one of the shop's, or must be named. */
  WAREHOUSE_INVALID: 12052251,
} as const;

/** TikTok's request_id: a UTC time stamp and a hex tail, unique per answer. */
export function requestId(): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
  return `${stamp}${randomBytes(10).toString('hex').toUpperCase()}`;
}

export function answer(status: number, code: number, message: string, data: unknown = null): SimResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: { code, message, request_id: requestId(), data } };
}

export function ok(data: unknown): SimResponse {
  return answer(200, 0, 'Success', data);
}
