export { runContractSuite, type ContractRunOptions } from './run-contract-suite';
export { contractScenarios, type ContractScenario, type ContractScenarioName, type ContractSuiteOptions } from './scenarios';
export {
  connectAsHub,
  recordingLogger,
  type HubConnection,
  type HubClientOptions,
  type HubConnectionOverrides,
  type RecordingLogger,
} from './hub-connection';
export { connectToSimulator, FAST_BACKOFF, type ConnectToSimulatorOptions, type SimulatorConnection } from './connect-to-simulator';
export { stockEquals, normalise } from './stock-checks';
export { products as contractProducts, overBatchProducts, mixedTargets } from './seed-plan';
export { oauthScenarios, runOAuthContract, type OAuthContractOptions, type OAuthScenarioName } from './oauth-scenarios';
export { runNoticesContract, type NoticesContractOptions } from './notices-scenarios';
export { useOAuthFlow, type OAuthFlow, type OAuthFlowOptions } from './oauth-flow-harness';
export * from './oauth-flow-steps';
export * from './notice-steps';
export { STORM_SCENARIO, type OneVariantNotices, type ThrottledAsDocumented } from './suite-companions';
export { useSimulator, writesOf } from './use-simulator';
