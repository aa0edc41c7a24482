import { Global, Module } from '@nestjs/common';
import { HubMetricsService } from './hub-metrics.service';
import { MetricsController } from './metrics.controller';
import { MetricsListener } from './metrics-listener';

/** GET /metrics and the registry behind it (see hub-metrics.ts for what is measured). */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [HubMetricsService, MetricsListener],
  exports: [HubMetricsService, MetricsListener],
})
export class MetricsModule {}
