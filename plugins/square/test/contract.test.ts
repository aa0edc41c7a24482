/**
 * The contract every plugin passes, over real HTTP against the Square simulator.
 *
 * stormRetryAfterSeconds: 1 — Square's 429 RATE_LIMITED carries no Retry-After, so the SDK client waits its
 * default 1 s (doubling); 1 s is what the storm scenario can hold it to. The second run throttles as Square
 * does, without the header, and holds the client to that 1 s.
 */
import { runContractSuite } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator, stormRetryAfterSeconds: 1 });

describe('throttled as Square documents it: no Retry-After', () => {
  runContractSuite({
    plugin,
    simulator,
    throttleWithoutRetryAfter: { waitMs: 1_000 }, // the SDK client's default wait for a 429 without the header
    only: ['survives a 429 storm: everything written, the client waited at least Retry-After'],
  });
});
