/**
 * One log line per HTTP request (pino-http; platform notices take a lean path that writes the same line, below),
 * with its request id: the caller's `x-request-id` when it is a sane token (up to 128 of [A-Za-z0-9._:-]), else a
 * new UUID. The id is answered in `x-request-id` and carried as `requestId` by every line logged while the request
 * is handled (observe-requests.ts binds the request's child logger for Nest's logger).
 * Mounted first in bootstrap.ts, so requests refused before routing (401, 404, 415) are logged too.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
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

type AccessLevel = 'error' | 'warn' | 'info' | 'debug';

function accessLevel(req: IncomingMessage, res: ServerResponse, err?: unknown): AccessLevel {
  if (err || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'warn';
  return res.statusCode === 202 && isNotice(req) ? 'debug' : 'info';
}

/** The request as its access line shows it: the path without its query string (OAuth callbacks carry one-time codes there). */
function requestFields(req: { id: string; method: string; url: string; headers: Record<string, unknown>; remoteAddress?: string }) {
  return { id: req.id, method: req.method, path: req.url.split('?')[0], headers: req.headers, remoteAddress: req.remoteAddress };
}

type RequestLogging = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/** pino-http for every request, but platform notices: they take the lean path below. */
export function requestLogging(logger: Logger): RequestLogging {
  const full: HttpLogger = pinoHttp({
    logger,
    genReqId: requestIdOf,
    // Lines logged while handling the request carry `requestId` only (not the whole request again).
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    customLogLevel: accessLevel,
    serializers: { req: requestFields, res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
  });
  const notices = noticeAccessLogging(logger);
  return (req, res, next) => (isNotice(req) ? notices(req, res, next) : full(req, res, next));
}

/**
 * The same access line for platform notices, built only when its level is written. pino-http makes two child
 * loggers per request, one bound to the serialized, redacted request — its headers stringified — whatever the line's
 * level: for a WooCommerce echo logged at debug, 6 % of the hub's CPU in a 1 000-store facility change (25 000
 * notices). Here: one child bound to the request id (lines logged while handling it carry it), and the line
 * `{ req, res, responseTime }` 'request completed' (or `err` … 'request errored') as pino-http writes it.
 */
function noticeAccessLogging(logger: Logger): RequestLogging {
  return (req, res, next) => {
    const r = req as IncomingMessage & { id?: string; log?: Logger };
    const id = requestIdOf(req, res);
    const log = logger.child({ requestId: id });
    r.id = id;
    r.log = log;
    (res as ServerResponse & { log?: Logger }).log = log;
    const started = Date.now();
    // 'close' ends every response, answered or cut off (Node's ServerResponse), once: the one listener needed.
    res.once('close', () => {
      const level = accessLevel(req, res);
      if (!log.isLevelEnabled(level)) return;
      const fields = {
        req: requestFields({
          id,
          method: req.method ?? '',
          url: (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '',
          headers: req.headers,
          remoteAddress: req.socket?.remoteAddress,
        }),
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - started,
      };
      if (level !== 'error') return log[level](fields, 'request completed');
      log.error({ ...fields, err: pino.stdSerializers.err(new Error(`failed with status code ${res.statusCode}`)) }, 'request errored');
    });
    next?.();
  };
}
