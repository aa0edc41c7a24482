import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HttpResponseLike } from '../http/http-types';
import { HEALTH_SCHEMA } from '../http/openapi-schemas';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { Public } from '../auth/public.decorator';
import { PluginRegistry } from '../plugins/plugin-registry.service';

/** Liveness + readiness (no token): the process answers and the database does too. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly registry: PluginRegistry,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getHealth', summary: 'Liveness and readiness, with the database check (no token)' })
  @ApiOkResponse({ description: 'ready', schema: HEALTH_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'the database does not answer', schema: HEALTH_SCHEMA })
  // Its only client error is the HTTP server's own (no JSON body): documented, as every operation has its 4xx.
  @ApiResponse({ status: 431, description: "request headers over Node.js's limit (16 KB): answered by the HTTP server, without a body" })
  async health(@Res({ passthrough: true }) res: HttpResponseLike) {
    const started = Date.now();
    let database: { status: 'up' | 'down'; kind: string; latencyMs?: number; error?: string };
    try {
      await withTimeout(this.db.query('SELECT 1'), 5_000);
      database = { status: 'up', kind: this.config.database.kind, latencyMs: Date.now() - started };
    } catch (e) {
      // The driver's message only (no connection string): e.g. "connect ECONNREFUSED".
      database = {
        status: 'down',
        kind: this.config.database.kind,
        error: (e as Error).message.replace(/postgres(ql)?:\/\/\S+/g, '[database url]'),
      };
    }
    const ok = database.status === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', database, plugins: this.registry.list().length };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}
