/**
 * Bearer-token auth on every route (global guard): a route is protected unless its controller or handler
 * is marked `@Public()`. The path plays no part, so no spelling of a path (case, slashes, encoding) can
 * make a protected handler public. The request-auth middleware refuses unauthenticated requests before
 * their body is read; this guard is the second line for anything that reaches a handler.
 */
import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequestLike } from '../http/http-types';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { IS_PUBLIC } from './public.decorator';
import { TokenVerifier } from './token-verifier';

@Injectable()
export class BearerTokenGuard implements CanActivate {
  private readonly verifier: TokenVerifier;

  constructor(
    @Inject(HUB_CONFIG) config: HubConfig,
    private readonly reflector: Reflector,
  ) {
    this.verifier = new TokenVerifier(config.apiTokens);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) === true) return true;
    const req = context.switchToHttp().getRequest<HttpRequestLike>();
    if (this.verifier.accepts(req.headers.authorization)) return true;
    throw new UnauthorizedException({ error: 'unauthorized' });
  }
}
