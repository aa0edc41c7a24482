/**
 * The platform's error answers: `{ code, message, description }` plus, for validation errors, one
 * array of messages per field (product_variant.md examples; README "Client errors").
 */
import type { SimResponse } from '@stock-sync/plugin-testkit/simulator';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  404: 'Not Found',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
};

export function nuvemError(
  status: number,
  description: string | null,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): SimResponse {
  return { status, headers, body: { code: status, message: REASONS[status] ?? 'Error', description, ...extra } };
}
