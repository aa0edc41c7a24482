/**
 * A child process's CPU time and peak resident memory, and the whole machine's busy time, read from Linux's /proc
 * (the bench's reference machine runs Linux). Elsewhere the figures are undefined and printed as "n/a", never
 * invented.
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

/** A /proc file's text, or undefined when it cannot be read (the process ended, no /proc). */
export function readProcFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function cpuMs(pid: number): number | undefined {
  const s = readProcFile(`/proc/${pid}/stat`);
  return s === undefined ? undefined : parseCpuMs(s);
}

export function peakRssBytes(pid: number): number | undefined {
  const s = readProcFile(`/proc/${pid}/status`);
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

/** Busy and total time of all CPUs together (the first line of /proc/stat), in ms. */
export interface MachineTimes {
  busyMs: number;
  totalMs: number;
}

/** `cpu  user nice system idle iowait irq softirq steal …` → busy = all but idle and iowait; guest time is inside user. */
export function parseMachineTimes(stat: string): MachineTimes | undefined {
  const line = stat.split('\n', 1)[0];
  if (!/^cpu\s/.test(line)) return undefined;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (ticks.length < 5 || ticks.some((t) => !Number.isFinite(t))) return undefined;
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = ticks[3] + ticks[4];
  return { busyMs: ((total - idle) * 1000) / CLOCK_TICKS_PER_SECOND, totalMs: (total * 1000) / CLOCK_TICKS_PER_SECOND };
}

export function machineTimes(): MachineTimes | undefined {
  const s = readProcFile('/proc/stat');
  return s === undefined ? undefined : parseMachineTimes(s);
}

/** This process's CPU (user + system) in ms: the bench itself, which hosts the simulators and the watchers. */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Where a window's CPU went: the whole machine, the bench's own process; the hubs are counted apart. */
export interface MachineUsage {
  /** Busy CPU time of every core together over the window. */
  busyMs: number;
  /** Cores × the window (what "every core busy" would be). */
  capacityMs: number;
  /** The bench process: the simulated platforms and the watchers. */
  benchMs: number;
}

export function machineSnapshot(): { times: MachineTimes | undefined; benchMs: number } {
  return { times: machineTimes(), benchMs: ownCpuMs() };
}

export function machineUsageSince(before: ReturnType<typeof machineSnapshot>): MachineUsage | undefined {
  const after = machineSnapshot();
  if (!before.times || !after.times) return undefined;
  return {
    busyMs: after.times.busyMs - before.times.busyMs,
    capacityMs: after.times.totalMs - before.times.totalMs,
    benchMs: after.benchMs - before.benchMs,
  };
}
