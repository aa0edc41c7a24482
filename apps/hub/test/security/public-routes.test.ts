/**
 * The public-route list comes from `@Public()` metadata, matched exactly and case-sensitively; the guard
 * (the second line behind the request-auth middleware) protects every handler that is not marked, whatever
 * its path.
 */
import 'reflect-metadata';
import { Controller, Get, Post, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { BearerTokenGuard } from '../../src/auth/bearer-token.guard';
import { Public } from '../../src/auth/public.decorator';
import { collectPublicRoutes, PublicRouteMatcher } from '../../src/auth/public-routes';
import { loadHubConfig } from '../../src/config/hub-config';
import { HealthController } from '../../src/health/health.controller';
import { ConnectController } from '../../src/oauth/connect.controller';
import { OAuthController } from '../../src/oauth/oauth.controller';
import { NoticesController } from '../../src/notices/notices.controller';

@Public()
@Controller('open')
class OpenController {
  @Get(':id/info') info() {}
  @Post() create() {}
}

@Controller('v1/mixed')
class MixedController {
  @Get() closed() {}
  @Public() @Get('status') status() {}
}

const fakeModules = (...controllers: Array<new (...args: never[]) => unknown>) =>
  new Map([['m', { controllers: new Map(controllers.map((c) => [c, { metatype: c }])) }]]) as unknown as ModulesContainer;

describe('public routes', () => {
  const routes = collectPublicRoutes(fakeModules(OpenController, MixedController, HealthController));

  it('are the @Public() handlers, and only those', () => {
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'GET', path: '/open/:id/info' },
        { method: 'POST', path: '/open' },
        { method: 'GET', path: '/v1/mixed/status' },
        { method: 'GET', path: '/health' },
      ]),
    );
    expect(routes).toHaveLength(4);
  });

  it('match exactly: case, trailing slash, encoding and method all count', () => {
    const m = new PublicRouteMatcher(routes, [{ path: '/docs' }]);
    expect(m.isPublic('GET', '/health')).toBe(true);
    expect(m.isPublic('HEAD', '/health')).toBe(true);
    expect(m.isPublic('GET', '/open/7/info')).toBe(true);
    expect(m.isPublic('GET', '/docs')).toBe(true);
    expect(m.isPublic('GET', '/docs/openapi.json')).toBe(true);
    for (const [method, path] of [
      ['GET', '/HEALTH'],
      ['GET', '/health/'],
      ['GET', '//health'],
      ['GET', '/%68ealth'],
      ['POST', '/health'],
      ['GET', '/v1/mixed'],
      ['GET', '/open/7/info/x'],
      ['POST', '/docs'],
      ['GET', '/docsx'],
      ['GET', '/Docs'],
    ]) {
      expect([method, path, m.isPublic(method, path)]).toEqual([method, path, false]);
    }
  });
});

describe("the hub's own public routes", () => {
  it('are health, the OAuth callback, hop and uninstall routes and the platform notices route; starting a connect needs the token', () => {
    const routes = collectPublicRoutes(fakeModules(HealthController, OAuthController, ConnectController, NoticesController));
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /health',
      'GET /oauth/callback/:platform',
      'GET /oauth/start/:id',
      'GET /oauth/uninstall/:platform',
      'POST /hooks/:platform',
      'POST /hooks/:platform/:storeId',
      'POST /oauth/callback/:platform',
      'POST /oauth/uninstall/:platform',
    ]);
    const m = new PublicRouteMatcher(routes);
    expect(m.isPublic('GET', '/oauth/callback/shopify')).toBe(true);
    expect(m.isPublic('POST', '/oauth/uninstall/shopify')).toBe(true);
    expect(m.isPublic('POST', '/hooks/woocommerce/3f0c6b8e-2a4d-4c1e-9b7a-5d2f8e6a1c40')).toBe(true);
    expect(m.isPublic('POST', '/hooks/ecwid')).toBe(true);
    for (const [method, path] of [
      ['POST', '/v1/stores/connect'],
      ['POST', '/v1/stores/x/reconnect'],
      ['GET', '/OAUTH/callback/shopify'],
      ['GET', '/oauth/callback/shopify/'],
      ['GET', '/oauth/callback'],
      ['POST', '/oauth/start/x'],
      ['PUT', '/oauth/callback/x'],
      ['GET', '/oauth/callback/a/b'],
      ['GET', '/hooks/woocommerce/x'],
      ['GET', '/hooks/ecwid'],
      ['POST', '/hooks'],
      ['POST', '/hooks/woocommerce/x/y'],
    ]) {
      expect([method, path, m.isPublic(method!, path!)]).toEqual([method, path, false]);
    }
  });
});

describe('BearerTokenGuard (second line)', () => {
  const config = loadHubConfig(
    { HUB_API_TOKENS: 'guard_test_token_0123456789', HUB_ENCRYPTION_KEY: 'a'.repeat(64), HUB_DATA_DIR: '/nonexistent-not-written' },
    () => undefined,
  );
  const guard = new BearerTokenGuard(config, new Reflector());
  const context = (handler: (...args: never[]) => unknown, type: object, authorization?: string) =>
    ({
      getType: () => 'http',
      getHandler: () => handler,
      getClass: () => type,
      switchToHttp: () => ({ getRequest: () => ({ path: '/anything', headers: authorization ? { authorization } : {} }) }),
    }) as unknown as ExecutionContext;

  it('refuses an unmarked handler without the token, whatever the path, and lets a marked one through', () => {
    expect(() => guard.canActivate(context(MixedController.prototype.closed, MixedController))).toThrow(UnauthorizedException);
    expect(() => guard.canActivate(context(MixedController.prototype.closed, MixedController, 'Bearer nope'))).toThrow(
      UnauthorizedException,
    );
    expect(guard.canActivate(context(MixedController.prototype.closed, MixedController, 'Bearer guard_test_token_0123456789'))).toBe(true);
    expect(guard.canActivate(context(MixedController.prototype.status, MixedController))).toBe(true);
    expect(guard.canActivate(context(OpenController.prototype.create, OpenController))).toBe(true);
  });
});
