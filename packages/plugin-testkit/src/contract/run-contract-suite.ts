/**
 * runContractSuite: declares one jest test per contract scenario for a plugin and its simulator, and what its
 * options add (suite-companions.ts): the storm throttled as the platform documents it, the notices contract.
 * Call it at the top level of a plugin's test/contract.test.ts.
 */
import { runNoticesContract } from './notices-scenarios';
import { contractScenarios, type ContractScenarioName, type ContractSuiteOptions } from './scenarios';
import { oneVariantNotices, throttledRun, type OneVariantNotices, type ThrottledAsDocumented } from './suite-companions';

/** Generous: the 429 storm alone waits twice Retry-After, and client backoff is the hub's. */
const SCENARIO_TIMEOUT_MS = 90_000;

export interface ContractRunOptions<TState> extends ContractSuiteOptions<TState> {
  only?: ContractScenarioName[];
  /** Also the 429 storm without Retry-After, held to the platform's documented wait, in its own describe. */
  throttledAsDocumented?: ThrottledAsDocumented;
  /** Also the notices contract, for one seeded variant the merchant edits. */
  notices?: OneVariantNotices<TState>;
}

export function runContractSuite<TState>(opts: ContractRunOptions<TState>): void {
  const { throttledAsDocumented, notices, ...suite } = opts;
  const names = Object.keys(contractScenarios) as ContractScenarioName[];
  describe(`contract: ${suite.plugin?.manifest?.id ?? 'plugin'} against its simulator`, () => {
    for (const name of names) {
      if (suite.only && !suite.only.includes(name)) continue;
      const scenario = contractScenarios[name] as (o: ContractSuiteOptions<TState>) => Promise<void>;
      it(name, () => scenario(suite), SCENARIO_TIMEOUT_MS);
    }
  });
  if (throttledAsDocumented) {
    describe(`throttled as ${throttledAsDocumented.as}`, () => runContractSuite(throttledRun(suite, throttledAsDocumented)));
  }
  if (notices) runNoticesContract(oneVariantNotices(suite, notices));
}
