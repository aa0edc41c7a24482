/** The plugin SDK's types the bench needs, taken from the testkit's signatures (the bench does not depend on the SDK itself). */
import type { connectAsHub, RunningSimulator } from '@stock-sync/plugin-testkit';

export type IntegrationPlugin = Parameters<typeof connectAsHub>[0];
export type VariantRef = Parameters<RunningSimulator['stock']>[0];
export type TargetStock = Parameters<RunningSimulator['manualEdit']>[1];
