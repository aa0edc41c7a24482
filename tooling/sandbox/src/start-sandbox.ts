/**
 * startSandbox: every workspace plugin's simulator, started with the testkit's startSimulator on a stable
 * port (base + the package's position in plugin-id order, so a port never moves because another plugin
 * failed). A plugin without a simulator, or whose simulator fails to load or start, is reported and skipped.
 */
import * as path from 'node:path';
import { startSimulator, type RunningSimulator } from '@stock-sync/plugin-testkit';
import { discoverPluginPackages, type PluginPackage } from '@stock-sync/plugin-sdk';
import { loadSimulatorDefinition } from './load-modules';
import { sampleCatalog } from './sample-catalog';
import { DEFAULT_PLUGINS_DIR } from './workspace-root';

export const DEFAULT_BASE_PORT = 4100;
export const DEFAULT_HOST = '127.0.0.1';

export interface SandboxOptions {
  /** First port (default 4100, or SANDBOX_BASE_PORT); 0 gives every simulator an ephemeral port. */
  basePort?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
  /** Where plugin packages live (default: the workspace's plugins/). */
  pluginsDir?: string;
  /** Seed the small sample catalog into every simulator. */
  seed?: boolean;
  /** The simulators' clock (token expiry, rate budgets); default the wall clock. The demo moves it forward. */
  now?: () => number;
}

export interface SandboxSimulator {
  id: string;
  displayName: string;
  package: PluginPackage;
  simulator: RunningSimulator<unknown>;
  /** The simulator's sandbox OAuth app, when it models the platform's install flow (see oauth-env.ts). */
  oauthApp?: { clientId: string; clientSecret: string; publicKey?: string };
  /** Why seeding the sample catalog failed, when asked to seed and it did. */
  seedError?: string;
}

export interface SkippedPlugin {
  id: string;
  packageName: string;
  dir: string;
  reason: string;
}

export interface Sandbox {
  simulators: SandboxSimulator[];
  skipped: SkippedPlugin[];
  get(id: string): SandboxSimulator | undefined;
  close(): Promise<void>;
}

/** SANDBOX_BASE_PORT when set (and valid), else the default. Throws on a malformed value: better than a surprise port. */
export function basePortFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SANDBOX_BASE_PORT?.trim();
  if (!raw) return DEFAULT_BASE_PORT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`SANDBOX_BASE_PORT must be a port number 0-65535, got "${raw}"`);
  return n;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const basePort = opts.basePort ?? basePortFromEnv();
  const host = opts.host ?? DEFAULT_HOST;
  const scan = discoverPluginPackages(opts.pluginsDir ?? DEFAULT_PLUGINS_DIR);
  const simulators: SandboxSimulator[] = [];
  const skipped: SkippedPlugin[] = scan.unreadable.map((u) => ({
    id: path.basename(u.dir),
    packageName: path.basename(u.dir),
    dir: u.dir,
    reason: u.reason,
  }));

  for (const [index, pkg] of scan.packages.entries()) {
    const port = basePort === 0 ? 0 : basePort + index;
    try {
      const outcome = await startOne(pkg, port, host, simulators, opts.seed === true, opts.now);
      if ('reason' in outcome) skipped.push({ id: pkg.id, packageName: pkg.packageName, dir: pkg.dir, reason: outcome.reason });
      else simulators.push(outcome);
    } catch (e) {
      // Whatever a plugin's code throws (a lazy export, a spec that fails to compile …) skips that plugin only.
      skipped.push({
        id: pkg.id,
        packageName: pkg.packageName,
        dir: pkg.dir,
        reason: `the simulator failed: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }

  let closed: Promise<void> | undefined;
  return {
    simulators,
    skipped,
    get: (id) => simulators.find((s) => s.id === id),
    close() {
      closed ??= Promise.all(simulators.map((s) => s.simulator.close())).then(() => undefined);
      return closed;
    },
  };
}

async function startOne(
  pkg: PluginPackage,
  port: number,
  host: string,
  running: SandboxSimulator[],
  seed: boolean,
  now: (() => number) | undefined,
): Promise<SandboxSimulator | { reason: string }> {
  const loaded = loadSimulatorDefinition(pkg);
  if (!loaded.ok) return { reason: loaded.reason };
  const def = loaded.value;
  if (running.some((s) => s.id === def.id)) return { reason: `duplicate simulator id "${def.id}"` };
  let simulator: RunningSimulator<unknown>;
  try {
    simulator = await startSimulator(def, { port, host, ...(now ? { now } : {}) });
  } catch (e) {
    return { reason: `the simulator failed to start on ${host}:${port}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const oauthApp = (def as { oauthApp?: { clientId: string; clientSecret: string; publicKey?: string } }).oauthApp;
  const entry: SandboxSimulator = {
    id: def.id,
    displayName: def.displayName,
    package: pkg,
    simulator,
    ...(oauthApp ? { oauthApp: { ...oauthApp } } : {}),
  };
  if (seed) {
    try {
      simulator.seed(sampleCatalog(def.id));
    } catch (e) {
      entry.seedError = e instanceof Error ? e.message : String(e);
    }
  }
  return entry;
}
