/**
 * The hub's error answers as exceptions: `expectOk(hub.GET(…))` returns the answer's data or throws a
 * HubApiError — a HubValidationError for `400 validation_failed`, with every offending field named.
 */
import type { components } from './generated/hub-api';

export type ValidationFailed = components['schemas']['ValidationFailedError'];
export type ValidationDetail = ValidationFailed['details'][number];

export class HubApiError extends Error {
  constructor(
    readonly status: number,
    /** The `error` code of the body (`not_found`, `conflict`, `busy`, …), or `http_<status>` when the body had none. */
    readonly code: string,
    readonly body: unknown,
    readonly method: string,
    readonly url: string,
  ) {
    super(`${method} ${url} → ${status} ${code}${messageOf(body)}`);
    this.name = 'HubApiError';
  }
}

export class HubValidationError extends HubApiError {
  readonly details: ValidationDetail[];
  /** Present when the hub cut the details to the first 100. */
  readonly totalDetails?: number;

  constructor(body: ValidationFailed, method: string, url: string) {
    super(400, 'validation_failed', body, method, url);
    this.name = 'HubValidationError';
    this.details = body.details;
    this.totalDetails = body.totalDetails;
    this.message = `${method} ${url} → 400 validation_failed: ${body.details
      .slice(0, 5)
      .map((d) => `${d.path}: ${d.message}`)
      .join('; ')}${body.details.length > 5 ? ` … (${body.totalDetails ?? body.details.length} in all)` : ''}`;
  }
}

export function isValidationFailed(body: unknown): body is ValidationFailed {
  return (
    !!body &&
    typeof body === 'object' &&
    (body as { error?: unknown }).error === 'validation_failed' &&
    Array.isArray((body as { details?: unknown }).details)
  );
}

export function toHubError(response: Response, body: unknown, method: string): HubApiError {
  const url = new URL(response.url || 'http://hub/').pathname;
  if (response.status === 400 && isValidationFailed(body)) return new HubValidationError(body, method, url);
  const code =
    body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : `http_${response.status}`;
  return new HubApiError(response.status, code, body, method, url);
}

/** What openapi-fetch resolves to: data on a 2xx, error (the parsed body) otherwise. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer, or a thrown HubApiError / HubValidationError. */
export async function expectOk<T>(pending: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;
  throw toHubError(response, error, methodOf(response));
}

// openapi-fetch keeps the request next to the response only in middleware; the method is recovered for messages.
const methods = new WeakMap<Response, string>();
export function rememberMethod(response: Response, method: string): void {
  methods.set(response, method);
}
function methodOf(response: Response): string {
  return methods.get(response) ?? 'request';
}

function messageOf(body: unknown): string {
  const message = body && typeof body === 'object' ? (body as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? `: ${message}` : '';
}
