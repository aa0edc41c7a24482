export { runContractSuite } from './run-contract-suite';
export { contractScenarios, type ContractScenario, type ContractScenarioName, type ContractSuiteOptions } from './scenarios';
export { connectAsHub, recordingLogger, type HubConnection, type HubClientOptions, type RecordingLogger } from './hub-connection';
export { stockEquals, normalise } from './stock-checks';
export { products as contractProducts, overBatchProducts, mixedTargets } from './seed-plan';
