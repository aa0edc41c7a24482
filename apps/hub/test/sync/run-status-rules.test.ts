// How a run moves and how it ends (run-transitions.ts): the state machine, the conditional UPDATE's
// parameters (checked on a recording stand-in for the database; orchestrator-db.test.ts runs the same
// statement on PGlite and PostgreSQL), and the final status from the run's counts.
import type { EntityManager } from 'typeorm';
import type { SyncRunStatus } from '../../src/entities';
import { canTransition, finalRunStatus, statesLeadingTo, TERMINAL_RUN_STATUSES, transitionRun } from '../../src/sync/run-transitions';

const counts = (over = {}) => ({ planned: 0, written: 0, unchanged: 0, failed: 0, drift: 0, ...over });
const ALL: SyncRunStatus[] = ['queued', 'running', 'succeeded', 'partial', 'failed'];

describe('run state machine', () => {
  it('allows exactly queued → running | failed and running → succeeded | partial | failed', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['queued→running', 'queued→failed', 'running→succeeded', 'running→partial', 'running→failed']);
  });

  it('names the states that lead to each state', () => {
    expect(Object.fromEntries(ALL.map((to) => [to, statesLeadingTo(to)]))).toEqual({
      queued: [],
      running: ['queued'],
      succeeded: ['running'],
      partial: ['running'],
      failed: ['queued', 'running'],
    });
    expect(TERMINAL_RUN_STATUSES).toEqual(['succeeded', 'partial', 'failed']);
  });
});

describe('transitionRun', () => {
  function recordingManager(rows: { id: string }[] = [{ id: 'run-1' }]) {
    const calls: { text: string; params: unknown[] }[] = [];
    const manager = {
      queryRunner: {
        query: async (text: string, params: unknown[]) => {
          calls.push({ text, params });
          return { records: rows };
        },
      },
    } as unknown as EntityManager;
    return { manager, calls };
  }

  it('moves one run by id from any state that may lead to the target, stamping and keeping error and counts', async () => {
    const { manager, calls } = recordingManager([{ id: 'run-1' }]);
    const error = { code: 'auth', message: 'revoked' };
    const moved = await transitionRun(manager, { runId: 'run-1' }, 'failed', { error, counts: counts({ failed: 2 }) });
    expect(moved).toEqual(['run-1']);
    expect(calls).toHaveLength(1);
    const [params] = [calls[0].params];
    expect(params).toEqual([
      'run-1',
      null,
      'failed',
      ['succeeded', 'partial', 'failed'],
      JSON.stringify(error),
      JSON.stringify(counts({ failed: 2 })),
      ['queued', 'running'],
    ]);
    const sql = calls[0].text.replace(/\s+/g, ' ');
    expect(sql).toContain('UPDATE sync_runs SET status = $3');
    expect(sql).toContain("started_at = CASE WHEN $3 = 'running' THEN now() ELSE started_at END");
    expect(sql).toContain('finished_at = CASE WHEN $3 = ANY($4::text[]) THEN now() ELSE finished_at END');
    expect(sql).toContain('error = COALESCE($5::jsonb, error)');
    expect(sql).toContain('counts = COALESCE($6::jsonb, counts)');
    expect(sql).toContain('WHERE (id = $1::uuid OR store_id = $2::uuid) AND status = ANY($7::text[]) RETURNING id');
  });

  it('without error or counts passes nulls (the columns keep their values)', async () => {
    const { manager, calls } = recordingManager();
    await transitionRun(manager, { runId: 'run-1' }, 'running');
    expect(calls[0].params).toEqual(['run-1', null, 'running', ['succeeded', 'partial', 'failed'], null, null, ['queued']]);
    await transitionRun(manager, { runId: 'run-1' }, 'succeeded', { error: null });
    expect(calls[1].params[4]).toBeNull();
  });

  it("moves a store's runs only out of the one state named (orphans after a crash)", async () => {
    const { manager, calls } = recordingManager([{ id: 'a' }, { id: 'b' }]);
    expect(await transitionRun(manager, { storeId: 'store-9', from: 'running' }, 'failed')).toEqual(['a', 'b']);
    expect(calls[0].params.slice(0, 3)).toEqual([null, 'store-9', 'failed']);
    expect(calls[0].params[6]).toEqual(['running']);
  });

  it('asks nothing of the database when no state may lead there', async () => {
    const { manager, calls } = recordingManager();
    expect(await transitionRun(manager, { storeId: 'store-9', from: 'succeeded' }, 'failed')).toEqual([]);
    expect(await transitionRun(manager, { runId: 'run-1' }, 'queued')).toEqual([]);
    expect(calls).toHaveLength(0);
  });
});

describe('finalRunStatus', () => {
  it('a fatal error fails the run whatever else happened', () => {
    expect(finalRunStatus(counts({ written: 5, unchanged: 5 }), { code: 'auth', message: 'revoked' }, false)).toBe('failed');
  });

  it('no failure and no stop: succeeded, even with nothing to do', () => {
    expect(finalRunStatus(counts(), null, false)).toBe('succeeded');
    expect(finalRunStatus(counts({ unchanged: 3, drift: 2 }), null, false)).toBe('succeeded');
  });

  it('failures or a stop with progress (written or unchanged variants) is partial', () => {
    expect(finalRunStatus(counts({ written: 1, failed: 1 }), null, false)).toBe('partial');
    expect(finalRunStatus(counts({ unchanged: 1, failed: 1 }), null, false)).toBe('partial');
    expect(finalRunStatus(counts({ unchanged: 1 }), null, true)).toBe('partial');
  });

  it('failures or a stop with no progress at all is failed', () => {
    expect(finalRunStatus(counts({ failed: 1 }), null, false)).toBe('failed');
    expect(finalRunStatus(counts({ planned: 3 }), null, true)).toBe('failed');
    expect(finalRunStatus(counts({ drift: 2 }), null, true)).toBe('failed');
  });
});
