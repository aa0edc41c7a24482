/**
 * The first line of authentication, mounted before the body parser: a request to anything but a public
 * route needs a valid bearer token before a byte of its body is read or parsed (unauthenticated 16 MB
 * bodies used to be parsed first). Failed attempts are counted per client address; over the limit the
 * address gets 429 with Retry-After. Every refusal is logged — client address, method, path, never the
 * presented token.
 */
import { Logger } from '@nestjs/common';
import { refuse, type Middleware, type MiddlewareRequest } from '../http/express-types';
import type { AuthFailureLimiter } from './auth-failure-limiter';
import type { PublicRouteMatcher } from './public-routes';
import type { TokenVerifier } from './token-verifier';

export interface RequestAuthDeps {
  verifier: TokenVerifier;
  publicRoutes: PublicRouteMatcher;
  limiter: AuthFailureLimiter;
  logger?: Pick<Logger, 'warn'>;
}

export function requestAuthMiddleware(deps: RequestAuthDeps): Middleware {
  const log = deps.logger ?? new Logger('Auth');
  return function requestAuth(req, res, next) {
    if (deps.publicRoutes.isPublic(req.method, req.path)) return next();
    const client = clientAddress(req);
    const waiting = deps.limiter.retryAfterSeconds(client);
    if (waiting > 0) {
      log.warn(refusalLine(req, client, 'blocked', 429));
      return tooMany(req, res, waiting);
    }
    if (deps.verifier.accepts(req.headers.authorization)) return next();
    const reason = req.headers.authorization === undefined ? 'no token' : 'invalid token';
    deps.limiter.recordFailure(client).then(
      (blockedFor) => {
        log.warn(refusalLine(req, client, reason, blockedFor > 0 ? 429 : 401));
        if (blockedFor > 0) tooMany(req, res, blockedFor);
        else {
          res.setHeader('WWW-Authenticate', 'Bearer');
          refuse(req, res, 401, { error: 'unauthorized' });
        }
      },
      (e: unknown) => next(e),
    );
  };
}

function tooMany(req: MiddlewareRequest, res: Parameters<Middleware>[1], seconds: number): void {
  res.setHeader('Retry-After', seconds);
  refuse(req, res, 429, {
    error: 'too_many_requests',
    message: `too many failed authentications from this address; retry after ${seconds} s`,
  });
}

/** The socket's address (req.ip honours express's `trust proxy`, which the hub leaves off). */
function clientAddress(req: MiddlewareRequest): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

function refusalLine(req: MiddlewareRequest, client: string, reason: string, status: number): string {
  return JSON.stringify({ event: 'auth_refused', client, method: req.method, path: req.path.slice(0, 200), reason, status });
}
