/**
 * GET /health/live and /health/ready (@nestjs/terminus) on both databases: ready when the database
 * answers, every migration is applied, the queue runs (when the process runs one) and plugins are loaded;
 * 503 naming the failed check otherwise — the database gone (PostgreSQL: dropped with its connections;
 * PGlite: closed), a migration missing, no plugin loaded. GET /health keeps its old answer.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testDatabases } from '../support/test-databases';
import { startOperateHub, type OperateHub } from './support/operate-hub';

jest.setTimeout(120_000);

for (const kind of testDatabases()) {
  describe(`readiness [${kind}]`, () => {
    let hub: OperateHub | undefined;
    afterEach(async () => {
      await hub?.stop();
      hub = undefined;
    });

    it('answers live and ready with every check up, without a token; GET /health is unchanged', async () => {
      hub = await startOperateHub(kind);
      const live = await hub.raw().get('/health/live').expect(200);
      expect(live.body).toMatchObject({ status: 'ok', details: { process: { status: 'up' } } });
      const ready = await hub.raw().get('/health/ready').expect(200);
      expect(ready.body).toMatchObject({
        status: 'ok',
        details: {
          database: { status: 'up', kind },
          migrations: { status: 'up' },
          queue: { status: 'up', running: false },
          plugins: { status: 'up' },
        },
      });
      expect(ready.body.details.plugins.loaded).toBeGreaterThan(0);
      const old = await hub.raw().get('/health').expect(200);
      expect(old.body).toMatchObject({ status: 'ok', database: { status: 'up', kind } });
    });

    it('is not ready (503, naming the database) when the database is gone; liveness still answers', async () => {
      hub = await startOperateHub(kind);
      await hub.raw().get('/health/ready').expect(200);
      if (hub.pglite) await hub.pglite.close();
      else await dropWithConnections(hub);
      const ready = await hub.raw().get('/health/ready').expect(503);
      expect(ready.body.status).toBe('error');
      expect(ready.body.error.database).toMatchObject({ status: 'down', kind });
      expect(ready.body.error.database.message).toEqual(expect.any(String));
      expect(JSON.stringify(ready.body)).not.toContain('postgres://'); // never the connection string
      await hub.raw().get('/health/live').expect(200);
      expect(hub.logs.some((l) => l.event === 'not_ready' && (l.failed as string[]).includes('database'))).toBe(true);
    });

    it('is not ready while a migration is not applied', async () => {
      hub = await startOperateHub(kind);
      const [last] = await hub.db.query<{ id: number; timestamp: string; name: string }[]>(
        `SELECT id, timestamp::text, name FROM hub_migrations ORDER BY timestamp DESC LIMIT 1`,
      );
      await hub.db.query(`DELETE FROM hub_migrations WHERE id = $1`, [last!.id]);
      const ready = await hub.raw().get('/health/ready').expect(503);
      expect(ready.body.error).toEqual({ migrations: expect.objectContaining({ status: 'down' }) });
      expect(ready.body.details.database.status).toBe('up');
      await hub.db.query(`INSERT INTO hub_migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [last!.id, last!.timestamp, last!.name]);
      await hub.raw().get('/health/ready').expect(200);
    });
  });
}

describe('readiness [pglite]: plugins and queue', () => {
  let hub: OperateHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
  });

  it('is not ready when no plugin is loaded', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-plugins-'));
    hub = await startOperateHub('pglite', { HUB_PLUGINS_DIR: empty });
    const ready = await hub.raw().get('/health/ready').expect(503);
    expect(ready.body.error).toEqual({ plugins: expect.objectContaining({ status: 'down', loaded: 0 }) });
    fs.rmSync(empty, { recursive: true, force: true });
  });

  it('reports the queue running when the process runs the scheduler', async () => {
    hub = await startOperateHub('pglite', { HUB_SCHEDULER: 'on' });
    const ready = await hub.raw().get('/health/ready').expect(200);
    expect(ready.body.details.queue).toMatchObject({ status: 'up', running: true, depth: expect.any(Number) });
  });
});

/** Drops the hub's PostgreSQL database, terminating its connections (what a lost database looks like to it). */
async function dropWithConnections(hub: OperateHub): Promise<void> {
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE ${hub.pg!.name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
