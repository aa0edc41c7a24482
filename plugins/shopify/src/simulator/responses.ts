/**
 * Shopify's answers outside a normal result, shaped as Shopify sends them.
 * Sources: https://shopify.dev/docs/api/admin-graphql#status-and-error-codes,
 *          https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
 */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';
import { MAX_QUERY_COST } from '../manifest';

export interface ThrottleStatusBody {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

const RATE_LIMITS_DOC = 'https://shopify.dev/api/usage/rate-limits';

/** Bad or revoked token: 401 with a REST-style string `errors`. */
export function unauthorized(): SimResponse {
  return { status: 401, body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } };
}

/** No `query` in the body. */
export function missingQuery(): SimResponse {
  return { status: 400, body: { errors: { query: 'Required parameter missing or invalid' } } };
}

/** GraphQL-level failures (syntax, validation, variables): HTTP 200 with `errors`. */
export function graphqlErrors(errors: unknown[], cost?: unknown): SimResponse {
  return { status: 200, body: cost ? { errors, extensions: { cost } } : { errors } };
}

export function throttled(requestedQueryCost: number, throttleStatus: ThrottleStatusBody): SimResponse {
  return graphqlErrors([{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: RATE_LIMITS_DOC } }], {
    requestedQueryCost,
    actualQueryCost: null,
    throttleStatus,
  });
}

export function maxCostExceeded(cost: number): SimResponse {
  return graphqlErrors([
    {
      message:
        `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\n` +
        'See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n' +
        'cost of a query is calculated.\n\n' +
        'To query larger amounts of data with fewer limits, bulk operations should be used instead.\n' +
        'See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n',
      extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost: MAX_QUERY_COST, documentation: RATE_LIMITS_DOC },
    },
  ]);
}

export function inputTooLarge(size: number, max: number): SimResponse {
  return graphqlErrors([
    {
      message: `The input array size of ${size} is greater than the maximum allowed of ${max}.`,
      extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' },
    },
  ]);
}
