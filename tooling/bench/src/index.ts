/**
 * The bench's reusable pieces (the drill, `tooling/drill`, runs on them): the hub as a child process, throwaway
 * PostgreSQL databases, one simulated shop per store, JSON over fetch, and the report's table layout.
 * `pnpm bench` itself is `dist/main.js`.
 */
export { startHubChild, type HubChild, type HubChildOptions } from './hub-child';
export { createPostgresDatabase, postgresServerUrl, postgresEnvPrefix, printableUrl, withDatabase, type BenchDatabase } from './database';
export { shopFor, storeVariantIds } from './bench-fleet';
export { json } from './http-json';
export { table } from './report';
export { percentile, round } from './stats';
