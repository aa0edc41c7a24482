/**
 * Per-test fixtures for a plugin's own simulator tests: a fresh simulator for each test, and the writes of one
 * target to many variants.
 */
import type { StockWrite, TargetStock, VariantRef } from '@stock-sync/plugin-sdk';

/**
 * Starts a simulator before each test (`start`, which may also seed it) and closes it after (registers jest
 * `beforeEach`/`afterEach`; call at describe level). The returned object stands for the current test's
 * simulator: its properties and methods are the running one's.
 */
export function useSimulator<TSim extends { close(): Promise<void> }>(start: () => Promise<TSim>): TSim {
  let current: TSim | undefined;
  beforeEach(async () => {
    current = await start();
  });
  afterEach(async () => {
    const open = current;
    current = undefined;
    await open?.close();
  });
  const running = (): TSim => {
    if (current === undefined) throw new Error('useSimulator: no simulator is running outside a test');
    return current;
  };
  return new Proxy({} as TSim, {
    get(_, key) {
      const sim = running();
      const value: unknown = Reflect.get(sim, key);
      return typeof value === 'function' ? value.bind(sim) : value;
    },
    set(_, key, value) {
      return Reflect.set(running(), key, value);
    },
    has(_, key) {
      return Reflect.has(running(), key);
    },
  });
}

/** The same target (and previous, when given) for every ref: `{ ...ref, target, previous }` each. */
export function writesOf(refs: VariantRef[], target: TargetStock, previous?: TargetStock): StockWrite[] {
  return refs.map((r) => ({ ...r, target, previous }));
}
