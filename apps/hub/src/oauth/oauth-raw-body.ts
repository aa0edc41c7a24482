/**
 * The bodies platforms POST to the public OAuth routes (a key callback, an uninstall webhook) are signed
 * over their exact bytes, in whatever media type the platform uses. For those two routes only (POST
 * /oauth/callback/:platform and /oauth/uninstall/:platform), this reads the body raw — at most 64 KiB,
 * far below the API's JSON limit — keeps the bytes (`rawBody`) and parses JSON or form data for the plugin.
 * Every other request keeps the API's rules untouched: the JSON-only media-type check and the JSON parser
 * with its limit and nesting cap (`exceptOAuthBodies` wraps the media-type check for these two routes only).
 */
import type { Middleware, MiddlewareRequest } from '../http/express-types';
import { parseBody } from './inbound-request';

export const OAUTH_BODY_LIMIT = '64kb';

const OAUTH_BODY_ROUTE = /^\/oauth\/(callback|uninstall)\/[^/]+$/;

export function isOAuthBodyRoute(req: Pick<MiddlewareRequest, 'method' | 'path'>): boolean {
  return req.method === 'POST' && OAUTH_BODY_ROUTE.test(req.path);
}

type RawParser = (req: unknown, res: unknown, next: (e?: unknown) => void) => void;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const express = require('express') as { raw(options: { type: () => boolean; limit: string }): RawParser };

export function oauthRawBodyMiddleware(): Middleware {
  const raw = express.raw({ type: () => true, limit: OAUTH_BODY_LIMIT });
  return function oauthRawBody(req, res, next) {
    if (!isOAuthBodyRoute(req)) return next();
    raw(req, res, (e?: unknown) => {
      if (e) return next(e);
      const r = req as MiddlewareRequest & { body?: unknown; rawBody?: Buffer };
      const bytes = Buffer.isBuffer(r.body) ? r.body : Buffer.alloc(0);
      r.rawBody = bytes;
      const type = r.headers['content-type'];
      r.body = parseBody(bytes, Array.isArray(type) ? type[0] : type);
      next();
    });
  };
}

/** `inner` for every request but the OAuth body routes (whose bodies this module has read already). */
export function exceptOAuthBodies(inner: Middleware): Middleware {
  return function exceptOAuth(req, res, next) {
    if (isOAuthBodyRoute(req)) return next();
    inner(req, res, next);
  };
}
