import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBenchArgs, reproduceCommand, DEFAULT_PLATFORMS } from '../src/bench-args';
import { storeVariantIds } from '../src/bench-fleet';
import { ingestBatch, INGEST_BATCH } from '../src/bench-phases';
import { printableUrl, withDatabase } from '../src/database';
import { parseSyncRunLine, workStatements } from '../src/hub-child';
import { table } from '../src/report';
import { storeShows } from '../src/sim-watch';
import { percentile } from '../src/stats';

describe('parseBenchArgs', () => {
  it('has the brief defaults', () => {
    expect(parseBenchArgs([])).toEqual({ db: 'embedded', stores: 20, variants: 500, platforms: DEFAULT_PLATFORMS, help: false });
  });
  it('reads every flag, spaced or with =', () => {
    const a = parseBenchArgs(['--db', 'postgres', '--stores=3', '--variants', '10', '--platforms', 'shopify, etsy,shopify']);
    expect(a).toMatchObject({ db: 'postgres', stores: 3, variants: 10, platforms: ['shopify', 'etsy'] });
    expect(reproduceCommand(a)).toBe('pnpm bench --db postgres --stores 3 --variants 10 --platforms shopify,etsy');
  });
  it.each([[['--db', 'mysql']], [['--stores', '0']], [['--variants', '10001']], [['--platforms', ',']], [['--fast']]])(
    'refuses %j',
    (argv) => {
      expect(() => parseBenchArgs(argv)).toThrow();
    },
  );
});

describe('percentile (nearest rank)', () => {
  it('picks measured values', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 95)).toBe(5);
    expect(percentile([7], 95)).toBe(7);
    expect(() => percentile([], 50)).toThrow(RangeError);
  });
});

describe('ids and batches', () => {
  it('gives each store distinct numeric ids, ten variants per product', () => {
    const a = storeVariantIds(0, 0);
    const b = storeVariantIds(1, 0);
    expect(a.productId).not.toBe(b.productId);
    expect(storeVariantIds(0, 9).productId).toBe(a.productId);
    expect(storeVariantIds(0, 10).productId).not.toBe(a.productId);
    expect(/^\d+$/.test(a.variantId)).toBe(true);
  });
  it('makes 10 000 distinct (variant, facility) observations', () => {
    const batch = ingestBatch(['A', 'B', 'C'], 0, new Date(0));
    expect(batch).toHaveLength(INGEST_BATCH);
    expect(new Set(batch.map((u) => `${u.variantId}/${u.facility}`)).size).toBe(INGEST_BATCH);
  });
});

describe('small helpers', () => {
  it('names another database on the same server', () => {
    expect(withDatabase('postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable', 'x')).toBe(
      'postgres://postgres@127.0.0.1:5432/x?sslmode=disable',
    );
  });
  it("reads the hub's statements of work from its /metrics exposition, the other origins apart", () => {
    const exposition = [
      '# HELP hub_database_statements_total SQL statements the hub sent …',
      '# TYPE hub_database_statements_total counter',
      'hub_database_statements_total{origin="work"} 1234',
      'hub_database_statements_total{origin="periodic"} 99',
      'hub_database_statements_total{origin="scrape"} 3',
    ].join('\n');
    expect(workStatements(exposition)).toBe(1234);
    expect(workStatements('# nothing counted yet\n')).toBe(0);
  });
  it('names the metric and label the hub defines (apps/hub/src/metrics/hub-metrics.ts, statement-origin.ts)', () => {
    const hub = (...p: string[]) => fs.readFileSync(path.join(__dirname, '..', '..', '..', 'apps', 'hub', 'src', ...p), 'utf8');
    expect(hub('metrics', 'hub-metrics.ts')).toContain("name: 'hub_database_statements_total'");
    expect(hub('metrics', 'hub-metrics.ts')).toContain("labelNames: ['origin']");
    expect(hub('database', 'statement-origin.ts')).toContain("'work'");
  });
  it('checks a store shows a quantity on every one of its variants', () => {
    const store = {
      id: 's',
      index: 0,
      platform: 'p',
      simUrl: '',
      variants: new Map([
        ['1', 1],
        ['2', 2],
      ]),
    };
    const q = (n: number) => ({ kind: 'quantity', quantity: n });
    expect(
      storeShows(
        store,
        [
          { variantId: '1', stock: q(3) },
          { variantId: '2', stock: q(3) },
          { variantId: '9', stock: null },
        ],
        3,
      ),
    ).toBe(true);
    expect(
      storeShows(
        store,
        [
          { variantId: '1', stock: q(3) },
          { variantId: '2', stock: q(2) },
        ],
        3,
      ),
    ).toBe(false);
    expect(storeShows(store, [{ variantId: '1', stock: q(3) }], 3)).toBe(false);
  });
  it('aligns a table', () => {
    expect(table(['a', 'bb'], [['xyz', 1]]).split('\n')).toEqual(['a    bb', '---  --', 'xyz   1']);
  });
});

describe('parseSyncRunLine', () => {
  it('reads the api figures of a sync_run line and nothing else', () => {
    const line =
      '[Nest] 1  - x     LOG [SyncRun] {"event":"sync_run","platform":"shopify","status":"succeeded","api":{"requests":6,"retries":1,"throttled":1,"failures":0,"backoffMs":1038}}';
    expect(parseSyncRunLine(line)).toEqual({ platform: 'shopify', api: { requests: 6, throttled: 1, retries: 1 } });
    expect(parseSyncRunLine('[Nest] 1 LOG [Other] {"event":"other"}')).toBeUndefined();
  });
  it('reads the same from a JSON log line (pino: the event is the line)', () => {
    const line =
      '{"level":30,"time":"2026-12-02T16:10:28.721Z","pid":1,"context":"SyncRun","storeId":"s","event":"sync_run","platform":"ecwid","api":{"requests":2,"retries":0,"throttled":0},"msg":"sync_run"}';
    expect(parseSyncRunLine(line)).toEqual({ platform: 'ecwid', api: { requests: 2, throttled: 0, retries: 0 } });
    expect(parseSyncRunLine('{"level":30,"context":"Other","event":"other","msg":"other"}')).toBeUndefined();
    expect(parseSyncRunLine('{"level":30, not json')).toBeUndefined();
  });
});

describe('printableUrl', () => {
  it('hides a password and keeps the rest', () => {
    expect(printableUrl('postgres://u:s3cret@127.0.0.1:5432/db')).toBe('postgres://u:***@127.0.0.1:5432/db');
    expect(printableUrl('postgres://postgres@127.0.0.1:5432/postgres')).toBe('postgres://postgres@127.0.0.1:5432/postgres');
  });
});
