/**
 * The database: one TypeORM DataSource on PostgreSQL or embedded PGlite. Migrations run while the
 * DataSource initialises when the config says so (always in embedded mode), before any module starts.
 */
import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { buildDataSourceOptions } from './data-source-options';
import { StatementCounter } from './statement-counter';

export interface DatabaseModuleOptions {
  /** Share an already-open PGlite instead of opening the configured data dir (tests). */
  pglite?: PGlite;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions = {}): DynamicModule {
    const counter = new StatementCounter();
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [HUB_CONFIG],
          useFactory: (config: HubConfig) => {
            counter.logsStatements = config.logLevel === 'verbose';
            return buildDataSourceOptions(config.database, {
              migrationsRun: config.migrateOnStart,
              logger: counter,
              pglite: options.pglite,
            });
          },
          dataSourceFactory: async (opts) => new DataSource(opts!).initialize(),
        }),
      ],
      providers: [{ provide: StatementCounter, useValue: counter }],
      exports: [TypeOrmModule, StatementCounter],
    };
  }
}
