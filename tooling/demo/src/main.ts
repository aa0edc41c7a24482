#!/usr/bin/env node
/**
 * `node tooling/demo/dist/main.js [--once] [--port N]` (what `npm start` runs after install and build).
 * Exit code 0 only when every expectation held.
 */
import { DEMO_USAGE, parseDemoArgs, type DemoArgs } from './cli-args';
import { printExploreGuide } from './explore-guide';
import { createOutput } from './output';
import { runDemo, type DemoRun } from './run-demo';

async function main(): Promise<number> {
  let args: DemoArgs;
  try {
    args = parseDemoArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${DEMO_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(DEMO_USAGE);
    return 0;
  }
  const out = createOutput();
  const stepTimeoutMs = Number(process.env.DEMO_STEP_TIMEOUT_MS) || undefined;

  // Ctrl-C while the demo runs: stop the hub and the sandbox, exit 130 (the shell's "interrupted").
  let current: DemoRun | undefined;
  const interrupt = () => {
    out.line('\nInterrupted: stopping the hub and the sandbox…');
    void (current?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const run = await runDemo({ out, port: args.port, stepTimeoutMs, onRun: (r) => (current = r) });
  process.removeListener('SIGINT', interrupt);
  process.removeListener('SIGTERM', interrupt);
  const code = run.ok ? 0 : 1;

  if (args.once || !run.hub || !run.sandbox) {
    await run.stop();
    return code;
  }
  printExploreGuide(out, { url: run.hub.url, token: run.token, logFile: run.hub.logFile }, run.sandbox, run.stores);
  let stopping = false;
  await new Promise<void>((resolve) => {
    const stop = () => {
      stopping = true;
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    run.hub?.child.once('exit', () => {
      // Only news when nobody asked for it (the hub crashed or was killed from outside).
      if (!stopping) out.line(out.fail(`The hub stopped on its own; see ${run.hub?.logFile}.`));
      resolve();
    });
  });
  out.line('\nStopping the hub and the sandbox…');
  await run.stop();
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
