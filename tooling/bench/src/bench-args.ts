/** `pnpm bench [--db embedded|postgres] [--stores N] [--variants N] [--platforms a,b]`, parsed without side effects. */
export interface BenchArgs {
  db: 'embedded' | 'postgres';
  stores: number;
  variants: number;
  platforms: string[];
  help: boolean;
}

/** Four platforms with batch writes, Shopify and WooCommerce among them (the brief's defaults). */
export const DEFAULT_PLATFORMS = ['shopify', 'woocommerce', 'bigcommerce', 'ecwid'];

export const BENCH_USAGE = `usage: pnpm bench [--db embedded|postgres] [--stores N] [--variants N] [--platforms a,b]
  --db         embedded (PGlite, default) or postgres (DATABASE_URL or TEST_DATABASE_URL; a throwaway database is created and dropped)
  --stores     stores, spread round-robin over the platforms (default 20)
  --variants   synced variants per store (default 500, at most 10000)
  --platforms  integration ids (default ${DEFAULT_PLATFORMS.join(',')})`;

function positive(flag: string, raw: string | undefined, max: number): number {
  const n = Number(raw);
  if (!raw || !Number.isInteger(n) || n < 1 || n > max) throw new Error(`${flag} needs a whole number 1-${max}, got "${raw ?? ''}"`);
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { db: 'embedded', stores: 20, variants: 500, platforms: [...DEFAULT_PLATFORMS], help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--db': {
        const v = value();
        if (v !== 'embedded' && v !== 'postgres') throw new Error(`--db is embedded or postgres, got "${v ?? ''}"`);
        args.db = v;
        break;
      }
      case '--stores':
        args.stores = positive(flag, value(), 1000);
        break;
      case '--variants':
        args.variants = positive(flag, value(), 10_000);
        break;
      case '--platforms': {
        const list = (value() ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
        if (list.length === 0) throw new Error('--platforms needs a comma-separated list of integration ids');
        args.platforms = [...new Set(list)];
        break;
      }
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new Error(`unknown argument "${argv[i]}"`);
    }
  }
  return args;
}

/** The command line that reproduces a run (defaults spelled out, so the figures say what they measured). */
export function reproduceCommand(a: BenchArgs): string {
  return `pnpm bench --db ${a.db} --stores ${a.stores} --variants ${a.variants} --platforms ${a.platforms.join(',')}`;
}
