/**
 * The hub with its orchestrator, over the real plugins (HUB_PLUGINS_DIR = the monorepo's plugins/),
 * for the end-to-end tests. `scheduler: false` (HUB_SCHEDULER=off) lets a test drive runs itself
 * through SyncWorker.processStore; `true` runs the real scheduler, queue and workers.
 */
import { SyncWorker } from '../../../src/sync/sync-worker';
import { SYNC_SCHEDULER_TOKEN } from '../../../src/sync/sync-tokens';
import type { SyncScheduler } from '../../../src/sync/sync-scheduler';
import { startTestHub, type TestHub } from '../../support/hub-harness';
import type { TestDatabaseKind } from '../../support/test-databases';
import { PLUGINS_DIR } from './platforms';

export interface SyncHubOptions {
  scheduler?: boolean;
  env?: Record<string, string>;
}

export interface SyncTestHub extends TestHub {
  worker: SyncWorker;
  scheduler: SyncScheduler;
  /** One pass of the worker over a store (lease, queued/due runs), as a queue job would do it. */
  runStore(storeId: string, maxRuns?: number): ReturnType<SyncWorker['processStore']>;
}

/** Short timings so tests wait little; the defaults are for production. */
export const FAST_SYNC_ENV: Record<string, string> = {
  HUB_SCHEDULER_TICK_MS: '250',
  HUB_SCHEDULER_NUDGE_MS: '20',
  HUB_SYNC_POLL_MS: '500',
  HUB_SYNC_LEASE_SECONDS: '10',
  HUB_SYNC_BACKOFF_BASE_MS: '250',
  HUB_SYNC_BACKOFF_MAX_MS: '2000',
};

export async function startSyncHub(
  kind: TestDatabaseKind,
  options: SyncHubOptions = {},
): Promise<{ hub: SyncTestHub; stop(): Promise<void> }> {
  // Platform notices stay off unless a test asks (notices.test.ts): a platform's echo of the hub's own writes
  // would queue read-backs at moments the other suites cannot predict.
  const env = {
    HUB_PLUGINS_DIR: PLUGINS_DIR,
    ...FAST_SYNC_ENV,
    HUB_NOTICES_SUBSCRIBE: 'off',
    HUB_SCHEDULER: options.scheduler ? 'on' : 'off',
    ...options.env,
  };
  const started = await startTestHub(kind, { env });
  const worker = started.hub.app.get(SyncWorker);
  const scheduler = started.hub.app.get<SyncScheduler>(SYNC_SCHEDULER_TOKEN);
  const hub: SyncTestHub = Object.assign(started.hub, {
    worker,
    scheduler,
    runStore: (storeId: string, maxRuns?: number) => worker.processStore({ storeId }, maxRuns),
  });
  return { hub, stop: started.stop };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
