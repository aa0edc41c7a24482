/**
 * Mounted by bootstrap.ts before anything else answers: Nest's logger becomes the hub's pino logger
 * (nestjs-pino), and every request is logged with its request id (request-logging.ts) and counted in the
 * metrics (http-metrics.middleware.ts) — the ones the auth check or the router refuse included.
 */
import type { INestApplication } from '@nestjs/common';
import { Logger as PinoNestLogger } from 'nestjs-pino';
// The request-scoped logger store nestjs-pino reads (a published file of the package; it has no exports map).
import { storage, Store } from 'nestjs-pino/storage';
import type { Logger as PinoLogger } from 'pino';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { HubMetricsService } from '../metrics/hub-metrics.service';
import { HUB_PINO } from './logging.module';
import { requestLogging } from './request-logging';

export function observeRequests(app: INestApplication): void {
  app.useLogger(app.get(PinoNestLogger));
  app.use(requestLogging(app.get(HUB_PINO)));
  // Nest's logger writes through the request's child logger (its requestId) from here on — in the auth check
  // too, which answers before Nest's own middleware (nestjs-pino's, which does the same) would run.
  app.use((req: { log: PinoLogger }, _res: unknown, next: () => void) => storage.run(new Store(req.log), next));
  app.use(httpMetricsMiddleware(app.get(HubMetricsService)));
}
