import { canTransition, finalRunStatus, statesLeadingTo } from '../../src/sync/run-transitions';
import { loadSyncConfig, SyncConfigError } from '../../src/sync/sync-config';

const counts = (over = {}) => ({ planned: 0, written: 0, unchanged: 0, failed: 0, drift: 0, ...over });

describe('run state machine', () => {
  it('allows only queued → running → terminal (and queued → failed)', () => {
    expect(statesLeadingTo('running')).toEqual(['queued']);
    expect(statesLeadingTo('failed').sort()).toEqual(['queued', 'running']);
    expect(statesLeadingTo('succeeded')).toEqual(['running']);
    expect(canTransition('succeeded', 'running')).toBe(false);
    expect(canTransition('failed', 'succeeded')).toBe(false);
  });

  it('ends a run from what it did', () => {
    expect(finalRunStatus(counts({ written: 3 }), null, false)).toBe('succeeded');
    expect(finalRunStatus(counts({ written: 3, failed: 1 }), null, false)).toBe('partial');
    expect(finalRunStatus(counts({ failed: 1 }), null, false)).toBe('failed');
    expect(finalRunStatus(counts({ written: 2 }), null, true)).toBe('partial');
    expect(finalRunStatus(counts({ written: 2 }), { code: 'auth', message: 'revoked' }, false)).toBe('failed');
    expect(finalRunStatus(counts({ planned: 4 }), null, false)).toBe('succeeded'); // a dry run
  });
});

describe('loadSyncConfig', () => {
  it('has production defaults', () => {
    const c = loadSyncConfig({});
    expect(c).toMatchObject({ schedulerEnabled: true, tickMs: 1000, reconcileIntervalSeconds: 21600, chunkSize: 500 });
    expect(loadSyncConfig({ HUB_SCHEDULER: 'off' }).schedulerEnabled).toBe(false);
  });

  it('names every bad variable', () => {
    try {
      loadSyncConfig({ HUB_SCHEDULER_TICK_MS: 'soon', HUB_SYNC_POLL_MS: '10', HUB_SCHEDULER: 'maybe' });
      throw new Error('expected a SyncConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(SyncConfigError);
      expect((e as SyncConfigError).problems.join('\n')).toMatch(/HUB_SCHEDULER_TICK_MS[\s\S]*HUB_SYNC_POLL_MS|HUB_SCHEDULER must/);
      expect((e as SyncConfigError).problems).toHaveLength(3);
    }
  });
});
