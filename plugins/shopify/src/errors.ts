/**
 * Shopify's answers → the error taxonomy (README "Errors", "Rate limits", with their sources). GraphQL reports
 * throttling and most failures inside HTTP 200 (hence the `classify` hook), mutations theirs as `userErrors`.
 */
import { AuthError, NotFound, RateLimited, Rejected, Transient } from '@stock-sync/plugin-api';
import type { HttpResponse, PluginError, ResponseClassifier } from '@stock-sync/plugin-api';
import { STANDARD_BUCKET } from './manifest';

/** What this plugin reads of every Admin GraphQL answer (https://shopify.dev/docs/api/admin-graphql#rate-limits). */
type ThrottleStatus = { currentlyAvailable: number; restoreRate: number };
type GraphqlError = { message: string; extensions?: { code?: string } };
export interface GraphqlResponse<T = unknown> {
  data?: T | null;
  errors?: GraphqlError[] | string | Record<string, unknown>;
  extensions?: { cost?: { requestedQueryCost: number; throttleStatus: ThrottleStatus } };
}

/** Never retry a throttled call sooner than this, even when the arithmetic says "now". */
export const MIN_THROTTLE_WAIT_MS = 1000;

/** How long until the bucket holds `needed` points again. */
function waitForPointsMs(status: ThrottleStatus | undefined, needed: number): number {
  const restoreRate = status?.restoreRate && status.restoreRate > 0 ? status.restoreRate : STANDARD_BUCKET.restoreRate;
  const missing = Math.max(0, needed - (status?.currentlyAvailable ?? 0));
  return Math.ceil((missing / restoreRate) * 1000);
}

/**
 * Top-level GraphQL errors → one taxonomy error (our messages, never the platform's text); undefined without any.
 * `errors` as a string or an object (REST-style 4xx bodies) is not a list of them.
 */
export function graphqlError(body: GraphqlResponse): PluginError | undefined {
  const errors: GraphqlError[] = Array.isArray(body.errors) ? body.errors : [];
  if (errors.length === 0) return undefined;
  const found = errors.map((e) => e.extensions?.code ?? '').filter(Boolean);
  const details = { codes: found, messages: errors.map((e) => e.message).slice(0, 5) };
  if (found.includes('THROTTLED')) {
    const cost = body.extensions?.cost;
    const wait = Math.max(MIN_THROTTLE_WAIT_MS, waitForPointsMs(cost?.throttleStatus, cost?.requestedQueryCost ?? 0));
    return new RateLimited(`Shopify throttled the call (cost bucket empty); retry after ${wait} ms`, wait, {
      ...details,
      requestedQueryCost: cost?.requestedQueryCost,
      throttleStatus: cost?.throttleStatus,
    });
  }
  if (found.includes('ACCESS_DENIED')) return new AuthError('Shopify denied access: the app lacks a scope this call needs', details);
  if (found.some((c) => c === 'INTERNAL_SERVER_ERROR' || c === 'SERVICE_UNAVAILABLE' || c === 'TIMEOUT')) {
    return new Transient('Shopify reported an internal error', details);
  }
  if (found.includes('MAX_COST_EXCEEDED'))
    return new Rejected('Shopify refused the query: its cost exceeds the single-query limit', details);
  // Validation and execution errors: the document or its variables are wrong; retrying cannot help.
  return new Rejected('Shopify rejected the GraphQL request', details);
}

/** HTTP-level answers Shopify documents beyond the SDK's generic mapping: each needs the merchant, like bad credentials. */
const STATUS_ERRORS: Readonly<Record<number, string>> = {
  402: 'Shopify refused the call (402): the shop is frozen (payment required)',
  423: 'Shopify refused the call (423): the shop is locked',
  // 404 on the GraphQL endpoint means the shop domain does not exist, not that a variant is gone.
  404: 'Shopify answered 404: no shop at this domain (check the shop credential)',
};

export const classifyShopifyResponse: ResponseClassifier = (res: HttpResponse) => {
  const statusError = STATUS_ERRORS[res.status];
  if (statusError) return { error: new AuthError(statusError, { status: res.status }) };
  // A throttled GraphQL answer may come as 200 or as 429 (the docs do not say which): read its body either way.
  if ((res.status !== 200 && res.status !== 429) || typeof res.data !== 'object' || res.data === null) return undefined;
  const body = res.data as GraphqlResponse;
  const error = graphqlError(body);
  const status = body.extensions?.cost?.throttleStatus;
  // Below one second of restore, pause until that much is back: leaves room for the next call.
  const pauseMs = status && status.restoreRate > 0 ? waitForPointsMs(status, status.restoreRate) || undefined : undefined;
  // A throttled answer's own wait is carried by the RateLimited error; the SDK pauses for it.
  if (error) return error instanceof RateLimited ? { error } : { error, pauseMs };
  return pauseMs !== undefined ? { pauseMs } : undefined;
};

export interface UserError {
  code?: string | null;
  field?: string[] | null;
  message: string;
}

/** The list index a userError points at, after `listField` in its path; undefined when it names no item. */
export function userErrorIndex(e: UserError, listField: string): number | undefined {
  const path = e.field ?? [];
  const at = path.indexOf(listField);
  if (at < 0 || at + 1 >= path.length) return undefined;
  const n = Number(path[at + 1]);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

const NOT_FOUND_CODES = new Set(['INVALID_INVENTORY_ITEM', 'PRODUCT_VARIANT_DOES_NOT_EXIST', 'PRODUCT_DOES_NOT_EXIST']);

export const isStale = (e: UserError): boolean => e.code === 'CHANGE_FROM_QUANTITY_STALE' || e.code === 'COMPARE_QUANTITY_STALE';

/** Message from the code and Shopify's text (userError messages describe input, never credentials). */
export function errorForUserError(e: UserError, what: string): PluginError {
  const code = e.code ?? 'UNKNOWN';
  const message = `Shopify refused ${what}: ${e.message} (${code})`;
  const details = { code, field: e.field ?? undefined };
  if (NOT_FOUND_CODES.has(code)) return new NotFound(message, details);
  // Someone else holds or changed the same thing at the same moment: a later try can succeed.
  if (code === 'IDEMPOTENCY_CONCURRENT_REQUEST' || isStale(e)) return new Transient(message, details);
  return new Rejected(message, details);
}
