/**
 * HUB_METRICS_BIND: GET /metrics on its own address (e.g. 127.0.0.1:9464, reachable by the scraper only),
 * a plain node:http server answering nothing else. Still asks for HUB_METRICS_TOKEN when it is set.
 */
import { createServer, type Server } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { HubMetricsService } from './hub-metrics.service';
import { metricsAccess, SCRAPE_REFUSALS } from './metrics-access';

@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Metrics');
  private server: Server | undefined;

  constructor(
    private readonly metrics: HubMetricsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** Where it listens (after start-up), e.g. http://127.0.0.1:9464/metrics; undefined without HUB_METRICS_BIND. */
  url: string | undefined;

  async onApplicationBootstrap(): Promise<void> {
    const bind = this.config.metrics.bind;
    if (!bind) return;
    const access = metricsAccess(this.config.metrics, 'bind');
    const server = createServer((req, res) => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      };
      if (req.url?.split('?')[0] !== '/metrics' || req.method !== 'GET')
        return json(404, { error: 'not_found', message: 'only GET /metrics is served here' });
      const decision = access(req.headers.authorization);
      if (decision !== 'ok') {
        if (decision === 'unauthorized') res.setHeader('WWW-Authenticate', 'Bearer');
        return json(decision === 'unauthorized' ? 401 : 404, SCRAPE_REFUSALS[decision]);
      }
      this.metrics.render().then(
        (text) => res.writeHead(200, { 'Content-Type': this.metrics.contentType, 'Cache-Control': 'no-store' }).end(text),
        (e: Error) => {
          this.log.error(`rendering the metrics failed: ${e.message}`);
          json(503, { error: 'unavailable', message: 'the metrics could not be read (is the database up?)' });
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(bind.port, bind.host, () => resolve());
    });
    this.server = server;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : bind.port;
    this.url = `http://${bind.host.includes(':') ? `[${bind.host}]` : bind.host}:${port}/metrics`;
    this.log.log(`metrics served on ${this.url}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
