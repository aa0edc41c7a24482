import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PluginsModule } from '../plugins/plugins.module';
import { HealthController } from './health.controller';
import { ProbesController } from './probes.controller';
import { ReadinessChecks } from './readiness-checks';

// Terminus's own error log is off: ProbesController logs one line naming the failed checks.
@Module({
  imports: [PluginsModule, TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, ProbesController],
  providers: [ReadinessChecks],
})
export class HealthModule {}
