/**
 * TypeORM options for the configured database: PostgreSQL through `pg`, or embedded PGlite through the
 * serialising pool. Migrations are the only way the schema changes (synchronize is always off).
 */
import type { PGlite } from '@electric-sql/pglite';
import type { DataSourceOptions, Logger } from 'typeorm';
import type { DatabaseConfig } from '../config/hub-config';
import { HUB_ENTITIES } from '../entities';
import { HUB_MIGRATIONS } from '../migrations';
import { namedStatementClient } from './named-statements';
import { inProcessSession, type EmbeddedSession } from './embedded-session';
import { openPGlite } from './open-pglite';
import { createSerialPGliteDriver } from './pglite-serial-pool';
import { openPGliteThread, pgliteThreadScript } from './pglite-thread';

export { EMBEDDED_SHARED_BUFFERS, openPGlite } from './open-pglite';

/**
 * PostgreSQL connections per hub process. Store runs hold a connection only per statement (none while
 * they wait on a platform), so hundreds of runs in flight share this pool; it is what bounds the hub's
 * load on the database. Two processes plus pg-boss's pools stay well under PostgreSQL's default 100.
 */
export const POSTGRES_POOL_SIZE = 20;

/** PostgreSQL session settings the hub's connections start with (libpq `options`, as PGOPTIONS would set them). */
export const HUB_SESSION_OPTIONS = '-c jit=off';

export interface DataSourceBuildOptions {
  migrationsRun: boolean;
  logger?: Logger;
  /** A PGlite instance to use instead of opening config.dataDir (tests share one per file). */
  pglite?: PGlite;
}

export function buildDataSourceOptions(db: DatabaseConfig, opts: DataSourceBuildOptions): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: HUB_ENTITIES,
    migrations: HUB_MIGRATIONS,
    migrationsTableName: 'hub_migrations',
    migrationsTransactionMode: 'each' as const,
    migrationsRun: opts.migrationsRun,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ (and PGlite); no extension to install.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logger: opts.logger,
  };
  if (db.kind === 'postgres') {
    return {
      ...common,
      url: db.url,
      poolSize: POSTGRES_POOL_SIZE,
      applicationName: 'stock-sync-hub',
      // The hub's statements are short and set-based, but the planner's cost estimates of a few (the scheduler's
      // due-work query, a batch of notices) pass jit_above_cost on large fleets, and compiling them took longer
      // than running them: 37 of 42 s of the notices' statements at 1 000 stores (issue 10). A startup option, so
      // every pooled connection has it; an `options` parameter in DATABASE_URL replaces it.
      // Client: each parameterized statement named, parsed once per connection (named-statements.ts).
      extra: { options: HUB_SESSION_OPTIONS, ...(db.preparedStatements === false ? {} : { Client: namedStatementClient() }) },
    };
  }
  const named = db.preparedStatements !== false;
  const shared = opts.pglite;
  const driver = createSerialPGliteDriver({
    session: shared ? inProcessSession(shared, named) : () => openEmbeddedSession(db.dataDir, named),
    closeOnEnd: !shared,
  });
  return { ...common, driver };
}

/**
 * The data directory opened on the database's own thread (pglite-thread.ts); in the hub's thread only when no
 * compiled thread script exists (the package not built).
 */
export async function openEmbeddedSession(dataDir: string, named: boolean): Promise<EmbeddedSession> {
  const script = pgliteThreadScript();
  return script ? openPGliteThread(dataDir, named, script) : inProcessSession(await openPGlite(dataDir), named);
}
