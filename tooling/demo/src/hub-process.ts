/**
 * The hub as a child process (`node apps/hub/dist/main.js`) on the embedded database in a fresh data
 * directory. Its output goes to a log file (the demo's own output stays readable); the last lines are
 * kept to explain a failed start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface HubProcessOptions {
  root: string;
  dataDir: string;
  port: number;
  host: string;
  token: string;
  /** How long to wait for GET /health (default 90 s: the embedded database and migrations start first). */
  healthTimeoutMs?: number;
  /** More environment for the hub (the sandbox's install-flow apps, the credential sweep's timing). */
  env?: Record<string, string>;
}

export interface HubProcess {
  url: string;
  logFile: string;
  child: ChildProcess;
  tail(lines?: number): string;
  stop(): Promise<void>;
}

export class HubStartError extends Error {}

export async function startHubProcess(opts: HubProcessOptions): Promise<HubProcess> {
  const main = path.join(opts.root, 'apps', 'hub', 'dist', 'main.js');
  if (!fs.existsSync(main)) throw new HubStartError(`${path.relative(opts.root, main)} does not exist: build first (pnpm build)`);

  // A fresh data dir on every run: the demo's numbers describe this run only.
  fs.rmSync(opts.dataDir, { recursive: true, force: true });
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const logFile = path.join(opts.dataDir, 'hub.log');
  const log = fs.createWriteStream(logFile);
  const recent: string[] = [];
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) recent.push(l);
    if (recent.length > 200) recent.splice(0, recent.length - 200);
  };

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HUB_DATA_DIR: opts.dataDir,
    HUB_PORT: String(opts.port),
    HUB_HOST: opts.host,
    HUB_API_TOKENS: opts.token,
    ...(opts.env ?? {}),
  };
  // The embedded database, whatever the caller's shell says.
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  // The demo is about the scheduler reacting to facility updates: never inherit a test shell's "off".
  delete env.HUB_SCHEDULER;

  // Its own process group: a terminal's Ctrl-C reaches the demo only, which then stops the hub in order.
  const child = spawn(process.execPath, [main], { cwd: opts.root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  // Never leave an orphan hub behind, however the demo ends.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const url = `http://${opts.host}:${opts.port}`;
  let stopping: Promise<void> | undefined;
  const tail = (n = 30) => recent.slice(-n).join('\n');
  const hub: HubProcess = {
    url,
    logFile,
    child,
    tail,
    stop() {
      stopping ??= (async () => {
        process.removeListener('exit', killOnExit);
        if (!exited) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exit;
          clearTimeout(timer);
        }
        await new Promise<void>((r) => log.end(() => r()));
      })();
      return stopping;
    },
  };

  const deadline = Date.now() + (opts.healthTimeoutMs ?? 90_000);
  for (;;) {
    if (exited) {
      await hub.stop();
      throw new HubStartError(
        `the hub exited during start-up (code ${exited.code ?? exited.signal}). Last lines of ${logFile}:\n${tail()}`,
      );
    }
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return hub;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await hub.stop();
      throw new HubStartError(
        `the hub did not answer GET /health within ${Math.round((opts.healthTimeoutMs ?? 90_000) / 1000)} s. Last lines of ${logFile}:\n${tail()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
