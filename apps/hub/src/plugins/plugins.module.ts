import { Module } from '@nestjs/common';
import { ConnectionFactory } from './connection-factory.service';
import { IntegrationsController } from './integrations.controller';
import { PluginRegistry } from './plugin-registry.service';

@Module({
  controllers: [IntegrationsController],
  providers: [PluginRegistry, ConnectionFactory],
  exports: [PluginRegistry, ConnectionFactory],
})
export class PluginsModule {}
