/** `pnpm sandbox [--seed] [--base-port N] [--host H]`: tiny parser, no dependency needed for three flags. */
export interface SandboxArgs {
  seed: boolean;
  basePort?: number;
  host?: string;
  help: boolean;
}

export function parseSandboxArgs(argv: readonly string[]): SandboxArgs {
  const args: SandboxArgs = { seed: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--seed') args.seed = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--base-port') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--base-port must be a port number 0-65535`);
      args.basePort = n;
    } else if (a === '--host') args.host = value();
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

export const SANDBOX_USAGE = `usage: pnpm sandbox [--seed] [--base-port N] [--host H]
  --seed          put a small sample catalog in every simulated store
  --base-port N   first port (default 4100 or SANDBOX_BASE_PORT; 0 = ephemeral ports)
  --host H        interface to listen on (default 127.0.0.1)`;
