/**
 * Bearer-token auth for every /v1 route (global guard, so routes added later are covered by default).
 * Tokens are compared in constant time: both sides are hashed to a fixed length first, and every
 * configured token is checked (no early exit), so timing reveals neither length nor which token matched.
 */
import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { HttpRequestLike } from '../http/http-types';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';

@Injectable()
export class BearerTokenGuard implements CanActivate {
  private readonly tokenDigests: Buffer[];

  constructor(@Inject(HUB_CONFIG) config: HubConfig) {
    this.tokenDigests = config.apiTokens.map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<HttpRequestLike>();
    if (!isProtected(req.path)) return true;
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    if (presented && this.matches(presented)) return true;
    throw new UnauthorizedException({ error: 'unauthorized' });
  }

  private matches(token: string): boolean {
    const candidate = digest(token);
    let ok = false;
    for (const known of this.tokenDigests) ok = timingSafeEqual(candidate, known) || ok;
    return ok;
  }
}

function isProtected(path: string): boolean {
  return path === '/v1' || path.startsWith('/v1/');
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
