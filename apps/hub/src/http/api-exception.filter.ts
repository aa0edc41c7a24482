/**
 * Renders every error in the API's shapes. Anything unexpected becomes a 500 with a generic message
 * (the detail goes to the log, never to the client, so no internal value — or secret — leaks).
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { HttpResponseLike } from './http-types';

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<HttpResponseLike>();
    const { status, body } = this.render(exception);
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
    // Body-parser errors arrive as plain errors carrying a status.
    const bodyError = exception as { status?: number; type?: string; message?: string };
    if (bodyError?.type === 'entity.parse.failed') {
      return { status: 400, body: { error: 'validation_failed', details: [{ path: 'body', message: 'the body is not valid JSON' }] } };
    }
    if (bodyError?.type === 'entity.too.large') {
      return { status: 413, body: { error: 'payload_too_large', message: 'the request body is too large' } };
    }
    this.log.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    return { status: 500, body: { error: 'internal_error', message: 'internal error' } };
  }
}

function isApiShaped(response: unknown): response is Record<string, unknown> {
  return (
    typeof response === 'object' && response !== null &&
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

function bodyPath(exception: HttpException): string {
  return /JSON/i.test(exception.message) ? 'body' : '';
}

function snake(s: string): string {
  return s.toLowerCase();
}
