/**
 * The contract every plugin passes, over real HTTP against the Squarespace simulator.
 *
 * The second run throttles as Squarespace documents it: 429 without Retry-After and "a 1-minute cool-down".
 * 60 s is longer than the SDK client sleeps through (30 s), so the throttled changes must fail
 * RateLimited(>= 60 s) with nothing sent after the throttled answers — fast, the orchestrator reschedules.
 */
import { runContractSuite } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runContractSuite({
  plugin,
  simulator,
  throttledAsDocumented: { as: 'Squarespace documents it: no Retry-After, a one-minute cool-down', waitMs: 60_000 },
});
