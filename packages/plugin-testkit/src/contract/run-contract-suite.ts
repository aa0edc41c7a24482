/**
 * runContractSuite: declares one jest test per contract scenario for a plugin and its simulator.
 * Call it at the top level of a plugin's test/contract.test.ts.
 */
import { contractScenarios, type ContractScenarioName, type ContractSuiteOptions } from './scenarios';

/** Generous: the 429 storm alone waits twice Retry-After, and client backoff is the hub's. */
const SCENARIO_TIMEOUT_MS = 90_000;

export function runContractSuite<TState>(opts: ContractSuiteOptions<TState> & { only?: ContractScenarioName[] }): void {
  const names = Object.keys(contractScenarios) as ContractScenarioName[];
  describe(`contract: ${opts.plugin?.manifest?.id ?? 'plugin'} against its simulator`, () => {
    for (const name of names) {
      if (opts.only && !opts.only.includes(name)) continue;
      const scenario = contractScenarios[name] as (o: ContractSuiteOptions<TState>) => Promise<void>;
      it(name, () => scenario(opts), SCENARIO_TIMEOUT_MS);
    }
  });
}
