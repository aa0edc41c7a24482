/**
 * Counts every HTTP request by method, route template and status (hub_http_requests_total) and times it.
 * Mounted first in bootstrap.ts so the requests refused before routing (401, 404, 415) are counted too.
 * The route is express's matched template (`/v1/stores/:id`), never the concrete path: store ids stay out
 * of the labels.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubMetricsService } from './hub-metrics.service';

type Req = IncomingMessage & { route?: { path?: unknown } };

export function httpMetricsMiddleware(metrics: HubMetricsService) {
  return function httpMetrics(req: Req, res: ServerResponse, next: () => void): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = typeof req.route?.path === 'string' ? req.route.path : undefined;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeHttp(req.method ?? 'GET', route, res.statusCode, seconds);
    });
    next();
  };
}
