/**
 * `pnpm bench --scenario <name> …`: the scale scenarios (issue 10), parsed without side effects. The classic
 * three-phase bench (bench-args.ts) runs when no --scenario is given.
 */
import { DEFAULT_PLATFORMS } from './bench-args';

export const SCENARIOS = ['facility-change', 'flip', 'trickle'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface ScenarioArgs {
  /** One or more, run in this order on one fleet (setting up 10 000 stores takes minutes): see scenario-main.ts. */
  scenarios: ScenarioName[];
  db: 'embedded' | 'postgres';
  stores: number;
  /** Synced variants per store. */
  variants: number;
  /** Catalog variants the stores' synced variants are drawn from (flip, trickle); facility-change uses `variants`. */
  catalog: number;
  platforms: string[];
  /** Simulated platform latency (ms) and its jitter (±ms), with per-platform overrides. */
  latencyMs: number;
  jitterMs: number;
  latencyFor: Record<string, number>;
  /** 2: the measured change runs with one hub, then again with a second hub process on the same database. */
  hubs: 1 | 2;
  /** Stores the naive baseline writes (extra shops on the same simulators, not known to the hub). */
  naiveStores: number;
  /** flip: how many flips are measured. */
  flips: number;
  /** trickle: how long, how many POSTs a second, how many catalog variants each changes, reconciliation interval. */
  durationSeconds: number;
  postsPerSecond: number;
  perPost: number;
  reconcileSeconds: number;
  /** Each wait for the stores gives up after this long (the figures then say how many were reached). */
  timeoutSeconds: number;
  /** No warm-up: the first measured change is the fresh fleet's first sync (saves a whole pass at 10 000 stores). */
  skipWarmUp: boolean;
  help: boolean;
}

export const SCENARIO_USAGE = `usage: pnpm bench --scenario facility-change|flip|trickle[,…]|all [options]
  facility-change  one facility change (every synced catalog variant at US-NC) reaching every store
  flip             the catalog variants flipping out of stock and back (10 facilities each), every store syncing --variants of them
  trickle          a steady trickle of small facility-stock POSTs while reconciliation runs
  a,b / all        several on one fleet, in the order facility-change, flip, trickle
options:
  --db embedded|postgres   (postgres: DATABASE_URL or TEST_DATABASE_URL; a throwaway database is created and dropped)
  --stores N               stores, round-robin over the platforms; one multi-tenant simulator per platform (default 1000, at most 20000)
  --variants N             synced variants per store (default 100)
  --catalog N              catalog variants for flip and trickle (default 1000; each store syncs a window of --variants of them;
                           facility-change alone uses a catalog of exactly --variants)
  --platforms a,b          integration ids (default ${DEFAULT_PLATFORMS.join(',')})
  --latency MS             simulated platform latency per request (default 150)
  --jitter MS              ± uniform jitter on it (default a third of --latency)
  --latency-for p=MS,…     per-platform latency overrides
  --hubs 1|2               2: measure again with a second hub process on the same PostgreSQL database (throughput ratio)
  --naive-stores N         stores written by the naive baseline (default 50)
  --flips N                flip: flips measured (default 3)
  --duration S             trickle: seconds of trickle (default 60)
  --rate N                 trickle: POSTs per second (default 2)
  --per-post N             trickle: catalog variants changed per POST (default 10)
  --reconcile S            trickle: the stores' reconciliation interval (default 120, at least 60)
  --timeout S              each wait for every store gives up after S seconds (default 600)
  --skip-warm-up           no warm-up pass: the first measured change is the fresh fleet's first sync`;

function int(flag: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw);
  if (!raw || !Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} needs a whole number ${min}-${max}, got "${raw ?? ''}"`);
  return n;
}

function latencyOverrides(raw: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (raw ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [platform, ms] = part.split('=');
    if (!platform || ms === undefined) throw new Error(`--latency-for needs platform=MS pairs, got "${part}"`);
    out[platform.trim()] = int(`--latency-for ${platform.trim()}`, ms.trim(), 0, 60_000);
  }
  if (Object.keys(out).length === 0) throw new Error('--latency-for needs platform=MS pairs');
  return out;
}

export function isScenarioRun(argv: readonly string[]): boolean {
  return argv.some((a) => a === '--scenario' || a.startsWith('--scenario='));
}

export function parseScenarioArgs(argv: readonly string[]): ScenarioArgs {
  const a: ScenarioArgs = {
    scenarios: ['facility-change'],
    db: 'embedded',
    stores: 1000,
    variants: 100,
    catalog: 1000,
    platforms: [...DEFAULT_PLATFORMS],
    latencyMs: 150,
    jitterMs: -1,
    latencyFor: {},
    hubs: 1,
    naiveStores: 50,
    flips: 3,
    durationSeconds: 60,
    postsPerSecond: 2,
    perPost: 10,
    reconcileSeconds: 120,
    timeoutSeconds: 600,
    skipWarmUp: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--scenario': {
        const v = value() ?? '';
        const list =
          v === 'all'
            ? [...SCENARIOS]
            : v
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean);
        const bad = list.filter((x) => !SCENARIOS.includes(x as ScenarioName));
        if (list.length === 0 || bad.length)
          throw new Error(`--scenario is one or more of ${SCENARIOS.join(', ')} (comma-separated) or all, got "${v}"`);
        a.scenarios = SCENARIOS.filter((x) => list.includes(x));
        break;
      }
      case '--db': {
        const v = value();
        if (v !== 'embedded' && v !== 'postgres') throw new Error(`--db is embedded or postgres, got "${v ?? ''}"`);
        a.db = v;
        break;
      }
      case '--stores':
        a.stores = int(flag, value(), 1, 20_000);
        break;
      case '--variants':
        a.variants = int(flag, value(), 1, 10_000);
        break;
      case '--catalog':
        a.catalog = int(flag, value(), 1, 100_000);
        break;
      case '--platforms': {
        const list = (value() ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
        if (list.length === 0) throw new Error('--platforms needs a comma-separated list of integration ids');
        a.platforms = [...new Set(list)];
        break;
      }
      case '--latency':
        a.latencyMs = int(flag, value(), 0, 60_000);
        break;
      case '--jitter':
        a.jitterMs = int(flag, value(), 0, 60_000);
        break;
      case '--latency-for':
        a.latencyFor = latencyOverrides(value());
        break;
      case '--hubs':
        a.hubs = int(flag, value(), 1, 2) as 1 | 2;
        break;
      case '--naive-stores':
        a.naiveStores = int(flag, value(), 0, 1_000);
        break;
      case '--flips':
        a.flips = int(flag, value(), 1, 20);
        break;
      case '--duration':
        a.durationSeconds = int(flag, value(), 5, 3_600);
        break;
      case '--rate':
        a.postsPerSecond = int(flag, value(), 1, 50);
        break;
      case '--per-post':
        a.perPost = int(flag, value(), 1, 10_000);
        break;
      case '--reconcile':
        a.reconcileSeconds = int(flag, value(), 60, 30 * 24 * 3600);
        break;
      case '--timeout':
        a.timeoutSeconds = int(flag, value(), 10, 7_200);
        break;
      case '--skip-warm-up':
        a.skipWarmUp = true;
        break;
      case '--help':
      case '-h':
        a.help = true;
        break;
      default:
        throw new Error(`unknown argument "${argv[i]}"`);
    }
  }
  if (a.jitterMs < 0) a.jitterMs = Math.floor(a.latencyMs / 3);
  if (a.hubs === 2 && a.db !== 'postgres')
    throw new Error('--hubs 2 needs --db postgres (two hub processes share one PostgreSQL database)');
  if (a.scenarios.length === 1 && a.scenarios[0] === 'facility-change') a.catalog = a.variants;
  else if (a.variants > a.catalog)
    throw new Error(`--variants (${a.variants}) cannot exceed --catalog (${a.catalog}): a store syncs distinct catalog variants`);
  if (a.scenarios.includes('trickle') && a.perPost > a.catalog)
    throw new Error(`--per-post (${a.perPost}) cannot exceed --catalog (${a.catalog})`);
  return a;
}

/** The command line that reproduces a scenario run, every setting spelled out. */
export function scenarioCommand(a: ScenarioArgs): string {
  const only = a.scenarios.length === 1 ? a.scenarios[0] : undefined;
  const parts = [`pnpm bench --scenario ${a.scenarios.join(',')} --db ${a.db} --stores ${a.stores} --variants ${a.variants}`];
  if (only !== 'facility-change') parts.push(`--catalog ${a.catalog}`);
  parts.push(`--platforms ${a.platforms.join(',')} --latency ${a.latencyMs} --jitter ${a.jitterMs}`);
  const over = Object.entries(a.latencyFor);
  if (over.length) parts.push(`--latency-for ${over.map(([p, ms]) => `${p}=${ms}`).join(',')}`);
  parts.push(`--hubs ${a.hubs} --naive-stores ${a.naiveStores}`);
  if (a.scenarios.includes('flip')) parts.push(`--flips ${a.flips}`);
  if (a.scenarios.includes('trickle'))
    parts.push(`--duration ${a.durationSeconds} --rate ${a.postsPerSecond} --per-post ${a.perPost} --reconcile ${a.reconcileSeconds}`);
  parts.push(`--timeout ${a.timeoutSeconds}${a.skipWarmUp ? ' --skip-warm-up' : ''}`);
  return parts.join(' ');
}

/** The catalog variant id (1-based) of a store's k-th synced variant: each store syncs a window of the catalog. */
export function catalogVariantOf(storeIndex: number, k: number, variants: number, catalog: number): number {
  return ((storeIndex * variants + k) % catalog) + 1;
}

export function latencyFor(a: ScenarioArgs, platform: string): { ms: number; jitterMs: number } {
  const ms = a.latencyFor[platform] ?? a.latencyMs;
  return { ms, jitterMs: Math.min(a.jitterMs, ms) };
}
