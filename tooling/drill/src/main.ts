#!/usr/bin/env node
/**
 * `pnpm drill [--short] [--duration S] [--kill-every S] [--fault-every S] [--seed N] [--stores N] [--clients N]`: two hub
 * processes on one throwaway PostgreSQL database and the sandbox; facility-stock load, store syncs, kill -9
 * of a random hub every N seconds, platform faults; then settle and verify (see README.md). Bounded in time
 * (every loop has a deadline and a count); loopback only. Exit 0 when every check passed, 1 otherwise, 2 on
 * bad arguments.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createPostgresDatabase, postgresEnvPrefix, postgresServerUrl, type BenchDatabase } from '@stock-sync/bench';
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import { startSandbox, WORKSPACE_ROOT, type Sandbox } from '@stock-sync/sandbox';
import { DRILL_PLATFORMS, DRILL_USAGE, parseDrillArgs, reproduceCommand, type DrillArgs } from './drill-args';
import { DrillDatabase } from './drill-database';
import { FaultInjector } from './faults';
import { drillCatalog } from './catalog';
import { setUpCatalog, setUpStores } from './fleet';
import { HubPair } from './hub-pair';
import { HubTraffic, okBody } from './hub-traffic';
import { facilityClient, initialObservations, postBatch, syncClient, type LoadContext } from './load';
import { ObservationLedger } from './observation-ledger';
import { failures, formatReport, tally } from './report';
import { Rng } from './rng';
import { settle } from './settle';
import { verify } from './verify';

/** After the load, the hubs get this long to finish every pending write (leases of killed hubs expire, backoffs run out). */
const SETTLE_TIMEOUT_MS = 150_000;
/** Set-up, settling and verification together never take longer than this on top of the load. */
const OVERHEAD_BUDGET_MS = 600_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Calls `act` at start + k·everyS seconds (k = 1, 2, …) until `until`, at most `max` times. The schedule is
 * fixed: an act that takes long (a hub restart) does not push the next one back, it only delays it.
 */
async function every(everyS: number, until: number, max: number, act: () => Promise<void>): Promise<void> {
  if (everyS <= 0) return;
  const start = Date.now();
  for (let n = 1; n <= max; n++) {
    const at = start + n * everyS * 1_000;
    if (at >= until) return;
    await sleep(at - Date.now());
    if (Date.now() >= until) return;
    await act();
  }
}

function hubErrorLines(files: readonly string[]): { count: number; samples: string[] } {
  let count = 0;
  const samples: string[] = [];
  for (const f of files) {
    if (!fs.existsSync(f)) continue;
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      if (!/\bERROR\b/.test(line)) continue;
      count++;
      if (samples.length < 10) samples.push(`${path.basename(f)}: ${line.slice(0, 400)}`);
    }
  }
  return { count, samples };
}

