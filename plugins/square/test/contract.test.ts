/**
 * The contract every plugin passes, over real HTTP against the Square simulator.
 *
 * stormRetryAfterSeconds: 1 — Square's 429 RATE_LIMITED carries no Retry-After, so the SDK client waits its
 * default 1 s (doubling); 1 s is what the storm scenario can hold it to.
 */
import { runContractSuite } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator, stormRetryAfterSeconds: 1 });
