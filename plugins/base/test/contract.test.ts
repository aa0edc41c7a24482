/**
 * The contract every plugin passes, over real HTTP against the BASE simulator.
 *
 * The second run throttles as BASE documents it: `hour_api_limit` without Retry-After, "wait until the hour
 * changes". That wait is minutes, longer than the SDK client sleeps through (30 s): the throttled changes must
 * fail RateLimited for at least the time left in the hour, with nothing sent after the throttled answers.
 * The expected wait is taken when the suite is declared, less a margin for the scenarios that run before the
 * storm; too close to the top of the hour the wait may be one the client sleeps through, so that run is skipped.
 */
import { runContractSuite } from '@stock-sync/plugin-testkit';
import { plugin } from '../src';
import { msUntilNextHour } from '../src/base-api';
import { simulator } from '../src/simulator';

runContractSuite({ plugin, simulator });

const SUITE_MARGIN_MS = 120_000;
const CLIENT_SLEEPS_THROUGH_MS = 30_000; // the SDK client's default maxRetryAfterMs
const waitMs = msUntilNextHour(Date.now()) - SUITE_MARGIN_MS;

(waitMs > CLIENT_SLEEPS_THROUGH_MS ? describe : describe.skip)('throttled as BASE documents it: hour_api_limit without Retry-After', () => {
  runContractSuite({
    plugin,
    simulator,
    throttleWithoutRetryAfter: { waitMs },
    only: ['survives a 429 storm: everything written, the client waited at least Retry-After'],
  });
});
