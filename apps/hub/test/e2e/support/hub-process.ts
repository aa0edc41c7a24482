/**
 * The real hub as a child process (`node apps/hub/dist/main.js`), for the crash and multi-process tests:
 * started on a given database, killed with SIGKILL (no shutdown hook runs), restarted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';

export const HUB_MAIN = path.resolve(__dirname, '..', '..', '..', 'dist', 'main.js');
export const PROCESS_TOKEN = 'hub_process_test_token_0123456789';
/** Obviously fake key for the throwaway database's encrypted credentials. */
export const PROCESS_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

export interface HubProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Every stdout/stderr line so far. */
  output: string[];
  /** The structured `sync_run` log lines this process printed. */
  runs(): Array<{ runId: string; storeId: string; status: string; instance?: string; counts: Record<string, number> }>;
  get(p: string): request.Test;
  post(p: string, body?: object): request.Test;
  put(p: string, body?: object): request.Test;
  patch(p: string, body?: object): request.Test;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export function hubBuilt(): boolean {
  return fs.existsSync(HUB_MAIN);
}

export async function startHubProcess(
  name: string,
  databaseUrl: string,
  env: Record<string, string> = {},
  /** Node options for the hub process (before its script). */
  nodeArgs: readonly string[] = [],
): Promise<HubProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `hub-proc-${name}-`));
  const child = spawn(process.execPath, [...nodeArgs, HUB_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      DATABASE_URL: databaseUrl,
      HUB_MIGRATE_ON_START: 'true',
      HUB_API_TOKENS: PROCESS_TOKEN,
      HUB_ENCRYPTION_KEY: PROCESS_KEY,
      HUB_DATA_DIR: dataDir,
      HUB_HOST: '127.0.0.1',
      HUB_PORT: '0',
      HUB_LOG_LEVEL: 'log',
      HUB_NOTICES_SUBSCRIBE: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let buffered = '';
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    output.push(...lines);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub ${name} did not start in 60 s:\n${output.slice(-30).join('\n')}`)), 60_000);
    const check = setInterval(() => {
      const line = output.find((l) => l.includes('Stock Sync Hub listening on '));
      if (line) {
        clearInterval(check);
        clearTimeout(timer);
        resolve(line.split('listening on ')[1]!.trim().replace('localhost', '127.0.0.1'));
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`hub ${name} exited with ${code} before listening:\n${output.slice(-30).join('\n')}`));
    });
  });

  const auth = (t: request.Test) => t.set('Authorization', `Bearer ${PROCESS_TOKEN}`);
  const cleanup = () => fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    name,
    url,
    child,
    output,
    runs: () =>
      output.flatMap((l) => {
        // A JSON log line (pino: the event's fields are the line's own), or a text line carrying the event as JSON.
        const json = l.startsWith('{"level":') ? /^(\{.*\})\s*$/.exec(l)?.[1] : /(\{"event":"sync_run".*\})/.exec(l)?.[1];
        if (!json) return [];
        try {
          const event = JSON.parse(json);
          return event.event === 'sync_run' ? [event] : [];
        } catch {
          return [];
        }
      }),
    get: (p) => auth(request(url).get(p)),
    post: (p, body) => auth(request(url).post(p)).send(body ?? {}),
    put: (p, body) => auth(request(url).put(p)).send(body ?? {}),
    patch: (p, body) => auth(request(url).patch(p)).send(body ?? {}),
    async kill9() {
      child.kill('SIGKILL');
      await exited;
      cleanup();
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      cleanup();
    },
  };
}
