/**
 * The transaction boundary's retry: deadlocks (40P01) and serialization failures (40001) are run again,
 * anything else is not. On PostgreSQL a REAL deadlock is forced: two transactions lock two rows in
 * opposite orders; PostgreSQL aborts one, the helper runs it again and both commit.
 */
import 'reflect-metadata';
import { DataSource, type EntityManager } from 'typeorm';
import { isRetryableTransactionError, retryingTransaction, withTransactionRetry } from '../src/database/transaction-retry';
import { testDatabases } from './support/test-databases';
import { createThrowawayDatabase, type ThrowawayDatabase } from './support/throwaway-postgres';

const pgError = (code: string) => Object.assign(new Error(`db error ${code}`), { code });

describe('withTransactionRetry', () => {
  it('runs the work again after a deadlock or a serialization failure, then returns its result', async () => {
    const codes = ['40P01', '40001'];
    const retries: string[] = [];
    let calls = 0;
    const result = await withTransactionRetry(
      async () => {
        const code = codes[calls++];
        if (code) throw pgError(code);
        return 'done';
      },
      { baseDelayMs: 1, onRetry: (_n, code) => retries.push(code) },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(retries).toEqual(['40P01', '40001']);
  });

  it('gives up after the bounded number of attempts and rethrows the last error', async () => {
    let calls = 0;
    await expect(
      withTransactionRetry(
        async () => {
          calls++;
          throw pgError('40P01');
        },
        { attempts: 3, baseDelayMs: 1 },
      ),
    ).rejects.toMatchObject({ code: '40P01' });
    expect(calls).toBe(3);
  });

  it('never repeats other errors (a unique violation, a validation error)', async () => {
    for (const error of [pgError('23505'), new Error('plain')]) {
      let calls = 0;
      await expect(
        withTransactionRetry(
          async () => {
            calls++;
            throw error;
          },
          { baseDelayMs: 1 },
        ),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });

  it("recognises TypeORM's wrapped driver error", () => {
    expect(isRetryableTransactionError({ driverError: { code: '40P01' } })).toBe(true);
    expect(isRetryableTransactionError({ code: '40001' })).toBe(true);
    expect(isRetryableTransactionError({ code: '57014' })).toBe(false);
    expect(isRetryableTransactionError(undefined)).toBe(false);
  });
});

const onPostgres = testDatabases().includes('postgres') ? describe : describe.skip;

onPostgres('retryingTransaction on PostgreSQL: a forced deadlock', () => {
  let pg: ThrowawayDatabase;
  let db: DataSource;

  beforeAll(async () => {
    pg = await createThrowawayDatabase(process.env.TEST_DATABASE_URL!);
    db = await new DataSource({ type: 'postgres', url: pg.url, poolSize: 4 }).initialize();
    await db.query(`CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)`);
    await db.query(`INSERT INTO t VALUES (1, 0), (2, 0)`);
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await pg?.drop();
  });

  /** Locks `first`, waits until the other transaction holds its first row, then locks `second`. */
  function crossing(first: number, second: number, barrier: { arrived: number }, attemptsSeen: number[]) {
    let attempt = 0;
    return async (m: EntityManager) => {
      attempt++;
      attemptsSeen.push(attempt);
      await m.query(`SET LOCAL deadlock_timeout = '50ms'`);
      await m.query(`UPDATE t SET v = v + 1 WHERE id = $1`, [first]);
      if (attempt === 1) {
        barrier.arrived++;
        while (barrier.arrived < 2) await new Promise((r) => setTimeout(r, 5));
      }
      await m.query(`UPDATE t SET v = v + 1 WHERE id = $1`, [second]);
    };
  }

  it('without the retry one of the two transactions fails with 40P01', async () => {
    const barrier = { arrived: 0 };
    const outcomes = await Promise.allSettled([db.transaction(crossing(1, 2, barrier, [])), db.transaction(crossing(2, 1, barrier, []))]);
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(isRetryableTransactionError(failed[0]!.reason)).toBe(true);
  });

  it('with the retry both commit: the loser runs again once the winner is done', async () => {
    const before = await db.query(`SELECT sum(v)::int AS s FROM t`);
    const barrier = { arrived: 0 };
    const a: number[] = [];
    const b: number[] = [];
    const retried: string[] = [];
    await Promise.all([
      retryingTransaction(db, crossing(1, 2, barrier, a), { onRetry: (_n, code) => retried.push(code) }),
      retryingTransaction(db, crossing(2, 1, barrier, b), { onRetry: (_n, code) => retried.push(code) }),
    ]);
    expect(retried).toEqual(['40P01']);
    expect(a.length + b.length).toBe(3);
    const after = await db.query(`SELECT sum(v)::int AS s FROM t`);
    expect(after[0].s - before[0].s).toBe(4);
  });
});
