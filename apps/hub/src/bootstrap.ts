/**
 * Builds the hub's Nest application (used by main.ts and by the test harness, so tests run the real
 * thing). In request order: the request log line (with its request id) and the HTTP metrics, for every
 * request, refused ones included; the express router is case-sensitive and strict (`/V1/stores` and
 * `/v1/stores/` route nowhere); the request-auth middleware refuses unauthenticated requests to
 * non-public routes before their body is read; the media-type check answers 415 for a body that is not
 * JSON; the JSON parser (limit sized for 10 000-entry batches, nesting capped); then Nest's routes with
 * the global guard, the validation pipe and OpenAPI.
 */
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { HubModule, type HubModuleOptions } from './app.module';
import { AuthFailureLimiter } from './auth/auth-failure-limiter';
import { collectPublicRoutes, PublicRouteMatcher } from './auth/public-routes';
import { requestAuthMiddleware } from './auth/request-auth.middleware';
import { TokenVerifier } from './auth/token-verifier';
import { enabledLogLevels } from './config/hub-config';
import { CONSOLE_PATH, mountConsole } from './console/console-mount';
import { BODY_METHODS } from './http/express-types';
import { verifyJsonDepth } from './http/json-depth';
import { observeRequests } from './logging/observe-requests';
import { jsonMediaTypeMiddleware } from './http/json-media-type.middleware';
import { DOCS_PATH, mountOpenApi } from './http/openapi';
import { createValidationPipe } from './http/validation.pipe';
import { exceptOAuthBodies, oauthRawBodyMiddleware } from './oauth/oauth-raw-body';
import { exceptNoticeBodies, noticeRawBodyMiddleware } from './notices/notice-raw-body';
import { noticeRouteMiddleware } from './notices/notice-route';
import { NoticesService } from './notices/notices.service';
import { shutdownSignals } from './shutdown-signals';

/** 10 000 facility updates are ~1.5 MB of JSON; leave room. */
export const MAX_BODY = '16mb';

/** The part of an express application set up here (express ships no types; @types/express is not a dependency). */
interface ExpressApp {
  set(setting: string, value: unknown): unknown;
  router?: { caseSensitive?: boolean; strict?: boolean };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createExpress = require('express') as () => ExpressApp;

export async function createHubApp(options: HubModuleOptions): Promise<NestExpressApplication> {
  const server = createExpress();
  // Express creates its router once, with the settings of that moment: set them before the adapter does.
  server.set('case sensitive routing', true);
  server.set('strict routing', true);
  server.set('x-powered-by', false);
  const app = await NestFactory.create<NestExpressApplication>(HubModule.forRoot(options), new ExpressAdapter(server), {
    bodyParser: false,
    logger: enabledLogLevels(options.config.logLevel),
    bufferLogs: true, // until observeRequests() hands Nest the hub's pino logger
  });
  if (server.router?.caseSensitive !== true || server.router?.strict !== true) {
    throw new Error('the express router is not case-sensitive and strict: every route would answer to other spellings');
  }

  observeRequests(app);
  const limiter = new AuthFailureLimiter(options.config.auth);
  app.getHttpServer().on('close', () => limiter.close());
  app.use(
    requestAuthMiddleware({
      verifier: new TokenVerifier(options.config.apiTokens),
      publicRoutes: new PublicRouteMatcher(collectPublicRoutes(app.get(ModulesContainer)), [
        { path: `/${DOCS_PATH}` },
        { path: CONSOLE_PATH },
      ]),
      limiter,
    }),
  );
  // The public OAuth routes platforms POST to read their (signed) bodies raw, in any media type, 64 KiB at most.
  app.use(oauthRawBodyMiddleware());
  // Platform notices (POST /hooks/:platform[/:storeId]) likewise: signed raw bytes, verified before they are parsed.
  app.use(noticeRawBodyMiddleware());
  // …and answered here, without Nest's per-request machinery: platforms send one per written variant (notice-route.ts).
  app.use(noticeRouteMiddleware(app.get(NoticesService, { strict: false })));
  app.use(exceptOAuthBodies(exceptNoticeBodies(jsonMediaTypeMiddleware())));
  // Only bodies of POST/PUT/PATCH are read (the media-type check has made sure they are JSON).
  app.useBodyParser('json', { limit: MAX_BODY, verify: verifyJsonDepth, type: (req: { method: string }) => BODY_METHODS.has(req.method) });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks(shutdownSignals(process.execArgv, process.env.NODE_OPTIONS));
  mountOpenApi(app);
  mountConsole(app);
  return app;
}
