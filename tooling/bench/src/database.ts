/**
 * Where the bench's hub keeps its data: a fresh embedded directory, or a throwaway PostgreSQL database
 * (created on the server of DATABASE_URL / TEST_DATABASE_URL, migrated with the hub's own CLI, dropped after).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

export interface BenchDatabase {
  label: string;
  /** Unset for the embedded database. */
  url?: string;
  drop(): Promise<void>;
}

export function postgresServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL || env.TEST_DATABASE_URL;
  if (!url) throw new Error('--db postgres needs DATABASE_URL or TEST_DATABASE_URL');
  return url;
}

/** The same server URL naming another database. */
export function withDatabase(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** `prefix` names the tool that owns the database (`hub_bench_<random>`, `hub_drill_<random>`). */
export async function createPostgresDatabase(root: string, serverUrl: string, prefix = 'hub_bench'): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`database prefix "${prefix}" must be a lower-case SQL identifier`);
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  const drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  try {
    await promisify(execFile)(process.execPath, [path.join(root, 'apps', 'hub', 'dist', 'cli.js'), 'migrate'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      timeout: 120_000,
    });
  } catch (e) {
    await drop();
    throw new Error(`migrating ${name} failed: ${(e as Error).message}`, { cause: e });
  }
  const host = new URL(serverUrl).host;
  // BENCH_KEEP keeps the database as it keeps the hubs' logs: to EXPLAIN the hub's statements on the data they met.
  if (process.env.BENCH_KEEP) return { label: `PostgreSQL ${host}/${name} (kept: BENCH_KEEP)`, url, drop: async () => {} };
  return { label: `PostgreSQL ${host}/${name} (throwaway)`, url, drop };
}

/** The server URL as it may be printed: any password replaced (no secret in the bench's output). */
export function printableUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** The environment prefix that reproduces a postgres run (which variable, which server). */
export function postgresEnvPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const name = env.DATABASE_URL ? 'DATABASE_URL' : 'TEST_DATABASE_URL';
  return `${name}=${printableUrl(postgresServerUrl(env))} `;
}
