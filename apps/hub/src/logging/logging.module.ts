/**
 * Nest's Logger through pino (nestjs-pino): bootstrap.ts makes `app.useLogger(app.get(Logger))` and mounts
 * the request logger (request-logging.ts) before anything else; nestjs-pino's own middleware then only
 * binds the request's child logger to the request (useExisting), so controller lines carry its id.
 */
import { DynamicModule, Global, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, Logger as Pino } from 'pino';
import type { HubConfig } from '../config/hub-config';
import { createHubPino } from './hub-pino';

export const HUB_PINO = Symbol('HUB_PINO');

@Global()
@Module({})
export class LoggingModule {
  static forRoot(config: HubConfig, destination?: DestinationStream): DynamicModule {
    const logger: Pino = createHubPino(config, destination);
    return {
      module: LoggingModule,
      // Every route (express 5 wildcard syntax): the request's child logger is bound around its handler.
      imports: [
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }] }),
      ],
      providers: [{ provide: HUB_PINO, useValue: logger }],
      exports: [HUB_PINO],
    };
  }
}
