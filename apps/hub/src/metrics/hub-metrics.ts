/**
 * The hub's Prometheus metrics (prom-client), one registry per hub (tests run several in one process).
 *
 * Labels are bounded: platform ids (the loaded plugins), run statuses, outcomes, HTTP route templates and
 * status codes. Never a store id, a store name, a token or anything from a credential.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Facility update → store update, in seconds: from sub-second to the platforms' slow budgets (minutes). */
const LATENCY_BUCKETS = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createHubRegistry() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hub_process_' });
  const registers = [registry];
  return {
    registry,
    syncRuns: new Counter({
      name: 'hub_sync_runs_total',
      help: 'Sync runs finished, by platform and final status (succeeded, partial, failed); dry runs excluded',
      labelNames: ['platform', 'status'] as const,
      registers,
    }),
    syncVariants: new Counter({
      name: 'hub_sync_variants_total',
      help: 'Synced variants handled by sync runs, by platform and result: written, failed, unchanged (already right: skipped in place), drift (found by a read-back)',
      labelNames: ['platform', 'result'] as const,
      registers,
    }),
    platformCalls: new Counter({
      name: 'hub_platform_calls_total',
      help: "HTTP calls sync runs made to platforms (every attempt, retries included), by platform (the SDK HTTP client's stats)",
      labelNames: ['platform'] as const,
      registers,
    }),
    platformThrottled: new Counter({
      name: 'hub_platform_throttled_total',
      help: 'Throttled answers (HTTP 429 or an in-body throttle) sync runs got from platforms, by platform',
      labelNames: ['platform'] as const,
      registers,
    }),
    latency: new Histogram({
      name: 'hub_facility_to_store_seconds',
      help: 'Time from the facility stock update the hub received to the write to the store that reflects it, by platform',
      labelNames: ['platform'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    leaseConflicts: new Counter({
      name: 'hub_store_lease_conflicts_total',
      help: "Times a worker or the credential sweep found a store's lease held by another run (the job ends; nothing is lost)",
      registers,
    }),
    credentialRefreshes: new Counter({
      name: 'hub_credential_refreshes_total',
      help: 'Credential renewals asked of platforms, by platform and outcome (renewed, refused: the store needs a reconnect, failed)',
      labelNames: ['platform', 'outcome'] as const,
      registers,
    }),
    httpRequests: new Counter({
      name: 'hub_http_requests_total',
      help: 'HTTP requests answered by the hub, by method, route template (unmatched: answered before routing, e.g. 401, 404) and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'hub_http_request_duration_seconds',
      help: 'HTTP request durations, by method and route template',
      labelNames: ['method', 'route'] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
    pendingVariants: new Gauge({
      name: 'hub_sync_pending_variants',
      help: 'Synced variants marked pending (a write to retry, a settings or mapping change), read from the database on scrape',
      registers,
    }),
    storesBehind: new Gauge({
      name: 'hub_sync_stores_behind',
      help: 'Active stores whose selling region has facility stock changes they have not caught up with yet, read on scrape',
      registers,
    }),
    oldestPending: new Gauge({
      name: 'hub_sync_oldest_pending_seconds',
      help: 'Age of the oldest change waiting to reach a store (a pending variant, or a facility update a store has not caught up with); 0 when none',
      registers,
    }),
    databaseStatements: new Counter({
      name: 'hub_database_statements_total',
      help: "SQL statements the hub sent through its database layer, by origin: work (requests, store runs, notices), periodic (the scheduler tick and the webhook lanes' poll, whatever the work), scrape (this endpoint's gauges); the queue's own polling is not included",
      labelNames: ['origin'] as const,
      registers,
    }),
    queueDepth: new Gauge({
      name: 'hub_queue_depth',
      help: 'Store sync jobs waiting in the pg-boss queue (0 when this process runs no queue: HUB_SCHEDULER=off)',
      registers,
    }),
  };
}

export type HubRegistry = ReturnType<typeof createHubRegistry>;
