/**
 * `pnpm bench --scenario …`: the scale scenarios. One multi-tenant simulator per platform in this process,
 * the hub as a child process in its default configuration on a fresh database, the scenario's changes
 * measured store by store, the naive baseline on shops of the same simulators, a printed report.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox, WORKSPACE_ROOT, type Sandbox } from '@stock-sync/sandbox';
import { BenchHubApi } from './bench-fleet';
import { createPostgresDatabase, postgresEnvPrefix, postgresServerUrl, type BenchDatabase } from './database';
import { FleetWatch } from './fleet-watch';
import { startHubChild, type HubChild } from './hub-child';
import { runNaiveWriter, type NaiveFigures } from './naive-writer';
import type { TargetStock } from './plugin-types';
import { scenarioCommand, type ScenarioArgs } from './scenario-args';
import { facilityChangeUpdates, flipFacilities, flipUpdates, ObservationClock, OUT_OF_STOCK, quantityTarget } from './scenario-changes';
import { setUpFleet, setUpScenarioCatalog, startFleetSimulators, type Fleet } from './scenario-fleet';
import { measureChange, type ChangeFigures, type MeasureContext } from './scenario-measure';
import { formatScenarioReport } from './scenario-report';
import { runTrickle, type TrickleFigures } from './scenario-trickle';

/** How long the whole run may take before it stops itself (every wait inside has its own deadline too). */
export function scenarioGuardMs(a: ScenarioArgs): number {
  return (a.timeoutSeconds * (a.flips + 5) + a.durationSeconds + 3_600) * 1000;
}

