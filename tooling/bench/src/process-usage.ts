/**
 * A child process's CPU time and peak resident memory, read from Linux's /proc (the bench's reference machine
 * runs Linux). Elsewhere the figures are undefined and printed as "n/a", never invented.
 */
import * as fs from 'node:fs';

/** Linux's USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on every mainstream architecture). */
const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of /proc/<pid>/stat in ms. The command name (field 2) may hold spaces: parse after its ')'. */
export function parseCpuMs(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** VmHWM (peak resident set) of /proc/<pid>/status in bytes. */
export function parsePeakRssBytes(status: string): number | undefined {
  const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return m ? Number(m[1]) * 1024 : undefined;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function cpuMs(pid: number): number | undefined {
  const s = read(`/proc/${pid}/stat`);
  return s === undefined ? undefined : parseCpuMs(s);
}

export function peakRssBytes(pid: number): number | undefined {
  const s = read(`/proc/${pid}/status`);
  return s === undefined ? undefined : parsePeakRssBytes(s);
}

/** Resets the peak (writing 5 to clear_refs, allowed for one's own child), so a phase measures its own peak. */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
