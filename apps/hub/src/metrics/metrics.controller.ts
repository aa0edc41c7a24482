import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { HubMetricsService } from './hub-metrics.service';
import { metricsAccess, SCRAPE_REFUSALS, type ScrapeDecision } from './metrics-access';

interface ScrapeRequest {
  headers: Record<string, string | string[] | undefined>;
}
interface ScrapeResponse {
  status(code: number): ScrapeResponse;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
  send(body: string): unknown;
}

/** The error body of each refusal, with its code (as every 4xx/5xx body of the v1 API states it). */
const errorBody = (code: string) => ({
  type: 'object' as const,
  required: ['error', 'message'],
  properties: { error: { type: 'string' as const, enum: [code] }, message: { type: 'string' as const } },
});

/**
 * Prometheus metrics on the hub's port. Public to the API-token check (a scraper holds no API token):
 * the metrics token is checked here instead. With HUB_METRICS_BIND the metrics are served on that
 * listener only (metrics-listener.ts) and this route answers 404.
 */
@ApiTags('metrics')
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly access: (authorization: string | string[] | undefined) => ScrapeDecision;

  constructor(
    private readonly metrics: HubMetricsService,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    this.access = metricsAccess(config.metrics, 'main');
  }

  @Get()
  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics (text exposition format), with the metrics token',
    description:
      'Needs `Authorization: Bearer <HUB_METRICS_TOKEN>` (its own token; API tokens are refused). Served on the API port unless HUB_METRICS_BIND moves it to its own address. Labels never hold a store id, a store name or a credential.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'the metrics, Prometheus text format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiUnauthorizedResponse({
    description: 'no metrics token, or a wrong one',
    content: { 'application/json': { schema: errorBody(SCRAPE_REFUSALS.unauthorized.error) } },
  })
  @ApiNotFoundResponse({
    description: 'metrics are not served on this port (HUB_METRICS_BIND is set, or NODE_ENV=production without HUB_METRICS_TOKEN)',
    content: { 'application/json': { schema: errorBody(SCRAPE_REFUSALS.not_served.error) } },
  })
  @ApiServiceUnavailableResponse({
    description: 'the database does not answer',
    content: { 'application/json': { schema: errorBody('unavailable') } },
  })
  async scrape(@Req() req: ScrapeRequest, @Res() res: ScrapeResponse): Promise<void> {
    const decision = this.access(req.headers.authorization);
    if (decision !== 'ok') {
      if (decision === 'unauthorized') res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(decision === 'unauthorized' ? 401 : 404).json(SCRAPE_REFUSALS[decision]);
      return;
    }
    let text: string;
    try {
      text = await this.metrics.render();
    } catch {
      // The gauges are read from the database: without it there is nothing trustworthy to show.
      res.status(503).json({ error: 'unavailable', message: 'the metrics could not be read (is the database up? see GET /health/ready)' });
      return;
    }
    res.setHeader('Content-Type', this.metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).send(text);
  }
}
