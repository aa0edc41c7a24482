/**
 * One log line per HTTP request (pino-http), with its request id: the caller's `x-request-id` when it is
 * a sane token (up to 128 of [A-Za-z0-9._:-]), else a new UUID. The id is answered in `x-request-id` and
 * carried as `requestId` by every line logged while the request is handled (observe-requests.ts binds the
 * request's child logger for Nest's logger).
 * Mounted first in bootstrap.ts, so requests refused before routing (401, 404, 415) are logged too.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * A platform notice (POST /hooks/…) the hub accepted (202): its access line is logged at debug, because the
 * notice's own `platform_notice` line (same request id; info when it marked variants, else debug) says what came
 * and what it marked.
 * A busy platform sends one per changed product — thousands a minute — and two lines each doubled the
 * cost of taking them. Refused notices (4xx/5xx) keep their warn/error line.
 */
function isNotice(req: IncomingMessage): boolean {
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  return req.method === 'POST' && path.startsWith('/hooks/');
}

export function requestLogging(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
    // Lines logged while handling the request carry `requestId` only (not the whole request again).
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    customLogLevel: (req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : res.statusCode === 202 && isNotice(req) ? 'debug' : 'info',
    // The path without its query string: OAuth callbacks carry one-time codes there.
    serializers: {
      req: (req: { id: string; method: string; url: string; headers: Record<string, unknown>; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
        headers: req.headers,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
