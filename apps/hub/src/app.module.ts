/**
 * The hub's root module: one module per concern. The orchestrator adds its own (scheduler, queue,
 * worker, sync routes) next to these; see README.md "Seams for the orchestrator".
 */
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { PGlite } from '@electric-sql/pglite';
import type { DestinationStream } from 'pino';
import { BearerTokenGuard } from './auth/bearer-token.guard';
import { CatalogModule } from './catalog/catalog.module';
import { ConfigModule } from './config/config.module';
import type { HubConfig } from './config/hub-config';
import { CredentialsModule } from './credentials/credentials.module';
import { CryptoModule } from './crypto/crypto.module';
import { DatabaseModule } from './database/database.module';
import { FacilityStockModule } from './facility-stock/facility-stock.module';
import { HealthModule } from './health/health.module';
import { HistoryModule } from './history/history.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { OAuthModule } from './oauth/oauth.module';
import { OverviewModule } from './overview/overview.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { PendingWorkModule } from './pending-work/pending-work.signal';
import { PluginsModule } from './plugins/plugins.module';
import { ReferenceDataModule } from './reference-data/reference-data.module';
import { StoresModule } from './stores/stores.module';
import { SyncVariantsModule } from './sync-variants/sync-variants.module';
import { SyncModule } from './sync/sync.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export interface HubModuleOptions {
  config: HubConfig;
  /** Share an open PGlite (tests: one per test file). */
  pglite?: PGlite;
  /** Where log lines go (tests read them back); default: stdout. */
  logDestination?: DestinationStream;
  /** More modules to mount (the orchestrator's, or test-only ones). */
  imports?: DynamicModule['imports'];
}

@Module({})
export class HubModule {
  static forRoot(options: HubModuleOptions): DynamicModule {
    return {
      module: HubModule,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggingModule.forRoot(options.config, options.logDestination),
        MetricsModule,
        DatabaseModule.forRoot({ pglite: options.pglite }),
        CryptoModule,
        PendingWorkModule,
        ReferenceDataModule,
        PluginsModule,
        CatalogModule,
        FacilityStockModule,
        StoresModule,
        SyncVariantsModule,
        HealthModule,
        SyncModule.forRoot({ config: options.config.sync }),
        OAuthModule,
        CredentialsModule,
        WebhooksModule,
        OverviewModule,
        HistoryModule,
        ...(options.imports ?? []),
      ],
      providers: [
        { provide: APP_GUARD, useClass: BearerTokenGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
