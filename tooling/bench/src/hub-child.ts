/**
 * The hub as a child process (`node apps/hub/dist/main.js`), the way an operator runs it, at its default log
 * level: its SQL statement counts are read from its `/metrics` (hub_database_statements_total, by origin), its
 * runs from its `sync_run` log lines.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface HubChild {
  url: string;
  /** The hub's process id (CPU time and peak memory are read from /proc). */
  pid: number;
  /**
   * SQL statements of the hub's work sent so far — its `/metrics` counter with origin "work": what it sends on a
   * timer whatever the work is (its 1/s scheduler tick, the webhook lanes' poll) and for the scrape itself are apart.
   */
  statements(): Promise<number>;
  /** Sum of the hub's own per-run API figures (its `sync_run` log lines) so far, per platform. */
  runApi(): Map<string, RunApi>;
  /** Store runs finished so far (`sync_run` log lines), per trigger (a full run's trigger gets " (full)"). */
  runCounts(): Map<string, number>;
  /** Resolves once the child's output has been read up to now (log lines arrive a moment after the work). */
  settle(ms?: number): Promise<void>;
  /**
   * Resolves once a second has passed without a statement of work or a run logged, at most a minute: the hub
   * writes its log asynchronously (pino) and this process reads it between simulator requests, so at a thousand
   * stores the lines of the last seconds arrive well after the work.
   */
  drained(): Promise<void>;
  tail(lines?: number): string;
  stop(): Promise<void>;
  /** kill -9, as a crash would: no shutdown hooks run. Resolves once the process has exited. */
  kill(): Promise<void>;
  /** Whether the process has exited (by itself or by stop/kill). */
  exited(): boolean;
}

export interface RunApi {
  requests: number;
  /** Throttled answers the SDK client saw: HTTP 429 or a platform's in-body throttle (Shopify's THROTTLED). */
  throttled: number;
  retries: number;
}

/** The `api` figures of one `sync_run` log line, or undefined for any other line. */
export function parseSyncRunLine(line: string): { platform: string; api: RunApi } | undefined {
  const e = parseSyncRunEvent(line);
  if (!e?.platform || !e.api) return undefined;
  return { platform: e.platform, api: { requests: e.api.requests ?? 0, throttled: e.api.throttled ?? 0, retries: e.api.retries ?? 0 } };
}

/** How a `sync_run` line names its run in runCounts(): the trigger, and " (full)" for a full run. */
export function syncRunKind(line: string): string | undefined {
  const e = parseSyncRunEvent(line);
  if (!e) return undefined;
  return `${e.trigger ?? 'unknown'}${e.full ? ' (full)' : ''}`;
}

function parseSyncRunEvent(line: string): { platform?: string; api?: Partial<RunApi>; trigger?: string; full?: boolean } | undefined {
  // A JSON log line (pino, the hub's default): the event's fields are the line's own fields.
  const json = jsonLine(line);
  if (json) return json.event === 'sync_run' ? json : undefined;
  // A text log line (Nest's console logger): the event is the message, a JSON object.
  const at = line.indexOf('{"event":"sync_run"');
  if (at < 0) return undefined;
  try {
    return JSON.parse(line.slice(at)) as { platform?: string; api?: Partial<RunApi>; trigger?: string; full?: boolean };
  } catch {
    return undefined;
  }
}

/** A log line that is one JSON object (pino), parsed; undefined for a text line. */
function jsonLine(
  line: string,
): { event?: unknown; platform?: string; api?: Partial<RunApi>; trigger?: string; full?: boolean } | undefined {
  if (!line.startsWith('{"level":')) return undefined;
  try {
    return JSON.parse(line) as { event?: unknown; platform?: string; api?: Partial<RunApi>; trigger?: string; full?: boolean };
  } catch {
    return undefined;
  }
}