export async function runScenario(a: ScenarioArgs): Promise<void> {
  const root = WORKSPACE_ROOT;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stock-sync-bench-'));
  const token = `bench_${randomBytes(16).toString('hex')}`;
  // Both hubs of --hubs 2 must read the credentials the other stored.
  const encryptionKey = randomBytes(32).toString('base64');
  const log = (m: string) => process.stderr.write(`· ${new Date().toISOString().slice(11, 19)} ${m}\n`);
  let db: BenchDatabase | undefined;
  let sandbox: Sandbox | undefined;
  let fleet: Fleet | undefined;
  let watch: FleetWatch | undefined;
  const hubs: HubChild[] = [];
  let base: Awaited<ReturnType<typeof startFleetSimulators>> | undefined;
  let ok = false;
  const startHub = async (label: string) => {
    const child = await startHubChild({
      root,
      dataDir: path.join(work, `${label}-data`),
      token,
      databaseUrl: db!.url,
      logFile: path.join(work, `${label}.log`),
      hubDefaults: true,
      env: { HUB_ENCRYPTION_KEY: encryptionKey },
    });
    hubs.push(child);
    log(`${label}: ${child.url} (pid ${child.pid}, log ${path.join(work, `${label}.log`)})`);
    return child;
  };
  try {
    const started = performance.now();
    db =
      a.db === 'postgres'
        ? await createPostgresDatabase(root, postgresServerUrl())
        : { label: 'embedded PGlite', drop: async () => undefined };
    log(`database: ${db.label}`);
    sandbox = await startSandbox({ basePort: 0 }); // for the plugin packages: the fleet runs its own simulators
    base = await startFleetSimulators(sandbox, a);
    const hubA = await startHub('hub-a');
    const hub = new BenchHubApi(hubA.url, token);
    const facilities = (await hub.call<{ code: string }[]>('/v1/facilities')).map((f) => f.code);
    await setUpScenarioCatalog(hub, a.catalog);
    log(`creating ${a.stores} stores…`);
    fleet = await setUpFleet(hub, base, a, log);
    const setupMs = performance.now() - started;
    watch = new FleetWatch(fleet);
    const ctx: MeasureContext = {
      hub,
      hubs: [hubA],
      fleet,
      watch,
      timeoutMs: a.timeoutSeconds * 1000,
      measurePostgresCpu: a.db === 'postgres',
    };
    const clock = new ObservationClock();
    const changes: ChangeFigures[] = [];
    const measure = async (label: string, updates: Parameters<typeof measureChange>[2], target: TargetStock) => {
      log(`${label}…`);
      const c = await measureChange(ctx, label, updates, () => target);
      log(`${label}: ${c.reached}/${c.stores} stores, POST ${Math.round(c.postMs)} ms${noticeWaits(c)}`);
      changes.push(c);
      return changes.length - 1;
    };

    // The order is fixed: warm-up, facility change, flips, the second hub, trickle; then the naive baseline.
    const has = (name: ScenarioArgs['scenarios'][number]) => a.scenarios.includes(name);
    const C = a.catalog;
    const fac = flipFacilities(facilities);
    let facilityChange: number | undefined;
    const flips: number[] = [];
    let twoHubs: number | undefined;
    let main: number | undefined;
    let mainTarget: TargetStock = quantityTarget(5);
    let trickle: TrickleFigures | undefined;
    const warmUp = has('flip') ? flipUpdates(C, fac, true, 5, clock.next()) : facilityChangeUpdates(C, 5, clock.next());
    const warm = a.skipWarmUp ? undefined : await measure(`warm-up: the fresh fleet's first sync (quantity 5)`, warmUp, quantityTarget(5));
    let q = 5;
    let inStock = true;
    if (has('facility-change')) {
      q = 9;
      facilityChange = main = await measure(
        `one facility change (quantity ${q})${a.skipWarmUp ? ", the fresh fleet's first sync" : ''}`,
        facilityChangeUpdates(C, q, clock.next()),
        quantityTarget(q),
      );
      mainTarget = quantityTarget(q);
    }
    if (has('flip')) {
      for (let i = 1; i <= a.flips; i++) {
        inStock = !inStock;
        q++;
        const idx = await measure(
          `flip ${i}: ${inStock ? `in stock (${q})` : 'out of stock'}`,
          flipUpdates(C, fac, inStock, q, clock.next()),
          inStock ? quantityTarget(q) : OUT_OF_STOCK,
        );
        flips.push(idx);
        if (main === undefined) {
          main = idx;
          mainTarget = inStock ? quantityTarget(q) : OUT_OF_STOCK;
        }
      }
    }
    if (a.hubs === 2) {
      ctx.hubs = [hubA, await startHub('hub-b')];
      if (has('facility-change') || has('flip')) {
        q++;
        twoHubs = has('facility-change')
          ? await measure(
              `the facility change again, two hubs (quantity ${q})`,
              facilityChangeUpdates(C, q, clock.next()),
              quantityTarget(q),
            )
          : await measure(
              `a flip again, two hubs (${inStock ? 'out of stock' : `in stock, ${q}`})`,
              flipUpdates(C, fac, !inStock, q, clock.next()),
              inStock ? OUT_OF_STOCK : quantityTarget(q),
            );
      }
    }
    if (has('trickle')) {
      log(`trickle for ${a.durationSeconds} s with ${ctx.hubs.length} hub(s)…`);
      trickle = await runTrickle(ctx, clock, {
        durationMs: a.durationSeconds * 1000,
        postsPerSecond: a.postsPerSecond,
        perPost: a.perPost,
        catalog: C,
        drainMs: Math.min(a.timeoutSeconds, 120) * 1000,
      });
    }
    main ??= warm ?? (trickle ? undefined : 0);

    let naive: NaiveFigures | undefined;
    if (fleet.naive.length > 0) {
      log(`naive baseline on ${fleet.naive.length} shops…`);
      naive = await runNaiveWriter(fleet.naive, fleet.plugins, mainTarget);
    }
    ok = true;
    console.log(
      formatScenarioReport({
        args: a,
        command: `${a.db === 'postgres' ? postgresEnvPrefix() : ''}${scenarioCommand(a)}`,
        database: db.label.replace(/\/hub_bench_\w+/, ''),
        setupMs,
        changes,
        main,
        facilityChange,
        flips,
        twoHubs,
        trickle,
        naive,
      }),
    );
  } finally {
    watch?.close();
    for (const h of hubs) await h.stop();
    await (fleet?.close() ?? Promise.all([...(base?.sims.values() ?? [])].map((s) => s.close())));
    await sandbox?.close();
    await db?.drop();
    if (ok && !process.env.BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
    else log(`kept ${work} (hub logs) for inspection`);
  }
}

/** The notice waits of a change worth a word in its progress line (a second or more, or notices left unanswered). */
function noticeWaits(c: ChangeFigures): string {
  const said = (w: { waitedMs: number; pending: number }, what: string) =>
    w.waitedMs >= 1_000 || w.pending
      ? `${what} ${(w.waitedMs / 1000).toFixed(1)} s${w.pending ? ` (${w.pending} still unanswered)` : ''}`
      : undefined;
  const parts = [
    said(c.noticesBefore, 'sent after waiting for earlier notices'),
    said(c.noticesAfter, 'its notices answered, after the platforms went quiet, in'),
  ].filter(Boolean);
  return parts.length ? `; ${parts.join('; ')}` : '';
}
