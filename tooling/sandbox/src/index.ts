export * from './start-sandbox';
export { loadPlugin, loadSimulatorDefinition, type Loaded } from './load-modules';
export { sampleCatalog } from './sample-catalog';
export { describeSandbox, describeSimulator, credentialsJson, sandboxTable } from './sandbox-guide';
export { parseSandboxArgs, SANDBOX_USAGE, type SandboxArgs } from './cli-args';
export { WORKSPACE_ROOT, DEFAULT_PLUGINS_DIR } from './workspace-root';
export { sandboxOAuthEnv, oauthEnvFor, platformEnvKey } from './oauth-env';
