/**
 * The notice routes answered before Nest routes the request (issue 10). A platform echoes every write of the
 * hub as a notice — WooCommerce one per written variant, 250 000 in one facility change at 10 000 stores — and
 * Nest's per-request machinery (router, execution context, guard, parameter pipes) cost more than the notice's
 * own work. Mounted by bootstrap.ts right after the raw body is read: everything before it still applies (request
 * log and id, metrics, the auth check that lets these public routes through, the body limit). The controller
 * (notices.controller.ts) declares the same routes for the OpenAPI document and the public-route list, and answers
 * them where this middleware is not mounted; both hand the request to NoticesService and answer with `answerNotice`.
 */
import type { Middleware, MiddlewareRequest, MiddlewareResponse } from '../http/express-types';
import { isNoticeRoute, NOTICE_PATH } from './notice-raw-body';
import type { NoticeOutcome, NoticesService } from './notices.service';

/** The routes' templates, as express names them (the metrics' `route` label). */
export const NOTICE_STORE_ROUTE = '/hooks/:platform/:storeId';
export const NOTICE_PLATFORM_ROUTE = '/hooks/:platform';

/**
 * The platform (and store) of a notice route's path, decoded as express decodes route parameters; undefined for
 * any other path, and for a parameter that does not decode (`%ZZ`: left to the router, which answers 400).
 */
export function noticeRouteParams(path: string): { platform: string; storeId?: string } | undefined {
  const m = NOTICE_PATH.exec(path);
  if (!m) return undefined;
  try {
    const platform = decodeURIComponent(m[1]);
    return m[2] === undefined ? { platform } : { platform, storeId: decodeURIComponent(m[2]) };
  } catch {
    return undefined;
  }
}

/** What NoticesService takes of the request: its headers and the raw body notice-raw-body.ts read. */
export function noticeInbound(req: { headers: Record<string, string | string[] | undefined>; rawBody?: Buffer }) {
  return { headers: req.headers, rawBody: req.rawBody ?? Buffer.alloc(0) };
}

export function answerNotice(res: Pick<MiddlewareResponse, 'status' | 'setHeader' | 'json'>, outcome: NoticeOutcome): void {
  res.setHeader('Cache-Control', 'no-store');
  res.status(outcome.status).json(outcome.body);
}

type NoticeRequest = MiddlewareRequest & { rawBody?: Buffer; route?: { path: string } };

/** POST /hooks/:platform[/:storeId] answered by `notices`; every other request goes on. An error goes to the hub's error handler (a 500 in the API's shape). */
export function noticeRouteMiddleware(notices: NoticesService): Middleware {
  return function noticeRoute(req, res, next) {
    const at = isNoticeRoute(req) ? noticeRouteParams(req.path) : undefined;
    if (!at) return next();
    const r = req as NoticeRequest;
    // What express sets when its router matches: the metrics label the request by it (http-metrics.middleware.ts).
    r.route = { path: at.storeId === undefined ? NOTICE_PLATFORM_ROUTE : NOTICE_STORE_ROUTE };
    const inbound = noticeInbound(r);
    const outcome =
      at.storeId === undefined ? notices.receiveForPlatform(at.platform, inbound) : notices.receive(at.platform, at.storeId, inbound);
    outcome.then((o) => answerNotice(res, o)).catch(next);
  };
}
