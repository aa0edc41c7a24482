/** The bench's printed output: a compact table per phase and the command that reproduces it. */
import type { EndToEndFigures, IngestFigures, NoOpFigures } from './bench-phases';
import { INGEST_BATCH, INGEST_POSTS } from './bench-phases';
import { round } from './stats';

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const s = (ms: number) => `${round(ms / 1000, 2)} s`;

export interface ReportInput {
  command: string;
  database: string;
  stores: number;
  variants: number;
  setupMs: number;
  initialSyncMs: number;
  ingest: IngestFigures;
  e2e: EndToEndFigures;
  noop: NoOpFigures;
}

export function formatReport(r: ReportInput): string {
  const ing = r.ingest;
  const out: string[] = [];
  out.push(
    `Stock Sync Hub benchmark — ${r.database}; ${r.stores} stores × ${r.variants} synced variants (setup ${s(r.setupMs)}, first full sync ${s(r.initialSyncMs)})`,
  );
  out.push('');
  out.push(
    `1. Facility-stock ingest: POST /v1/facility-stock with ${INGEST_BATCH} updates, ${INGEST_POSTS} posts (unsynced variants: the write path alone)`,
  );
  out.push(
    table(
      ['post', 'time', 'updates/s', 'SQL statements'],
      ing.ms.map((ms, i) => [String(i + 1), `${round(ms)} ms`, String(round(INGEST_BATCH / (ms / 1000))), String(ing.statements[i])]),
    ),
  );
  out.push(
    `   p50 ${round(ing.p50)} ms · p95 ${round(ing.p95)} ms · ${round(INGEST_BATCH / (ing.p50 / 1000))} updates/s at p50 · accepted ${ing.accepted}`,
  );
  out.push('');
  const e = r.e2e;
  out.push(
    `2. End to end: one facility change affecting every store (${e.affected} synced variants marked, POST answered in ${round(e.postMs)} ms)`,
  );
  out.push(
    table(
      ['platform', 'stores', 'variants changed', 'API calls', 'calls/variant', 'HTTP 429s', 'throttled (client)', 'last store shows it'],
      e.platforms.map((p) => [
        p.platform,
        p.stores,
        p.variantsChanged,
        p.calls,
        round(p.calls / p.variantsChanged, 3),
        p.throttled,
        p.clientThrottled,
        s(p.lastStoreMs),
      ]),
    ),
  );
  out.push(
    `   last store shows it after ${s(e.lastStoreMs)} (median store ${s(e.medianStoreMs)}) · ${e.throttled} HTTP 429s, ${e.clientThrottled} throttled answers in all · ${e.statements} SQL statements`,
  );
  out.push('');
  const n = r.noop;
  out.push(`3. No-op repeat: the same observations again, then ${s(n.waitedMs)} of scheduler ticks`);
  out.push(
    `   accepted ${n.accepted}, stale ${n.stale}, variants marked ${n.affected} · ${n.statements} SQL statements · ${n.calls} platform calls`,
  );
  out.push('');
  out.push(
    "SQL statements = the hub's hub_database_statements_total{origin=\"work\"} (its /metrics): its 1/s scheduler tick, the webhook lanes' poll, the scrape itself and pg-boss's queue polling are not included.",
  );
  out.push(
    "API calls and HTTP 429s from each simulated shop's /__sim/requests; \"throttled (client)\" from the hub's sync_run logs (429 or an in-body throttle such as Shopify's THROTTLED).",
  );
  out.push(`Reproduce: ${r.command}`);
  return out.join('\n');
}
