/**
 * The demo, start to end: sandbox (in-process) → hub (child process, embedded database, fresh data dir)
 * → catalog, stores and store catalogs → the scenario, step by step, watched on the simulators → report.
 * Returns what is still running so main.ts can leave it up for exploring or stop it.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { sandboxOAuthEnv, startSandbox, WORKSPACE_ROOT, type Sandbox } from '@stock-sync/sandbox';
import { CATALOG } from './demo-catalog';
import { demoDriftNotices } from './drift-notices';
import { FacilityModel } from './facility-model';
import { setUpFleet, type DemoStore } from './fleet';
import { freePort } from './free-port';
import { HubApi } from './hub-api';
import { demoInstallFlow, installFlowCandidates, installFlowHubEnv, type InstallFlowIntegration } from './install-flow';
import { startHubProcess, type HubProcess } from './hub-process';
import type { Output } from './output';
import { countPlatformCalls, printReport, tallyStores } from './report';
import { buildScenario } from './scenario';
import { runStep, type Latency, type StepResult } from './step-runner';
import { observeStores } from './store-observer';

export interface DemoOptions {
  out: Output;
  port?: number;
  stepTimeoutMs?: number;
  root?: string;
  /** Called once the run exists, before anything starts: lets main.ts stop it on Ctrl-C at any moment. */
  onRun?: (run: DemoRun) => void;
}

