/**
 * Renders every error in the API's shapes. Anything unexpected becomes a 500 with a generic message
 * (the detail goes to the log, never to the client, so no internal value — or secret — leaks).
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { HttpResponseLike } from './http-types';
import { JSON_TOO_DEEP } from './json-depth';
import { isRetryableTransactionError, sqlStateOf } from '../database/transaction-retry';

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<HttpResponseLike>();
    const { status, body } = this.render(exception);
    if (status === HttpStatus.SERVICE_UNAVAILABLE) res.setHeader('Retry-After', '1');
    res.status(status).json(body);
  }

  private render(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      // Ours are already in the API's shape; Nest's own carry { statusCode, message, error }.
      if (isApiShaped(response)) return { status, body: response };
      const message = messageOf(response) ?? exception.message;
      switch (status) {
        case HttpStatus.BAD_REQUEST:
          return { status, body: { error: 'validation_failed', details: [{ path: bodyPath(exception), message }] } };
        case HttpStatus.PAYLOAD_TOO_LARGE:
          return { status, body: { error: 'payload_too_large', message } };
        case HttpStatus.UNAUTHORIZED:
          return { status, body: { error: 'unauthorized' } };
        case HttpStatus.NOT_FOUND:
          return { status, body: { error: 'not_found', message } };
        case HttpStatus.CONFLICT:
          return { status, body: { error: 'conflict', message } };
        default:
          return { status, body: { error: snake(HttpStatus[status] ?? 'error'), message } };
      }
    }
    const transport = renderBodyReadingError(exception);
    if (transport) return transport;
    if (isRetryableTransactionError(exception)) {
      // Still losing the race after every retry at the transaction boundary: nothing was written, the
      // request is fine, so the client is told to send it again — never a 500.
      this.log.warn(`transaction aborted (${sqlStateOf(exception)}) after every retry: answered 503`);
      return {
        status: 503,
        body: { error: 'busy', message: 'the database was busy with conflicting writes; nothing was written, send the request again' },
      };
    }
    this.log.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { status: 500, body: { error: 'internal_error', message: 'internal error' } };
  }
}

/**
 * Errors of reading and parsing the body (body-parser, raw-body, zlib) arrive as plain errors carrying a
 * 4xx status: a charset or Content-Encoding that cannot be undone (415), a body over the limit (413),
 * invalid JSON, JSON nested too deeply, a gzip header on a plain body, an aborted or truncated upload (400).
 * None of them is the hub's fault, so none is a 500.
 */
function renderBodyReadingError(exception: unknown): { status: number; body: Record<string, unknown> } | undefined {
  const e = exception as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown } | null;
  if (typeof e !== 'object' || e === null) return undefined;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  const type = typeof e.type === 'string' ? e.type : '';
  const detail = typeof e.message === 'string' ? e.message.slice(0, 200) : 'unreadable body';
  if (type === 'entity.too.large' || status === 413) {
    return { status: 413, body: { error: 'payload_too_large', message: 'the request body is too large' } };
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported' || status === 415) {
    return { status: 415, body: { error: 'unsupported_media_type', message: detail } };
  }
  const message =
    type === 'entity.parse.failed'
      ? 'the body is not valid JSON'
      : type === JSON_TOO_DEEP
        ? detail
        : `the body could not be read: ${detail}`;
  return { status: 400, body: { error: 'validation_failed', details: [{ path: 'body', message }] } };
}

function isApiShaped(response: unknown): response is Record<string, unknown> {
  return (
    typeof response === 'object' &&
    response !== null &&
    typeof (response as { error?: unknown }).error === 'string' &&
    (response as { statusCode?: unknown }).statusCode === undefined
  );
}

function messageOf(response: unknown): string | undefined {
  if (typeof response === 'string') return response;
  const m = (response as { message?: unknown })?.message;
  if (Array.isArray(m)) return m.join('; ');
  return typeof m === 'string' ? m : undefined;
}

/** Nest's own 400s: body-parser's JSON errors name the body; express's undecodable path parameters (`%ZZ`) the path. */
function bodyPath(exception: HttpException): string {
  if (/JSON/i.test(exception.message)) return 'body';
  if (/decode param/i.test(exception.message)) return 'path';
  return '';
}

function snake(s: string): string {
  return s.toLowerCase();
}
