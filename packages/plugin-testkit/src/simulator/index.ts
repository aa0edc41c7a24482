export * from './types';
export { startSimulator } from './start-simulator';
export { createFaultState, applyFaults, clearFaults } from './fault-state';
export { compileRoute, matchRoute } from './route-matcher';
export { parseBody, parseParams } from './parse-request';
export { SimTokenBucket } from './sim-token-bucket';
export { isTargetStock, SIM_PREFIX } from './inspection-routes';
export { wrapRoute, injectConcurrentEdit, type RouteSelector, type RouteHandler, type ConcurrentEditOptions } from './wrap-route';
export { startMultiTenantSimulator, parseTenantPath, TENANT_PREFIX, type MultiTenantSimulator } from './start-multi-tenant-simulator';
export { checkLatency, drawLatency, splitLatency, type SimLatency } from './sim-latency';
// The OAuth kit: consent and token endpoints, expiry by the simulator clock, rotation, signing helpers.
export * from './oauth';
export { NoticeOutbox, NOTICE_OUTBOX_KEEPS, type NoticeDelivery, type NoticeToSend } from './notice-outbox';
export { startNoticeReceiver, type NoticeReceiver, type NoticeReceiverOptions, type ReceivedNotice } from './notice-receiver';
export { useNoticeHarness, type NoticeHarness, type NoticeHarnessOptions, type NoticeSim } from './notice-harness';
export { throttledAnswer } from './throttled-answer';
export { variantHooks, type VariantHooks } from './variant-hooks';
export { specBodyChecks, type BodyCheck, type SpecBodyChecks, type SpecOperations } from './spec-body-checks';
export { seedIntegerId } from './seed-ids';
