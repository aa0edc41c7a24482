/** BigCommerce error answers: application/problem+json `{ status, title, type, errors }`. */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';
import type { BcErrorBody } from '../bc-types';

export const STATUS_CODES_URL = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

export function problemBody(status: number, title: string, errors: Record<string, unknown> = {}): BcErrorBody {
  return { status, title, type: STATUS_CODES_URL, errors };
}

export function problem(
  status: number,
  title: string,
  errors: Record<string, unknown> = {},
  headers?: Record<string, string>,
): SimResponse {
  return { status, headers: { 'content-type': 'application/problem+json', ...(headers ?? {}) }, body: problemBody(status, title, errors) };
}

/** Schema errors from the spec validator, keyed by JSON pointer as BigCommerce keys field errors. */
export function invalidInput(errors: string[]): SimResponse {
  const byField: Record<string, string> = {};
  for (const e of errors) {
    const space = e.indexOf(' ');
    const field = space > 0 ? e.slice(0, space).replace(/^\//, '').replace(/\//g, '.') || 'body' : 'body';
    byField[field] = space > 0 ? e.slice(space + 1) : e;
  }
  return problem(422, 'JSON data is missing or invalid', byField);
}

export function tooLarge(max: number): SimResponse {
  return {
    status: 413,
    body: {
      errors: {},
      status: 413,
      title: `The request payload is too large. The maximum items allowed in the array is ${max}`,
      type: '/api-docs/getting-started/api-status-codes',
    },
  };
}
