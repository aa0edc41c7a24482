/**
 * The orchestrator's settings, read once from the environment and validated like the hub's own config
 * (every problem reported together, naming the variable).
 */
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';

export interface SyncConfig {
  /** false with HUB_SCHEDULER=off: no scheduler ticks and no queue workers (tests drive runs by hand). */
  schedulerEnabled: boolean;
  /** How often the scheduler looks for due work (HUB_SCHEDULER_TICK_MS, default 1000). */
  tickMs: number;
  /** Debounce of the nudge that follows a marking write (HUB_SCHEDULER_NUDGE_MS, default 100). */
  nudgeDebounceMs: number;
  /** Default reconciliation interval per store (HUB_RECONCILE_INTERVAL_SECONDS, default 6 h). */
  reconcileIntervalSeconds: number;
  /**
   * Store runs in flight at once in this process (HUB_SYNC_CONCURRENCY, default 500 on PostgreSQL, 50 on the
   * embedded database). Runs wait on their platform and rate budget almost all the time and hold a database
   * connection only per statement, so this is in the hundreds; the database pool bounds what runs against
   * the database at once. The embedded database is one session (EMBEDDED_SYNC_CONCURRENCY says why less).
   */
  concurrency: number;
  /** How often an idle dispatcher looks for jobs other processes enqueued (HUB_SYNC_POLL_MS, default 250). */
  pollMs: number;
  /** Store lease time-to-live (HUB_SYNC_LEASE_SECONDS, default 30); renewed every third of it. */
  leaseSeconds: number;
  /** Synced variants loaded, computed and recorded per step (HUB_SYNC_CHUNK_SIZE, default 500; a run rounds it down to whole platform batches: chunk-limit.ts). */
  chunkSize: number;
  /** Retry backoff of a variant after RateLimited / Transient: base × 2^(attempts-1), capped. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /**
   * Subscribe new stores to their platform's notices when the plugin can (HUB_NOTICES_SUBSCRIBE, on|off,
   * default on): drift in seconds. Off leaves stores on reconciliation alone (and keeps deterministic tests
   * free of the platforms' echo of the hub's own writes).
   */
  noticesSubscribe: boolean;
  /** Identifies this process in store leases (host:pid:random). */
  instanceId: string;
}

export class SyncConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid orchestrator configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SyncConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Store runs in flight per process by default: enough to overlap hundreds of platform answers (100–500 ms each). */
export const DEFAULT_SYNC_CONCURRENCY = 500;
/**
 * The default on the embedded database (no DATABASE_URL). PGlite is ONE session (on a thread of its own):
 * every statement of every run waits its turn there (FIFO), so runs beyond what keeps it busy only lengthen
 * that queue — with 500 in flight a facility-stock POST waited 14–28 s behind them and platform answers
 * sat unread past the client's timeout. A run spends a few ms of that session per 100–500 ms of platform
 * time, so a few dozen runs keep it busy.
 */
export const EMBEDDED_SYNC_CONCURRENCY = 50;

/** Variables earlier versions read and this one ignores (named in the start-up log, never an error). */
export const RETIRED_SYNC_VARIABLES: Readonly<Record<string, string>> = {
  HUB_SYNC_WORKERS: 'HUB_SYNC_CONCURRENCY (store runs in flight per process, default 500; 50 on the embedded database)',
};

const ON_WORDS: ReadonlySet<string> = new Set(['on', 'true', '1']);
const OFF_WORDS: ReadonlySet<string> = new Set(['off', 'false', '0']);

export function loadSyncConfig(env: Env = process.env): SyncConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  /** A switch that is on unless set to off/false/0 (any case, spaces around); anything but those and on/true/1 is named. */
  const onUnlessOff = (name: string): boolean => {
    const value = (env[name] ?? '').trim().toLowerCase();
    if (OFF_WORDS.has(value)) return false;
    if (value !== '' && !ON_WORDS.has(value)) problems.push(`${name} must be on or off, got "${env[name]}"`);
    return true;
  };
  const config: SyncConfig = {
    schedulerEnabled: onUnlessOff('HUB_SCHEDULER'),
    tickMs: int('HUB_SCHEDULER_TICK_MS', 1000, 50, 3_600_000),
    nudgeDebounceMs: int('HUB_SCHEDULER_NUDGE_MS', 100, 0, 60_000),
    reconcileIntervalSeconds: int('HUB_RECONCILE_INTERVAL_SECONDS', 6 * 3600, 1),
    concurrency: int('HUB_SYNC_CONCURRENCY', env.DATABASE_URL?.trim() ? DEFAULT_SYNC_CONCURRENCY : EMBEDDED_SYNC_CONCURRENCY, 1, 5000),
    pollMs: int('HUB_SYNC_POLL_MS', 250, 50, 60_000),
    leaseSeconds: int('HUB_SYNC_LEASE_SECONDS', 30, 2, 3600),
    chunkSize: int('HUB_SYNC_CHUNK_SIZE', 500, 1, 10_000),
    backoffBaseMs: int('HUB_SYNC_BACKOFF_BASE_MS', 2000, 1),
    backoffMaxMs: int('HUB_SYNC_BACKOFF_MAX_MS', 5 * 60_000, 1),
    noticesSubscribe: onUnlessOff('HUB_NOTICES_SUBSCRIBE'),
    instanceId: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  };
  if (problems.length) throw new SyncConfigError(problems);
  return config;
}

/** Injection token of the SyncConfig. */
export const SYNC_CONFIG = Symbol('SYNC_CONFIG');
