#!/usr/bin/env node
/** `pnpm sandbox`: start every simulator, print how to use them, run until Ctrl-C, close cleanly. */
import { parseSandboxArgs, SANDBOX_USAGE } from './cli-args';
import { describeSandbox } from './sandbox-guide';
import { startSandbox } from './start-sandbox';

async function main(): Promise<void> {
  let args;
  try {
    args = parseSandboxArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${SANDBOX_USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(SANDBOX_USAGE);
    return;
  }
  const sandbox = await startSandbox({ basePort: args.basePort, host: args.host, seed: args.seed });
  console.log(describeSandbox(sandbox, { seeded: args.seed }));
  if (sandbox.simulators.length === 0) {
    console.error('\nNo simulator could start (are the plugins built? run `pnpm build`).');
    process.exit(1);
  }
  console.log('\nRunning. Press Ctrl-C to stop.');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: closing the simulators…`);
    sandbox.close().then(
      () => process.exit(0),
      (e) => {
        console.error(`closing failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
