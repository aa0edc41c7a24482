import { Module } from '@nestjs/common';
import { PluginsModule } from '../plugins/plugins.module';
import { HealthController } from './health.controller';

@Module({ imports: [PluginsModule], controllers: [HealthController] })
export class HealthModule {}
