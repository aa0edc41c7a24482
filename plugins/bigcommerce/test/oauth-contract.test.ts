/**
 * The testkit's OAuth contract against the BigCommerce simulator: install link → auth callback → token →
 * verify + write, and a code that works once. BigCommerce's tokens do not expire (no refresh scenarios run), and a
 * cancelled install sends no callback at all, so the declined-consent scenario (which expects an
 * error=access_denied redirect) does not apply: oauth-simulator.test.ts holds the cancelled install instead. The
 * uninstall-notice scenario tampers a notice's body; BigCommerce's notice is a GET whose JWT is in the query, so
 * oauth-simulator.test.ts and signed-payload-jwt.test.ts check the simulator's signed notice and its forgeries.
 */
import { runOAuthContract } from '@stock-sync/plugin-testkit/contract';
import { plugin } from '../src';
import { simulator } from '../src/simulator';

runOAuthContract({
  plugin,
  simulator,
  only: ['connects a store through the consent flow', 'refuses a tampered callback', 'a code works once'],
});
