export { runDemo, type DemoOptions, type DemoRun } from './run-demo';
export { buildScenario, type ScenarioStep } from './scenario';
export { FacilityModel, type FacilityUpdate } from './facility-model';
export { showsExpected, sameObserved, isSoldOut } from './stock-match';
export { summarize, formatSummary } from './stats';
export { parseDemoArgs, DEMO_USAGE } from './cli-args';
export { createOutput, colorWanted } from './output';
