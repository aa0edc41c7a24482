/** The hub's public surface, for the orchestrator, the sandbox/demo tooling and tests. */
export * from './app.module';
export * from './bootstrap';
export * from './start';
export * from './config/hub-config';
export { HUB_CONFIG } from './config/config.tokens';
export * from './crypto/credential-cipher';
export * from './database/data-source-options';
export * from './database/statement-counter';
export * from './database/sql';
export * from './entities';
export * from './migrations';
export * from './pending-work/pending-work.signal';
export * from './plugins/connection-factory.service';
export * from './plugins/plugin-registry.service';
export * from './plugins/plugin-discovery';
export * from './reference-data/reference-data.service';
export * from './sync-variants/pending-marking';
export * from './http/api-errors';
