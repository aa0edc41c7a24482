/**
 * The contract every plugin passes, over real HTTP against the BASE simulator.
 *
 * The second run throttles as BASE documents it: `hour_api_limit` without Retry-After, "wait until the hour
 * changes". That wait is minutes, longer than the SDK client sleeps through (30 s): the throttled changes must
 * fail RateLimited for at least the time left in the hour, with nothing sent after the throttled answers.
 * The plugin's clock is injected: it reads as the top of an hour when the suite is declared, so the time left in
 * the hour is known (an hour less what the suite has run) and the run never depends on the wall clock.
 */
import { runContractSuite, runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { createBasePlugin, plugin } from '../src';
import { simulator } from '../src/simulator';

// The install flow and the token lifecycle against the simulator's BASE OAuth endpoints.
runOAuthContract({ plugin, simulator });

const HOUR_MS = 3_600_000;
const SUITE_MARGIN_MS = 120_000;
const declaredAt = Date.now();
const toTopOfHour = HOUR_MS - (declaredAt % HOUR_MS);
const atTopOfHour = createBasePlugin({ now: () => Date.now() + toTopOfHour });

runContractSuite({
  plugin,
  simulator,
  throttledAsDocumented: {
    as: 'BASE documents it: hour_api_limit without Retry-After',
    waitMs: HOUR_MS - SUITE_MARGIN_MS,
    plugin: atTopOfHour,
  },
});
