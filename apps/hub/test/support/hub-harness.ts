/**
 * Boots the REAL hub (HubModule through createHubApp, listening on 127.0.0.1:0) once per test file and
 * database: PGlite in memory (one instance shared by the file) and/or a throwaway PostgreSQL database.
 *
 *   describeHub('stores', (hub) => { it('…', async () => { await hub().get('/v1/stores').expect(200); }); });
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createHubApp } from '../../src/bootstrap';
import { loadHubConfig, type HubConfig } from '../../src/config/hub-config';
import { StatementCounter } from '../../src/database/statement-counter';
import type { HubModuleOptions } from '../../src/app.module';
import { openTestPGlite } from './pglite-template';
import { testDatabases, type TestDatabaseKind } from './test-databases';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-postgres';

export const TEST_TOKEN = 'hub_test_token_0123456789abcdef';
export const FIXTURE_PLUGINS_DIR = path.join(__dirname, '..', 'fixtures', 'plugins');

export interface HubHarnessOptions {
  /** Extra environment for loadHubConfig (e.g. HUB_PLUGINS_DIR, or orchestrator switches). */
  env?: Record<string, string>;
  imports?: HubModuleOptions['imports'];
}

export interface TestHub {
  kind: TestDatabaseKind;
  app: INestApplication;
  url: string;
  config: HubConfig;
  db: DataSource;
  /** Statements the hub has sent to the database so far. */
  statements(): number;
  /** Authorised requests. */
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  /** Unauthenticated requests (add your own headers). */
  raw(): ReturnType<typeof request>;
  /** SQL straight to the database (assertions on what was written). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export async function startTestHub(
  kind: TestDatabaseKind,
  options: HubHarnessOptions = {},
): Promise<{ hub: TestHub; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  let pglite: PGlite | undefined;
  let pg: ThrowawayDatabase | undefined;
  const env: Record<string, string> = {
    HUB_API_TOKENS: TEST_TOKEN,
    HUB_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    HUB_DATA_DIR: dataDir,
    HUB_PLUGINS_DIR: FIXTURE_PLUGINS_DIR,
    HUB_LOG_LEVEL: process.env.HUB_TEST_LOG_LEVEL ?? 'error',
    // No background sync unless a test asks for it (HUB_SCHEDULER: 'on'): pending flags stay as written.
    HUB_SCHEDULER: 'off',
    ...options.env,
  };
  if (kind === 'pglite') {
    pglite = await openTestPGlite();
  } else {
    pg = await createThrowawayDatabase(process.env.TEST_DATABASE_URL!);
    env.DATABASE_URL = pg.url;
    env.HUB_MIGRATE_ON_START = 'true';
  }
  const config = loadHubConfig(env, () => undefined);
  const app = await createHubApp({ config, pglite, imports: options.imports });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const db = app.get(DataSource);
  const counter = app.get(StatementCounter);
  const auth = (t: request.Test) => t.set('Authorization', `Bearer ${TEST_TOKEN}`);
  const hub: TestHub = {
    kind,
    app,
    url,
    config,
    db,
    statements: () => counter.statements,
    get: (p) => auth(request(url).get(p)),
    post: (p, body) => auth(request(url).post(p)).send(body ?? {}),
    put: (p, body) => auth(request(url).put(p)).send(body ?? {}),
    patch: (p, body) => auth(request(url).patch(p)).send(body ?? {}),
    raw: () => request(url),
    sql: async <T>(text: string, params: unknown[] = []) => {
      const runner = db.createQueryRunner();
      try {
        return (await runner.query(text, params, true)).records as T[];
      } finally {
        await runner.release();
      }
    },
  };
  return {
    hub,
    async stop() {
      await app.close();
      if (pglite && !pglite.closed) await pglite.close();
      if (pg) await pg.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Declares the suite once per configured database, with one hub per (file, database). */
export function describeHub(name: string, body: (hub: () => TestHub) => void, options: HubHarnessOptions = {}): void {
  for (const kind of testDatabases()) {
    describe(`${name} [${kind}]`, () => {
      let started: Awaited<ReturnType<typeof startTestHub>> | undefined;
      beforeAll(async () => {
        started = await startTestHub(kind, options);
      }, 120_000);
      afterAll(async () => {
        await started?.stop();
      }, 60_000);
      body(() => {
        if (!started) throw new Error('the hub did not start (see beforeAll)');
        return started.hub;
      });
    });
  }
}
