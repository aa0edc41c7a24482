import { Controller, Get, HttpStatus, Logger, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import type { HttpResponseLike } from '../http/http-types';
import { PROBE_SCHEMA } from './probe-schema';
import { ReadinessChecks } from './readiness-checks';

const HEADERS_TOO_LARGE = {
  status: 431,
  description: "request headers over Node.js's limit (16 KB): answered by the HTTP server, without a body",
};

/**
 * Kubernetes-style probes (no token), with @nestjs/terminus: /health/live answers while the process does;
 * /health/ready answers 503 naming the failed check (database, migrations, queue, plugins).
 * GET /health (health.controller.ts) stays as it was for existing clients.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class ProbesController {
  private readonly log = new Logger('Health');

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly checks: ReadinessChecks,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers (no token; checks nothing else)' })
  @ApiOkResponse({ description: 'alive', schema: PROBE_SCHEMA })
  @ApiResponse(HEADERS_TOO_LARGE)
  live(): Promise<HealthCheckResult> {
    return this.health.check([() => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Readiness: database reachable, migrations applied, queue running, plugins loaded (no token)',
  })
  @ApiOkResponse({ description: 'ready to take traffic', schema: PROBE_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'not ready: `error` names the failed checks', schema: PROBE_SCHEMA })
  @ApiResponse(HEADERS_TOO_LARGE)
  async ready(@Res({ passthrough: true }) res: HttpResponseLike): Promise<unknown> {
    try {
      return await this.health.check([
        () => this.checks.database(),
        () => this.checks.migrations(),
        () => this.checks.queue(),
        () => this.checks.plugins(),
      ]);
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      // Terminus's own answer body (status, info, error, details), not the API's error shape.
      const body = e.getResponse() as HealthCheckResult;
      this.log.warn(JSON.stringify({ event: 'not_ready', failed: Object.keys(body.error ?? {}) }));
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return body;
    }
  }
}
