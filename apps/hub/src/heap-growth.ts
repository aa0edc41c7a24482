/**
 * How far V8 may grow the hub's heap past what survived its last full collection (issue 10).
 *
 * Left to its own heuristics, V8 lets the heap grow up to four times the live set while collecting looks
 * costly, and a busy hub allocates fast: at 300 stores one facility change peaked at 565 MB of RSS, at 10 000
 * stores at 1.6 GB, while a heap snapshot at 2 000 stores found about 200 MB alive. `--max-old-space-size`
 * bounds that, but only on the command line, and a hard cap crashes a hub whose live set outgrows it. A growing
 * factor bounds the garbage instead of the heap: V8 reads `--heap-growing-percent` each time it sets the
 * next collection's limit, so the hub sets it when it starts (no command line needed), trading some CPU
 * (more frequent collections) for a heap that follows the live set. Measured in tooling/bench/README.md.
 *
 * Node 20 and 22 (V8 11, 12) honour it; on Node 24 (V8 13) the same churn stays near its live set without it and the
 * flag changes nothing measurable (apps/hub/test/operate/heap-growth.test.ts), so there it is harmless and idle.
 *
 * HUB_HEAP_GROWTH_PERCENT: the heap may grow to (1 + N/100) × the live set; 0 leaves V8's own heuristics.
 * A `--heap-growing-percent` given to Node (command line or NODE_OPTIONS) is the operator's and wins.
 */
import * as v8 from 'node:v8';
import { ConfigError } from './config/hub-config';

export const DEFAULT_HEAP_GROWTH_PERCENT = 50;
export const HEAP_GROWTH_VARIABLE = 'HUB_HEAP_GROWTH_PERCENT';
const MAX_PERCENT = 300;

/** `--heap-growing-percent` or `--heap_growing_percent`, with or without its value. */
const NODE_FLAG = /(^|\s)--heap[-_]growing[-_]percent(=|\s|$)/;

/**
 * The V8 flag the hub should set, or undefined when it sets none (0, or the operator named the flag to Node).
 * Throws a ConfigError naming the variable when it is not a whole number from 0 to 300.
 */
export function heapGrowthFlag(env: Record<string, string | undefined>, execArgv: readonly string[] = []): string | undefined {
  const raw = env[HEAP_GROWTH_VARIABLE]?.trim();
  const percent = raw ? Number(raw) : DEFAULT_HEAP_GROWTH_PERCENT;
  if (!Number.isInteger(percent) || percent < 0 || percent > MAX_PERCENT)
    throw new ConfigError([`${HEAP_GROWTH_VARIABLE} must be a whole number between 0 and ${MAX_PERCENT}, got "${raw}"`]);
  if (percent === 0) return undefined;
  if ([...execArgv, env.NODE_OPTIONS ?? ''].some((arg) => NODE_FLAG.test(arg))) return undefined;
  return `--heap-growing-percent=${percent}`;
}

/** Sets the growing factor for this process (main.ts, before the hub starts); returns the flag it set. */
export function applyHeapGrowth(env: Record<string, string | undefined>, execArgv: readonly string[]): string | undefined {
  const flag = heapGrowthFlag(env, execArgv);
  if (flag) v8.setFlagsFromString(flag);
  return flag;
}
