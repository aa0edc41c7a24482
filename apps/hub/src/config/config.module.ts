import { DynamicModule, Global, Module } from '@nestjs/common';
import { HUB_CONFIG } from './config.tokens';
import type { HubConfig } from './hub-config';

/** Provides the validated HubConfig to every module (loaded once, before Nest starts). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: HubConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: HUB_CONFIG, useValue: config }], exports: [HUB_CONFIG] };
  }
}
