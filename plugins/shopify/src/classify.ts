/**
 * Reads Shopify's answers for the SDK client (the `classify` hook): GraphQL reports throttling and
 * most failures inside HTTP 200, which a status-code mapping alone cannot see.
 *
 * - errors[].extensions.code THROTTLED → RateLimited, waiting for the bucket to hold the requested
 *   cost: (requestedQueryCost − currentlyAvailable) / restoreRate seconds.
 * - a response whose throttleStatus shows the bucket nearly empty → pause before the next call.
 * - other top-level GraphQL errors → the taxonomy (see errorForGraphqlErrors).
 * Sources: https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits,
 *          https://shopify.dev/docs/api/admin-graphql#status-and-error-codes
 */
import { AuthError, RateLimited, Rejected, Transient } from '@stock-sync/plugin-sdk';
import type { HttpResponse, PluginError, ResponseClassifier } from '@stock-sync/plugin-sdk';
import { errorList, type GraphqlError, type GraphqlResponse, type ThrottleStatus } from './graphql-response';
import { STANDARD_BUCKET } from './manifest';

/** Never retry a throttled call sooner than this, even when the arithmetic says "now". */
export const MIN_THROTTLE_WAIT_MS = 1000;

/** How long until the bucket holds `needed` points again. */
export function waitForPointsMs(status: ThrottleStatus | undefined, needed: number): number {
  const restoreRate = status?.restoreRate && status.restoreRate > 0 ? status.restoreRate : STANDARD_BUCKET.restoreRate;
  const available = status?.currentlyAvailable ?? 0;
  const missing = Math.max(0, needed - available);
  return Math.ceil((missing / restoreRate) * 1000);
}

/** Below one second of restore, pause until that much is back: leaves room for the next call. */
export function lowBucketPauseMs(status: ThrottleStatus | undefined): number | undefined {
  if (!status || !(status.restoreRate > 0)) return undefined;
  const wait = waitForPointsMs(status, status.restoreRate);
  return wait > 0 ? wait : undefined;
}

function codes(errors: GraphqlError[]): string[] {
  return errors.map((e) => e.extensions?.code ?? '').filter(Boolean);
}

/** Top-level GraphQL errors → one taxonomy error (messages are ours, never the platform's text). */
export function errorForGraphqlErrors(errors: GraphqlError[], body: GraphqlResponse): PluginError {
  const found = codes(errors);
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
  if (found.includes('ACCESS_DENIED')) {
    return new AuthError('Shopify denied access: the app lacks a scope this call needs', details);
  }
  if (found.some((c) => c === 'INTERNAL_SERVER_ERROR' || c === 'SERVICE_UNAVAILABLE' || c === 'TIMEOUT')) {
    return new Transient('Shopify reported an internal error', details);
  }
  if (found.includes('MAX_COST_EXCEEDED')) {
    return new Rejected('Shopify refused the query: its cost exceeds the single-query limit', details);
  }
  // Validation and execution errors: the document or its variables are wrong; retrying cannot help.
  return new Rejected('Shopify rejected the GraphQL request', details);
}

/** HTTP-level answers Shopify documents beyond the SDK's generic mapping. */
function errorForStatus(status: number): PluginError | undefined {
  // 402: shop frozen for unpaid bills; 423: shop locked. Both need the merchant, like bad credentials.
  if (status === 402) return new AuthError('Shopify refused the call (402): the shop is frozen (payment required)', { status });
  if (status === 423) return new AuthError('Shopify refused the call (423): the shop is locked', { status });
  // 404 on the GraphQL endpoint means the shop domain does not exist, not that a variant is gone.
  if (status === 404) return new AuthError('Shopify answered 404: no shop at this domain (check the shop credential)', { status });
  return undefined;
}

export const classifyShopifyResponse: ResponseClassifier = (res: HttpResponse) => {
  const statusError = errorForStatus(res.status);
  if (statusError) return { error: statusError };
  // A throttled GraphQL answer may come as 200 or as 429 (the docs do not say which): read its body either way.
  if ((res.status !== 200 && res.status !== 429) || typeof res.data !== 'object' || res.data === null) return undefined;
  const body = res.data as GraphqlResponse;
  const errors = errorList(body);
  const pauseMs = lowBucketPauseMs(body.extensions?.cost?.throttleStatus);
  if (errors.length > 0) {
    const error = errorForGraphqlErrors(errors, body);
    // A throttled answer's own wait is carried by the RateLimited error; the SDK pauses for it.
    return error instanceof RateLimited ? { error } : { error, pauseMs };
  }
  return pauseMs !== undefined ? { pauseMs } : undefined;
};