export interface HubChildOptions {
  root: string;
  dataDir: string;
  token: string;
  databaseUrl?: string;
  logFile: string;
  /** HUB_PORT (default 0: ephemeral). A fixed port keeps the URL across restarts. */
  port?: number;
  /** HUB_LOG_LEVEL (default: BENCH_HUB_LOG_LEVEL, else the hub's own default). */
  logLevel?: string;
  /** More variables for the hub; they win over the caller's environment and the defaults above. */
  env?: Record<string, string>;
  /**
   * true: none of the caller's HUB_SYNC_* variables either: the hub's default configuration, as the scale
   * targets require. The bench never sets a tuning variable of its own (the default is what is measured).
   */
  hubDefaults?: boolean;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** The hub's statements of work in a `/metrics` exposition: hub_database_statements_total{origin="work"} (0 when absent). */
export function workStatements(exposition: string): number {
  const m = /^hub_database_statements_total\{origin="work"\} (\d+)$/m.exec(exposition);
  return m ? Number(m[1]) : 0;
}

export async function startHubChild(opts: HubChildOptions): Promise<HubChild> {
  const main = path.join(opts.root, 'apps', 'hub', 'dist', 'main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} does not exist: build first (pnpm build)`);
  const metricsToken = `bench-metrics-${randomBytes(12).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HUB_DATA_DIR: opts.dataDir,
    HUB_PORT: String(opts.port ?? 0),
    HUB_HOST: '127.0.0.1',
    HUB_API_TOKENS: opts.token,
    // Served on the hub's own port to this token: the statement counts are read there.
    HUB_METRICS_TOKEN: metricsToken,
    NO_COLOR: '1',
  };
  delete env.HUB_METRICS_BIND;
  const logLevel = opts.logLevel ?? process.env.BENCH_HUB_LOG_LEVEL;
  if (logLevel) env.HUB_LOG_LEVEL = logLevel;
  if (opts.hubDefaults) for (const name of Object.keys(env)) if (name.startsWith('HUB_SYNC_')) delete env[name];
  delete env.NODE_ENV;
  delete env.HUB_SCHEDULER; // the end-to-end phase is about the scheduler reacting
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  Object.assign(env, opts.env);

  const log = fs.createWriteStream(opts.logFile);
  const recent: string[] = [];
  const runApi = new Map<string, RunApi>();
  const runCounts = new Map<string, number>();
  let url: string | undefined;
  let partial = '';
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.replace(ANSI, '');
      const kind = syncRunKind(line);
      if (kind) runCounts.set(kind, (runCounts.get(kind) ?? 0) + 1);
      const run = parseSyncRunLine(line);
      if (run) {
        const sum = runApi.get(run.platform) ?? { requests: 0, throttled: 0, retries: 0 };
        runApi.set(run.platform, {
          requests: sum.requests + run.api.requests,
          throttled: sum.throttled + run.api.throttled,
          retries: sum.retries + run.api.retries,
        });
      }
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) url = m[1];
      if (line.trim()) recent.push(line);
      if (recent.length > 100) recent.shift();
    }
  };
  // BENCH_HUB_NODE_ARGS: Node options for the hub process only (e.g. `--cpu-prof --cpu-prof-dir=prof` to profile it;
  // NODE_OPTIONS refuses --cpu-prof, and would profile the bench too).
  const nodeArgs = (process.env.BENCH_HUB_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, main], { cwd: opts.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = false;
  // 'close', not 'exit': the output pipes are drained by then, so nothing is written to the log after it ends.
  const exit = new Promise<void>((r) => child.once('close', () => ((exited = true), r())));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const tail = (n = 30) => recent.slice(-n).join('\n');

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(t);
    }
    await new Promise<void>((r) => log.end(() => r()));
  };
  const kill = async () => {
    process.removeListener('exit', killOnExit);
    if (!exited) {
      child.kill('SIGKILL');
      await exit;
    }
    await new Promise<void>((r) => log.end(() => r()));
  };

  const deadline = Date.now() + 120_000;
  while (!url) {
    if (exited) throw new Error(`the hub exited during start-up; last lines:\n${tail()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the hub did not start within 120 s; last lines:\n${tail()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const hubUrl = url;
  const statements = async () => {
    const res = await fetch(`${hubUrl}/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}` },
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${hubUrl}/metrics → ${res.status}: ${text.slice(0, 300)}`);
    return workStatements(text);
  };
  return {
    url,
    pid: child.pid!,
    statements,
    runApi: () => new Map([...runApi].map(([k, v]) => [k, { ...v }])),
    runCounts: () => new Map(runCounts),
    settle: (ms = 300) => new Promise((r) => setTimeout(r, ms)),
    drained: async () => {
      const deadline = Date.now() + 60_000;
      let seen = -1;
      for (;;) {
        const now = (await statements()) + [...runCounts.values()].reduce((a, b) => a + b, 0);
        if (now === seen || Date.now() > deadline) return;
        seen = now;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    },
    tail,
    stop,
    kill,
    exited: () => exited,
  };
}
