/**
 * The closing report: what the hub says it wrote per store (sync runs and their changes), how many API
 * calls each simulated platform received, the facility-update → store-update latency, and every failure.
 */
import { sortFailedChanges, stillUnsettled } from './failed-changes';
import type { DemoStore } from './fleet';
import type { HubApi, SyncChange, SyncRun } from './hub-api';
import type { Output } from './output';
import { simRequests } from './sim-api';
import { formatSummary, summarize } from './stats';
import type { Latency, StepResult } from './step-runner';

export interface StoreTally {
  store: DemoStore;
  runs: number;
  written: number;
  failed: number;
  /** Attempts the platform throttled (or a transient error stopped) that the hub then settled. */
  retried: number;
  status?: string;
  failures: string[];
}

export interface PlatformCalls {
  displayName: string;
  total: number;
  byMethod: Record<string, number>;
  throttled: number;
  errors: number;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

export async function tallyStores(hub: HubApi, stores: readonly DemoStore[]): Promise<StoreTally[]> {
  return mapLimit(stores, 6, async (store) => {
    try {
      return await tallyStore(hub, store);
    } catch (e) {
      // One unreadable store must not hide the rest of the report.
      return {
        store,
        runs: 0,
        written: 0,
        failed: 0,
        retried: 0,
        failures: [`${store.name}: could not read its sync runs: ${e instanceof Error ? e.message : String(e)}`],
      };
    }
  });
}

async function tallyStore(hub: HubApi, store: DemoStore): Promise<StoreTally> {
  // 200 is the API's page maximum; the demo's stores have far fewer runs than that.
  const runs: SyncRun[] = await hub.syncRuns(store.id, 200);
  const real = runs.filter((r) => !r.dryRun);
  const perRun = await mapLimit(real, 4, async (run) => ({ run, changes: await hub.runChanges(run.id) }));
  const changes: SyncChange[] = perRun.flatMap((r) => r.changes);
  const sorted = sortFailedChanges(perRun);
  const unsettled = sorted.open.length
    ? stillUnsettled(sorted.open, [
        ...(await hub.syncVariants(store.id, 'pending', 200)),
        ...(await hub.syncVariants(store.id, 'failed', 200)),
      ])
    : [];
  const failedChanges = [...sorted.final, ...unsettled];
  const row = await hub.getStore(store.id);
  const failures = [
    ...sorted.final.map((c) => `${store.name}: change to ${c.externalProductId}/${c.externalVariantId} failed: ${errorText(c.error)}`),
    ...unsettled.map(
      (c) => `${store.name}: change to ${c.externalProductId}/${c.externalVariantId} failed and is still unsettled: ${errorText(c.error)}`,
    ),
    ...real
      .filter((r) => r.status === 'failed')
      .map((r) => `${store.name}: sync run ${r.id} failed${r.error ? `: ${errorText(r.error)}` : ''}`),
  ];
  if (row.status && row.status !== 'active')
    failures.push(`${store.name}: store status ${row.status}${row.statusReason ? ` (${row.statusReason})` : ''}`);
  return {
    store,
    runs: real.length,
    written: changes.filter((c) => c.outcome === 'written').length,
    failed: failedChanges.length,
    retried: sorted.writtenLater.length + sorted.open.length - unsettled.length,
    status: row.status,
    failures,
  };
}

/** Per simulated platform; a simulator that cannot be read counts as a failure, not a crash. */
export async function countPlatformCalls(stores: readonly DemoStore[], failures: string[]): Promise<PlatformCalls[]> {
  const bySim = new Map(stores.map((s) => [s.simUrl, s.displayName]));
  return Promise.all(
    [...bySim].map(async ([url, displayName]) => {
      let log;
      try {
        log = await simRequests(url);
      } catch (e) {
        failures.push(`${displayName}: could not read the request log: ${e instanceof Error ? e.message : String(e)}`);
        return { displayName, total: 0, byMethod: {}, throttled: 0, errors: 0 };
      }
      const byMethod: Record<string, number> = {};
      for (const r of log.requests) byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
      return {
        displayName,
        total: log.total,
        byMethod,
        throttled: log.requests.filter((r) => r.status === 429).length,
        errors: log.requests.filter((r) => r.status >= 500).length,
      };
    }),
  );
}

function errorText(e: unknown): string {
  if (!e) return 'no detail';
  if (typeof e === 'string') return e;
  const m = (e as { message?: unknown }).message;
  return typeof m === 'string' ? m : JSON.stringify(e);
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);

export function printReport(
  out: Output,
  tallies: StoreTally[],
  calls: PlatformCalls[],
  latencies: Latency[],
  steps: StepResult[],
  failures: string[],
  /** What the counts above include besides the scenario (e.g. the platform-notices step's reassertion). */
  notes: readonly string[] = [],
): void {
  out.heading('Report');

  out.line('  Per platform: changes written per store (hub: GET /v1/stores/:id/sync-runs, /v1/sync-runs/:id/changes)');
  out.line('                and API calls the simulated platform received (its /__sim/requests)');
  const platforms = [...new Set(tallies.map((t) => t.store.displayName))];
  const pW = Math.max(8, ...platforms.map((p) => p.length));
  for (const p of platforms) {
    const mine = tallies.filter((t) => t.store.displayName === p);
    const written = mine.reduce((n, t) => n + t.written, 0);
    const failed = mine.reduce((n, t) => n + t.failed, 0);
    const retried = mine.reduce((n, t) => n + t.retried, 0);
    const runs = mine.reduce((n, t) => n + t.runs, 0);
    const perStore = mine.map((t) => `${t.store.regionName} ${t.written}`).join(', ');
    const retriedText = retried ? `, ${retried} retried after a throttled or transient attempt` : '';
    out.line(
      `    ${pad(p, pW)}  ${written} written (${perStore}), ${failed ? out.fail(`${failed} failed`) : '0 failed'}${retriedText}, ${runs} runs`,
    );
    const c = calls.find((x) => x.displayName === p);
    if (!c) continue;
    const methods = Object.entries(c.byMethod)
      .map(([m, n]) => `${m} ${n}`)
      .join(', ');
    const extras = [
      written ? `${(c.total / written).toFixed(2)} calls per change` : '',
      c.throttled ? `${c.throttled} throttled (429)` : '',
      c.errors ? `${c.errors} server errors` : '',
    ].filter(Boolean);
    out.line(out.dim(`    ${pad('', pW)}  ${c.total} API calls (${methods})${extras.length ? ` · ${extras.join(' · ')}` : ''}`));
  }
  const totalWritten = tallies.reduce((n, t) => n + t.written, 0);
  const totalCalls = calls.reduce((n, c) => n + c.total, 0);
  out.line(`    ${pad('All', pW)}  ${totalWritten} changes written in ${tallies.length} stores with ${totalCalls} API calls`);
  for (const n of notes) out.line(out.dim(`    ${pad('', pW)}  ${n}`));

  out.line('');
  out.line(`  Facility update → store update: ${formatSummary(summarize(latencies.map((l) => l.ms)))}`);
  for (const p of platforms) {
    out.line(out.dim(`    ${pad(p, pW)}  ${formatSummary(summarize(latencies.filter((l) => l.platform === p).map((l) => l.ms)))}`));
  }

  const expected = steps.reduce((n, s) => n + s.expectedChanges, 0);
  const arrived = steps.reduce((n, s) => n + s.arrived, 0);
  const checked = steps.reduce((n, s) => n + s.untouchedChecked, 0);
  out.line('');
  out.line(
    `  Expectations: ${steps.length} steps · ${arrived}/${expected} expected store updates seen · ${checked} untouched-variant checks`,
  );
  if (failures.length === 0) {
    out.line(`  ${out.ok('✓ Every expectation held: no failure.')}`);
  } else {
    out.line(`  ${out.fail(`✗ ${failures.length} failure(s):`)}`);
    for (const f of failures.slice(0, 40)) out.line(`    - ${f}`);
    if (failures.length > 40) out.line(`    … and ${failures.length - 40} more`);
  }
}
