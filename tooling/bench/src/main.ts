#!/usr/bin/env node
/**
 * `pnpm bench --scenario <name> …` runs a scale scenario (scenario-main.ts).
 * `pnpm bench [--db embedded|postgres] [--stores N] [--variants N] [--platforms a,b]`: the sandbox in this
 * process, the hub as a child process on a fresh database, three measured phases, a printed report.
 * Bounded in time (every wait has a deadline); only loopback traffic. Exit 0 unless something failed.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunningSimulator } from '@stock-sync/plugin-testkit';
import { startSandbox, WORKSPACE_ROOT, type Sandbox } from '@stock-sync/sandbox';
import { BENCH_USAGE, parseBenchArgs, reproduceCommand, type BenchArgs } from './bench-args';
import { BenchHubApi, setUpCatalog, setUpStores } from './bench-fleet';
import { facilityChange, INGEST_BATCH, measureEndToEnd, measureIngest, measureNoOp } from './bench-phases';
import { createPostgresDatabase, postgresEnvPrefix, postgresServerUrl, type BenchDatabase } from './database';
import { startHubChild, type HubChild } from './hub-child';
import { formatReport } from './report';
import { isScenarioRun, parseScenarioArgs, SCENARIO_USAGE, type ScenarioArgs } from './scenario-args';
import { runScenario, scenarioGuardMs } from './scenario-main';
import { waitUntilStoresShow } from './sim-watch';

/** Each wait for the stores to show a change gives up after this long. */
const STORE_TIMEOUT_MS = 90_000;

async function run(args: BenchArgs): Promise<void> {
  const root = WORKSPACE_ROOT;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stock-sync-bench-'));
  const token = `bench_${randomBytes(16).toString('hex')}`;
  let db: BenchDatabase | undefined;
  let sandbox: Sandbox | undefined;
  let child: HubChild | undefined;
  const extraShops: RunningSimulator<unknown>[] = [];
  const log = (m: string) => process.stderr.write(`· ${m}\n`);
  let ok = false;
  try {
    const started = performance.now();
    db =
      args.db === 'postgres'
        ? await createPostgresDatabase(root, postgresServerUrl())
        : { label: 'embedded PGlite', drop: async () => undefined };
    log(`database: ${db.label}`);
    sandbox = await startSandbox({ basePort: 0 });
    const missing = args.platforms.filter((p) => !sandbox!.get(p));
    if (missing.length)
      throw new Error(`no simulator for ${missing.join(', ')} (sandbox has ${sandbox.simulators.map((s) => s.id).join(', ')})`);
    child = await startHubChild({
      root,
      dataDir: path.join(work, 'hub-data'),
      token,
      databaseUrl: db.url,
      logFile: path.join(work, 'hub.log'),
    });
    log(`hub: ${child.url} (log ${path.join(work, 'hub.log')})`);
    const hub = new BenchHubApi(child.url, token);

    const facilities = (await hub.call<{ code: string }[]>('/v1/facilities')).map((f) => f.code);
    await setUpCatalog(hub, args.variants, Math.ceil(INGEST_BATCH / facilities.length));
    const stores = await setUpStores(hub, sandbox, args.platforms, args.stores, args.variants, extraShops);
    const setupMs = performance.now() - started;
    log(`${stores.length} stores set up; first full sync…`);

    // Observation times an hour back, a second apart: each change is newer than the one before.
    const t = Date.now() - 3_600_000;
    const t0 = performance.now();
    await hub.postFacilityStock(facilityChange(args.variants, 5, new Date(t)));
    await waitUntilStoresShow(stores, 5, t0, STORE_TIMEOUT_MS);
    const initialSyncMs = performance.now() - t0;

    log('ingest…');
    const ingest = await measureIngest(hub, child, facilities);
    log('end to end…');
    const e2e = await measureEndToEnd(hub, child, stores, args.variants, 9, new Date(t + 1_000), STORE_TIMEOUT_MS);
    log('no-op repeat…');
    const noop = await measureNoOp(hub, child, stores, args.variants, 9, new Date(t + 1_000));

    ok = true;
    console.log(
      formatReport({
        command: `${args.db === 'postgres' ? postgresEnvPrefix() : ''}${reproduceCommand(args)}`,
        database: db.label.replace(/\/hub_bench_\w+/, ''),
        stores: stores.length,
        variants: args.variants,
        setupMs,
        initialSyncMs,
        ingest,
        e2e,
        noop,
      }),
    );
  } finally {
    await child?.stop();
    await Promise.all(extraShops.map((s) => s.close()));
    await sandbox?.close();
    await db?.drop();
    // Keep the hub's log when something failed (it says why) or when BENCH_KEEP is set.
    if (ok && !process.env.BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
    else log(`kept ${work} (hub.log) for inspection`);
  }
}

function bounded(ms: number, what: string): void {
  const guard = setTimeout(() => {
    console.error(`the benchmark took over ${Math.round(ms / 60_000)} minutes (${what}): stopping`);
    process.exit(1);
  }, ms);
  guard.unref();
}

async function scenarioMain(argv: string[]): Promise<number> {
  let args: ScenarioArgs;
  try {
    args = parseScenarioArgs(argv);
  } catch (e) {
    console.error(`${(e as Error).message}\n${SCENARIO_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(SCENARIO_USAGE);
    return 0;
  }
  bounded(scenarioGuardMs(args), `scenario ${args.scenarios.join(',')}`);
  await runScenario(args);
  return 0;
}

async function main(): Promise<number> {
  if (isScenarioRun(process.argv.slice(2))) return scenarioMain(process.argv.slice(2));
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${BENCH_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(`${BENCH_USAGE}\n\n${SCENARIO_USAGE}`);
    return 0;
  }
  // Bounded whatever happens: a hung phase ends the run (exit 1) after 5 minutes.
  bounded(300_000, 'the three phases');
  await run(args);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`benchmark failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
