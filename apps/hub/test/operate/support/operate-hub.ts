/**
 * A hub for the operations tests, built like test/support/hub-harness.ts (the real createHubApp on
 * PGlite or a throwaway PostgreSQL database) but handing the test what it needs to break or read: the
 * PGlite instance or the PostgreSQL database (readiness when the database is gone), and the JSON lines
 * the hub logged.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createHubApp } from '../../../src/bootstrap';
import { loadHubConfig } from '../../../src/config/hub-config';
import { StatementCounter } from '../../../src/database/statement-counter';
import { openTestPGlite } from '../../support/pglite-template';
import { FIXTURE_PLUGINS_DIR, TEST_TOKEN, type TestHub } from '../../support/hub-harness';
import type { TestDatabaseKind } from '../../support/test-databases';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../../support/throwaway-postgres';

export const METRICS_TOKEN = 'hub_metrics_test_0123456789abcdef';

export interface OperateHub extends TestHub {
  app: NestExpressApplication;
  pglite?: PGlite;
  pg?: ThrowawayDatabase;
  /** Every line the hub logged so far, parsed (the hub writes JSON lines). */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

export async function startOperateHub(kind: TestDatabaseKind, env: Record<string, string> = {}): Promise<OperateHub> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-operate-'));
  const fullEnv: Record<string, string> = {
    HUB_API_TOKENS: TEST_TOKEN,
    HUB_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    HUB_DATA_DIR: dataDir,
    HUB_PLUGINS_DIR: FIXTURE_PLUGINS_DIR,
    HUB_LOG_LEVEL: 'info',
    HUB_SCHEDULER: 'off',
    ...env,
  };
  let pglite: PGlite | undefined;
  let pg: ThrowawayDatabase | undefined;
  if (kind === 'pglite') pglite = await openTestPGlite();
  else {
    pg = await createThrowawayDatabase(process.env.TEST_DATABASE_URL!);
    fullEnv.DATABASE_URL = pg.url;
    fullEnv.HUB_MIGRATE_ON_START = 'true';
  }
  const logs: Record<string, unknown>[] = [];
  // Kept in memory, not printed: the test output stays quiet.
  const logDestination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadHubConfig(fullEnv, () => undefined);
  const app = await createHubApp({ config, pglite, logDestination });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const auth = (t: request.Test) => t.set('Authorization', `Bearer ${TEST_TOKEN}`);
  const db = app.get(DataSource);
  const counter = app.get(StatementCounter);
  return {
    kind,
    app,
    config,
    url,
    db,
    pglite,
    pg,
    logs,
    statements: () => counter.statements,
    get: (p) => auth(request(url).get(p)),
    post: (p, body) => auth(request(url).post(p)).send(body ?? {}),
    put: (p, body) => auth(request(url).put(p)).send(body ?? {}),
    patch: (p, body) => auth(request(url).patch(p)).send(body ?? {}),
    raw: () => request(url),
    sql: <T>(text: string, params: unknown[] = []) => db.query<T[]>(text, params),
    async stop() {
      await app.close().catch(() => undefined); // the test may have closed or dropped its database
      if (pglite && !pglite.closed) await pglite.close();
      if (pg) await pg.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
