/**
 * Platform notices (POST /hooks/:platform/:storeId and POST /hooks/:platform) are signed over their exact bytes: for those routes only,
 * the body is read raw (at most NOTICE_BODY_LIMIT, in any media type) and kept as `rawBody`; nothing is
 * parsed here — the route verifies the signature first and parses after. Every other request keeps the API's
 * rules (`exceptNoticeBodies` wraps the JSON media-type check).
 */
import type { Middleware, MiddlewareRequest } from '../http/express-types';

export const NOTICE_BODY_LIMIT = '1mb';

/** A notice route's path: `/hooks/<platform>` or `/hooks/<platform>/<store>` (the parameters still encoded). */
export const NOTICE_PATH = /^\/hooks\/([^/]+)(?:\/([^/]+))?$/;

export function isNoticeRoute(req: Pick<MiddlewareRequest, 'method' | 'path'>): boolean {
  return req.method === 'POST' && NOTICE_PATH.test(req.path);
}

type RawParser = (req: unknown, res: unknown, next: (e?: unknown) => void) => void;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const express = require('express') as { raw(options: { type: () => boolean; limit: string }): RawParser };

export function noticeRawBodyMiddleware(): Middleware {
  const raw = express.raw({ type: () => true, limit: NOTICE_BODY_LIMIT });
  return function noticeRawBody(req, res, next) {
    if (!isNoticeRoute(req)) return next();
    raw(req, res, (e?: unknown) => {
      if (e) return next(e);
      const r = req as MiddlewareRequest & { body?: unknown; rawBody?: Buffer };
      r.rawBody = Buffer.isBuffer(r.body) ? r.body : Buffer.alloc(0);
      r.body = undefined;
      next();
    });
  };
}

/** `inner` for every request but the notice route (whose body this module has read already). */
export function exceptNoticeBodies(inner: Middleware): Middleware {
  return function exceptNotices(req, res, next) {
    if (isNoticeRoute(req)) return next();
    inner(req, res, next);
  };
}
