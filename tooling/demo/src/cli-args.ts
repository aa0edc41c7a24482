/** `node tooling/demo/dist/main.js [--once] [--port N]` */
export interface DemoArgs {
  once: boolean;
  port?: number;
  help: boolean;
}

export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const args: DemoArgs = { once: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--once') args.once = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--port' || a.startsWith('--port=')) {
      const raw = a.includes('=') ? a.slice('--port='.length) : argv[++i];
      const n = Number(raw);
      if (raw === undefined || !Number.isInteger(n) || n < 1 || n > 65535) throw new Error('--port needs a port number 1-65535');
      args.port = n;
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

export const DEMO_USAGE = `usage: node tooling/demo/dist/main.js [--once] [--port N]
  --once     exit after the report (stopping the hub and the sandbox) instead of leaving them running
  --port N   the hub's port (default: a free one)
Environment: NO_COLOR disables colours; DEMO_STEP_TIMEOUT_MS (default 45000) bounds each step's wait;
SANDBOX_BASE_PORT gives the simulators stable ports (default: free ones).`;