export interface DemoRun {
  ok: boolean;
  hub?: HubProcess;
  token: string;
  sandbox?: Sandbox;
  stores: DemoStore[];
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function runDemo(opts: DemoOptions): Promise<DemoRun> {
  const { out } = opts;
  const root = opts.root ?? WORKSPACE_ROOT;
  const token = `demo_${randomBytes(16).toString('hex')}`;
  const run: DemoRun = {
    ok: false,
    token,
    stores: [],
    async stop() {
      await run.hub?.stop();
      await run.sandbox?.close();
    },
  };
  opts.onRun?.(run);
  const failures: string[] = [];
  try {
    out.line(out.bold('Stock Sync Hub demo'));
    out.heading('Starting');
    const basePort = process.env.SANDBOX_BASE_PORT?.trim() ? undefined : 0;
    // The simulators' clock: the install-flow part moves it forward to show a token renewed ahead of expiry.
    const clock = { skewMs: 0 };
    run.sandbox = await startSandbox({ basePort, host: HOST, now: () => Date.now() + clock.skewMs });
    out.line(
      `  Sandbox: ${run.sandbox.simulators.length} simulated platforms (${run.sandbox.simulators.map((s) => s.id).join(', ') || 'none'})`,
    );
    for (const s of run.sandbox.skipped) out.line(`  ${out.warn('!')} sandbox skipped ${s.id}: ${s.reason}`);

    const port = opts.port ?? (await freePort(HOST));
    const dataDir = path.join(root, '.hub-data', 'demo');
    out.line(`  Hub: starting on ${HOST}:${port}, embedded database in ${path.relative(root, dataDir)} (wiped)…`);
    const started = Date.now();
    const oauthEnv = sandboxOAuthEnv(run.sandbox);
    run.hub = await startHubProcess({ root, dataDir, port, host: HOST, token, env: { ...oauthEnv, ...installFlowHubEnv() } });
    out.line(
      `  Hub: ready in ${((Date.now() - started) / 1000).toFixed(1)} s (GET /health); up to ${process.env.HUB_SYNC_CONCURRENCY ?? 'the default'} store runs in flight (HUB_SYNC_CONCURRENCY)`,
    );
    const hub = new HubApi(run.hub.url, token);

    const [integrations, regions] = await Promise.all([hub.integrations(), hub.sellingRegions()]);
    out.heading('Seeding through the HTTP API');
    const seedingStarted = Date.now();
    out.line(
      `  Catalog: ${CATALOG.length} variants (${CATALOG.filter((c) => c.fulfillment === 'pod').length} POD, ${CATALOG.filter((c) => c.fulfillment === 'warehouse').length} warehouse)`,
    );
    const fleet = await setUpFleet(hub, run.sandbox, integrations, regions, (stores) => {
      const first = stores[0];
      if (!first) return;
      const n = (k: string) => first.variants.filter((v) => v.link === k).length;
      out.line(
        out.dim(
          `  ${first.displayName}: ${stores.length} stores (${stores.map((s) => s.regionName).join(', ')}); each ${n('synced')} synced, ${n('ignored')} ignored, ${n('not_synced')} not synced variants`,
        ),
      );
    });
    run.stores = fleet.stores;
    if (fleet.withoutSimulator.length)
      out.line(`  ${out.warn('!')} no simulator for: ${fleet.withoutSimulator.join(', ')} (no store created)`);
    if (fleet.stores.length === 0) throw new Error('no integration the hub lists has a simulator in the sandbox: nothing to demo');
    out.line(
      `  ${fleet.stores.length} stores on ${new Set(fleet.stores.map((s) => s.platform)).size} platforms, each verified against its simulator ${out.dim(`(${((Date.now() - seedingStarted) / 1000).toFixed(1)} s)`)}`,
    );
    await observeStores(fleet.stores);

    const model = new FacilityModel(
      new Map(CATALOG.map((c) => [c.id, c.fulfillment])),
      new Map(regions.map((r) => [r.code, r.facilities])),
    );
    const latencies: Latency[] = [];
    const steps: StepResult[] = [];
    const scenario = buildScenario();
    for (const [i, step] of scenario.entries()) {
      let result: StepResult;
      try {
        result = await runStep(step, i, scenario.length, {
          hub,
          stores: fleet.stores,
          model,
          out,
          latencies,
          timeoutMs: opts.stepTimeoutMs ?? 45_000,
          pollMs: 100,
          settleMs: 1_000,
        });
      } catch (e) {
        // An API call of the step failed: say so, skip the rest, but still report what happened so far.
        const msg = `"${step.title}" could not be played: ${e instanceof Error ? e.message : String(e)}`;
        failures.push(msg);
        out.line(`  ${out.fail('✗')} ${msg}`);
        break;
      }
      steps.push(result);
      failures.push(...result.failures);
      if (result.stalled) {
        failures.push(
          `no store changed after "${step.title}": is the hub syncing? (see ${run.hub.logFile}); the remaining ${scenario.length - i - 1} steps were not played`,
        );
        out.line(`  ${out.fail('✗')} nothing reached the stores: stopping the scenario here.`);
        break;
      }
    }

    // After the scenario (its checks are done) and before the install flow moves the simulators' clock.
    out.heading("Platform notices: a merchant's manual edit, reasserted or reported within seconds");
    const reportNotes: string[] = [];
    try {
      const notices = await demoDriftNotices({ hub, stores: fleet.stores, out, logFile: run.hub.logFile });
      failures.push(...notices.failures);
      if (notices.reasserted && notices.written > 0)
        reportNotes.push(
          `${notices.reasserted.store.name}'s count includes ${notices.written} change written by the platform-notices step (the reassertion of the merchant's edit)`,
        );
      if (notices.reported)
        reportNotes.push(
          `${notices.reported.store.name}: the drift the platform-notices step recorded is not written (driftPolicy report)`,
        );
    } catch (e) {
      const msg = `platform notices: ${e instanceof Error ? e.message : String(e)}`;
      failures.push(msg);
      out.line(`  ${out.fail('✗')} ${msg}`);
    }

    const flows = installFlowCandidates(integrations as InstallFlowIntegration[], run.sandbox);
    out.heading('Connecting a store by its install flow, and renewing its token ahead of expiry');
    if (flows.length === 0) {
      out.line(`  ${out.warn('!')} no platform has an install flow with a simulator in this build: skipped`);
    } else {
      try {
        const catalogVariantId = 990;
        await hub.upsertCatalog([
          { id: catalogVariantId, productId: catalogVariantId, name: 'Install-flow demo variant', fulfillment: 'warehouse' },
        ]);
        let t = Date.now() - 60_000;
        const result = await demoInstallFlow(flows[0]!, {
          hubUrl: run.hub.url,
          token,
          sandbox: run.sandbox,
          advanceClock: (ms) => void (clock.skewMs += ms),
          out,
          catalogVariantId,
          observedAt: () => new Date((t += 1000)).toISOString(),
        });
        if (!result.writtenAfterExpiry)
          failures.push(`install flow (${result.platform}): the change after the first token's expiry did not reach the store`);
        if (result.refusedCalls > 0)
          failures.push(`install flow (${result.platform}): ${result.refusedCalls} call(s) refused after the renewal`);
      } catch (e) {
        const msg = `install flow: ${e instanceof Error ? e.message : String(e)}`;
        failures.push(msg);
        out.line(`  ${out.fail('✗')} ${msg}`);
      }
      // The simulators' clock stays ahead (moving it back could starve their rate budgets for a while).
    }

    const reportStarted = Date.now();
    const [tallies, calls] = await Promise.all([tallyStores(hub, fleet.stores), countPlatformCalls(fleet.stores, failures)]);
    out.line(out.dim(`\n  (report data read in ${((Date.now() - reportStarted) / 1000).toFixed(1)} s)`));
    for (const t of tallies) failures.push(...t.failures);
    printReport(out, tallies, calls, latencies, steps, failures, reportNotes);
    run.ok = failures.length === 0;
  } catch (e) {
    out.line('');
    out.line(out.fail(`✗ The demo failed: ${e instanceof Error ? e.message : String(e)}`));
    run.ok = false;
  }
  return run;
}
