/**
 * The hub's heap growing factor (heap-growth.ts): which V8 flag it sets from HUB_HEAP_GROWTH_PERCENT, that a
 * bad value stops the built hub with the variable named, and that V8 honours the flag set at run time — the
 * premise of the whole setting — by comparing the peak heap of two child processes doing the same work.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ConfigError } from '../../src/config/hub-config';
import { DEFAULT_HEAP_GROWTH_PERCENT, heapGrowthFlag } from '../../src/heap-growth';
import { HUB_MAIN, hubBuilt } from '../e2e/support/hub-process';

describe('heapGrowthFlag', () => {
  it('sets V8’s growing factor by default, and what HUB_HEAP_GROWTH_PERCENT names', () => {
    expect(DEFAULT_HEAP_GROWTH_PERCENT).toBe(50);
    expect(heapGrowthFlag({})).toBe('--heap-growing-percent=50');
    expect(heapGrowthFlag({ HUB_HEAP_GROWTH_PERCENT: ' 120 ' })).toBe('--heap-growing-percent=120');
    expect(heapGrowthFlag({ HUB_HEAP_GROWTH_PERCENT: '300' })).toBe('--heap-growing-percent=300');
    expect(heapGrowthFlag({ HUB_HEAP_GROWTH_PERCENT: '' })).toBe('--heap-growing-percent=50');
  });

  it('sets nothing at 0 (V8’s own heuristics) or when the operator gave Node the flag', () => {
    expect(heapGrowthFlag({ HUB_HEAP_GROWTH_PERCENT: '0' })).toBeUndefined();
    expect(heapGrowthFlag({}, ['--heap-growing-percent=10'])).toBeUndefined();
    expect(heapGrowthFlag({}, ['--heap-growing-percent', '10'])).toBeUndefined();
    expect(heapGrowthFlag({ NODE_OPTIONS: '--max-old-space-size=512 --heap_growing_percent=10' })).toBeUndefined();
    // Other heap options leave the factor to the hub.
    expect(heapGrowthFlag({ NODE_OPTIONS: '--max-old-space-size=512' }, ['--expose-gc'])).toBe('--heap-growing-percent=50');
  });

  it.each(['lots', '-1', '301', '1.5', '50%'])('refuses %j, naming the variable', (value) => {
    let error: unknown;
    try {
      heapGrowthFlag({ HUB_HEAP_GROWTH_PERCENT: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([`HUB_HEAP_GROWTH_PERCENT must be a whole number between 0 and 300, got "${value}"`]);
  });
});

const runnable = hubBuilt();
// turbo builds the hub before its tests (apps/hub/turbo.json): in CI, skipping would hide a failure.
if (!runnable && process.env.CI === 'true') throw new Error('heap-growth: apps/hub/dist is not built');
const describeIf = runnable ? describe : describe.skip;

describeIf('the built hub and V8', () => {
  const env = (value?: string) => ({ PATH: process.env.PATH, ...(value === undefined ? {} : { HUB_HEAP_GROWTH_PERCENT: value }) });

  it('stops before starting, exit code 2, when HUB_HEAP_GROWTH_PERCENT is not a percentage', () => {
    const run = spawnSync(process.execPath, [HUB_MAIN], { env: env('lots'), encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Invalid hub configuration');
    expect(run.stderr).toContain('HUB_HEAP_GROWTH_PERCENT must be a whole number between 0 and 300, got "lots"');
  });

  /**
   * A live set of ~60 MB, then garbage that survives a few young collections (so it reaches the old space,
   * as a busy hub's does), with the flag set at run time as main.ts sets it; prints the peak committed heap.
   */
  const churn = `
    const { applyHeapGrowth } = require(${JSON.stringify(path.join(path.dirname(HUB_MAIN), 'heap-growth.js'))});
    applyHeapGrowth(process.env, process.execArgv);
    const live = Array.from({ length: 600 }, (_, i) => Array.from({ length: 5000 }, (_, j) => ({ i, j })));
    let window = [], peak = 0;
    for (let round = 0; round < 300; round++) {
      window.push(Array.from({ length: 20000 }, (_, k) => ({ round, k, s: 'x' + k })));
      if (window.length > 4) window.shift();
      peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    console.log(JSON.stringify({ peak, live: live.length }));
  `;
  const peakHeap = (value?: string) => {
    const run = spawnSync(process.execPath, ['-e', churn], { env: env(value), encoding: 'utf8', timeout: 120_000 });
    expect(run.status).toBe(0);
    return (JSON.parse(run.stdout) as { peak: number }).peak;
  };

  // V8 13 (Node 24) keeps this churn near the live set by itself (325–346 MB, the flag changing nothing, set at run
  // time or on the command line); V8 11 and 12 (Node 20, 22) let it reach 615–635 MB.
  const v8Major = Number(process.versions.v8.split('.')[0]);

  (v8Major < 13 ? it : it.skip)(
    'keeps the heap near the live set by default, set at run time (V8 reads the factor at every collection)',
    () => {
      const own = peakHeap('0'); // V8's heuristics
      const byDefault = peakHeap();
      // Measured on the 2-core reference machine: 615–635 MB against 284–294 MB (and 228–235 MB at 10 %). A third less
      // is a margin that still proves the flag took effect.
      expect(byDefault).toBeLessThan(own * 0.67);
      expect(peakHeap('10')).toBeLessThan(byDefault);
    },
  );

  (v8Major >= 13 ? it : it.skip)('costs nothing where V8 already keeps the heap near the live set (V8 13 and later)', () => {
    expect(peakHeap()).toBeLessThan(peakHeap('0') * 1.2);
  });
});
