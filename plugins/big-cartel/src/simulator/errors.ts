/**
 * Error answers in JSON:API's `errors[]` form. Big Cartel documents the status codes (400, 401, 402,
 * 404, 406, 5xx: developers.bigcartel.com/api/v1 "Status Codes"); the body shape is JSON:API's and the
 * wording ours (unverified).
 */
import type { SimRequest, SimResponse } from '@stock-sync/plugin-testkit/simulator';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Request Failed',
  404: 'Not Found',
  406: 'Not Acceptable',
  429: 'Too Many Requests',
};

export function jsonApiError(status: number, detail: string, pointer?: string, headers?: Record<string, string>): SimResponse {
  const error: Record<string, unknown> = { status: String(status), title: TITLES[status] ?? 'Error', detail };
  if (pointer) error.source = { pointer };
  return { status, headers: { 'content-type': 'application/vnd.api+json', ...headers }, body: { errors: [error] } };
}

/**
 * Headers Big Cartel requires ("If you're receiving 400 or 406 errors, double check … the required
 * headers"): a User-Agent (400 without, as we model it) and the JSON:API Accept (406 without).
 */
export function missingHeaderRefusal(req: SimRequest): SimResponse | undefined {
  if (!(req.headers['user-agent'] ?? '').trim()) return jsonApiError(400, 'A User-Agent header is required');
  if (!/application\/vnd\.api\+json/i.test(req.headers.accept ?? '')) return jsonApiError(406, 'Accept must be application/vnd.api+json');
  return undefined;
}
