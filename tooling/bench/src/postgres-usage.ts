/**
 * CPU time of the PostgreSQL server when it runs on this machine: every process whose /proc/<pid>/comm is
 * `postgres` (the postmaster, its background processes, every backend, of every server and database here).
 * Backends come and go, so a window's figure is the sum of per-pid deltas; what it misses is said at
 * `postgresCpuMsBetween`. A remote server has no such process: the figure is then undefined ("n/a").
 */
import * as fs from 'node:fs';
import { parseCpuMs, readProcFile } from './process-usage';

/** pid → utime + stime in ms, at one instant. */
export type CpuSnapshot = ReadonlyMap<number, number>;

const POSTGRES_COMM = 'postgres';

/** Every `postgres` process's CPU now; undefined when none is visible (a remote server, or no /proc). */
export function postgresCpuSnapshot(): CpuSnapshot | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  const snapshot = new Map<number, number>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || readProcFile(`/proc/${entry}/comm`)?.trim() !== POSTGRES_COMM) continue;
    const stat = readProcFile(`/proc/${entry}/stat`);
    const ms = stat === undefined ? undefined : parseCpuMs(stat);
    if (ms !== undefined) snapshot.set(Number(entry), ms);
  }
  return snapshot.size ? snapshot : undefined;
}

/**
 * CPU the processes spent between two snapshots: a pid in both counts after − before; a pid only in `after`
 * started inside the window and counts whole. Not counted: a pid gone by `after` (its last CPU since `before`
 * is lost) and a process that started and ended between the two (never seen). So it is a lower bound.
 * A pid whose time went backwards is a new process under a reused pid: it counts whole, as one that started.
 */
export function postgresCpuMsBetween(before: CpuSnapshot | undefined, after: CpuSnapshot | undefined): number | undefined {
  if (!before || !after) return undefined;
  let total = 0;
  for (const [pid, ms] of after) {
    const was = before.get(pid);
    total += was === undefined || ms < was ? ms : ms - was;
  }
  return total;
}
