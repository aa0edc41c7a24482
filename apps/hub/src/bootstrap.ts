/**
 * Builds the hub's Nest application (used by main.ts and by the test harness, so tests run the real
 * thing): body limits sized for 10 000-entry batches, the global validation pipe, OpenAPI.
 */
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HubModule, type HubModuleOptions } from './app.module';
import { enabledLogLevels } from './config/hub-config';
import { mountOpenApi } from './http/openapi';
import { createValidationPipe } from './http/validation.pipe';

/** 10 000 facility updates are ~1.5 MB of JSON; leave room. */
export const MAX_BODY = '16mb';

export async function createHubApp(options: HubModuleOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(HubModule.forRoot(options), {
    bodyParser: false,
    logger: enabledLogLevels(options.config.logLevel),
  });
  app.useBodyParser('json', { limit: MAX_BODY });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  mountOpenApi(app);
  return app;
}