async function run(args: DrillArgs): Promise<boolean> {
  const root = WORKSPACE_ROOT;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stock-sync-drill-'));
  const token = `drill_${randomBytes(16).toString('hex')}`;
  const log = (m: string) => process.stderr.write(`· ${m}\n`);
  const rng = new Rng(args.seed);
  let db: BenchDatabase | undefined;
  let sandbox: Sandbox | undefined;
  let hubs: HubPair | undefined;
  let pg: DrillDatabase | undefined;
  const extraShops: RunningSimulator<unknown>[] = [];
  let passed = false;
  try {
    db = await createPostgresDatabase(root, postgresServerUrl(), 'hub_drill');
    log(`database: ${db.label}`);
    sandbox = await startSandbox({ basePort: 0 });
    hubs = new HubPair({ root, work, token, encryptionKey: randomBytes(32).toString('hex'), databaseUrl: db.url! });
    await hubs.start();
    log(`hubs: ${hubs.hubs.map((h) => `${h.label} ${h.url}`).join(', ')} (logs in ${work})`);
    const traffic = new HubTraffic(token);
    const first = hubs.hubs[0];

    const facilities = okBody(await traffic.call<{ code: string }[]>(first, 'GET', '/v1/facilities'), 'GET /v1/facilities').map(
      (f) => f.code,
    );
    const catalog = drillCatalog();
    await setUpCatalog(traffic, first, catalog);
    const stores = await setUpStores(traffic, first, sandbox, DRILL_PLATFORMS, args.stores, catalog, extraShops);
    log(`${stores.length} stores: ${stores.map((s) => `${s.label} (${s.region})`).join(', ')}`);
    const ledger = new ObservationLedger();
    const ctx: LoadContext = { traffic, hubs, ledger, catalog, facilities };
    if ((await postBatch(ctx, first, initialObservations(ctx, rng, Date.now()))) !== 'acknowledged')
      throw new Error('the initial facility observations were not acknowledged');
    pg = await DrillDatabase.connect(db.url!);

    log(
      `load for ${args.durationS} s: ${args.clients} facility clients, store syncs, kill -9 every ${args.killEveryS || '—'} s, a fault every ${args.faultEveryS || '—'} s`,
    );
    const faults = new FaultInjector(stores, hubs, traffic);
    const loadStart = performance.now();
    const until = Date.now() + args.durationS * 1_000;
    const maxPerClient = args.durationS * 50;
    const pair = hubs;
    const killRng = rng.fork();
    const [posts, syncsAsked] = await Promise.all([
      Promise.all(Array.from({ length: args.clients }, () => facilityClient(ctx, rng.fork(), until, maxPerClient))).then((n) =>
        n.reduce((a, b) => a + b, 0),
      ),
      syncClient(ctx, stores, rng.fork(), until, maxPerClient),
      every(args.killEveryS, until, 1_000, async () => {
        await pair.ensureUp(); // a hub that died by itself is counted (unexpectedExits) and started again
        const victim = killRng.pick(pair.up());
        log(`kill -9 ${victim.label}`);
        await pair.kill(victim);
        await pair.restart(victim);
      }),
      (async () => {
        const faultRng = rng.fork();
        await every(args.faultEveryS, until, 10_000, () => faults.injectOne(faultRng));
      })(),
    ]);
    const loadMs = performance.now() - loadStart;

    log('load over: clearing faults, settling…');
    await faults.clearAll();
    await hubs.ensureUp();
    const settled = await settle(pg, hubs, faults, stores, traffic, SETTLE_TIMEOUT_MS);
    log(`verifying (${settled.settled ? 'settled' : 'NOT settled'} after ${Math.round(settled.ms / 1000)} s)…`);
    const verdict = await verify(traffic, hubs.up()[0] ?? first, pg, ledger, catalog, stores);

    const figures = {
      command: `${postgresEnvPrefix()}${reproduceCommand(args)}`,
      seed: args.seed,
      database: db.label.replace(/\/hub_drill_\w+/, ''),
      stores: stores.map((s) => `${s.label} ${s.region}`),
      loadMs,
      requests: traffic.requests,
      byStatus: traffic.byStatus,
      noAnswer: traffic.noAnswer,
      facilityPosts: posts,
      observations: ledger.figures(),
      syncsAsked,
      kills: hubs.kills,
      unexpectedExits: hubs.unexpectedExits,
      restartMs: hubs.restartMs,
      faults: faults.injected as Map<string, number>,
      reconnects: faults.reconnects,
      settle: settled,
      verdict,
      serverErrors: { count: traffic.serverErrorCount, samples: traffic.serverErrors },
      unexpected4xx: { count: traffic.unexpected4xxCount, samples: traffic.unexpected4xx },
      hubErrorLines: hubErrorLines(hubs.logFiles()),
    };
    passed = failures(tally(figures)).length === 0;
    const keep = !passed || !!process.env.DRILL_KEEP;
    console.log(formatReport({ ...figures, keptDir: keep ? work : undefined }));
    return passed;
  } finally {
    await pg?.close().catch(() => undefined);
    await hubs?.stop();
    await Promise.all(extraShops.map((s) => s.close()));
    await sandbox?.close();
    await db?.drop();
    // The hubs' logs stay when the drill failed (they say why) or when DRILL_KEEP is set.
    if (passed && !process.env.DRILL_KEEP) fs.rmSync(work, { recursive: true, force: true });
    else log(`kept ${work} (hub logs) for inspection`);
  }
}

async function main(): Promise<number> {
  let args: DrillArgs;
  try {
    args = parseDrillArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${DRILL_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(DRILL_USAGE);
    return 0;
  }
  const budgetMs = args.durationS * 1_000 + OVERHEAD_BUDGET_MS;
  const guard = setTimeout(() => {
    console.error(`the drill took over ${Math.round(budgetMs / 1000)} s: stopping (exit 1)`);
    process.exit(1);
  }, budgetMs);
  guard.unref();
  return (await run(args)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`drill failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
