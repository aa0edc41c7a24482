/** `pnpm drill [--short] [--duration S] [--kill-every S] [--fault-every S] [--seed N] [--stores N] [--clients N]`, parsed without side effects. */
export interface DrillArgs {
  /** Seconds of load (facility stock, syncs, kills, faults). */
  durationS: number;
  /** Seconds between two kill -9 of a random hub; 0 = no kills. */
  killEveryS: number;
  /** Seconds between two injected platform faults; 0 = no faults. */
  faultEveryS: number;
  /** Seeds every random choice (which hub, which variant, which fault); the timing still varies. */
  seed: number;
  stores: number;
  /** Concurrent facility-stock clients. */
  clients: number;
  help: boolean;
}

/** One store per platform at the default size; more stores go round-robin, each on its own simulated shop. */
export const DRILL_PLATFORMS = ['shopify', 'woocommerce', 'bigcommerce', 'ecwid', 'square'];

export const DEFAULTS = { durationS: 60, killEveryS: 15, faultEveryS: 4, stores: 5, clients: 4 } as const;
/** `--short`, the CI form: 40 s of load, two kills at least while a restart takes under 30 s. Flags given with it still win. */
export const SHORT = { durationS: 40, killEveryS: 10, faultEveryS: 3, stores: 5, clients: 4 } as const;

export const DRILL_USAGE = `usage: pnpm drill [--short] [--duration S] [--kill-every S] [--fault-every S] [--seed N] [--stores N] [--clients N]
  needs DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server: a throwaway database is created and dropped)
  --short        the CI preset: --duration ${SHORT.durationS} --kill-every ${SHORT.killEveryS} --fault-every ${SHORT.faultEveryS}
  --duration     seconds of load (default ${DEFAULTS.durationS}, 5-3600)
  --kill-every   seconds between two kill -9 of a random hub, restarted at once (default ${DEFAULTS.killEveryS}; 0 = none)
  --fault-every  seconds between two platform faults: 429 storm, 5xx, delay, timeout, revoked credentials (default ${DEFAULTS.faultEveryS}; 0 = none)
  --seed         seed of every random choice (default: random, printed)
  --stores       stores, round-robin over ${DRILL_PLATFORMS.join(', ')} (default ${DEFAULTS.stores}, at most 50)
  --clients      concurrent facility-stock clients (default ${DEFAULTS.clients}, at most 32)`;

function whole(flag: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    throw new Error(`${flag} needs a whole number ${min}-${max}, got "${raw ?? ''}"`);
  return n;
}

export function parseDrillArgs(argv: readonly string[], randomSeed: () => number = () => Math.floor(Math.random() * 1_000_000)): DrillArgs {
  const explicit: Partial<DrillArgs> = {};
  let short = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--short':
        if (inline !== undefined) throw new Error('--short takes no value');
        short = true;
        break;
      case '--duration':
        explicit.durationS = whole(flag, value(), 5, 3600);
        break;
      case '--kill-every':
        explicit.killEveryS = whole(flag, value(), 0, 3600);
        break;
      case '--fault-every':
        explicit.faultEveryS = whole(flag, value(), 0, 3600);
        break;
      case '--seed':
        explicit.seed = whole(flag, value(), 0, 2 ** 31 - 1);
        break;
      case '--stores':
        explicit.stores = whole(flag, value(), 1, 50);
        break;
      case '--clients':
        explicit.clients = whole(flag, value(), 1, 32);
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown argument "${argv[i]}"`);
    }
  }
  const base = short ? SHORT : DEFAULTS;
  return { ...base, seed: explicit.seed ?? randomSeed(), ...explicit, help };
}

/** The command line that reproduces a run: every value spelled out, the seed included. */
export function reproduceCommand(a: DrillArgs): string {
  return `pnpm drill --duration ${a.durationS} --kill-every ${a.killEveryS} --fault-every ${a.faultEveryS} --seed ${a.seed} --stores ${a.stores} --clients ${a.clients}`;
}
