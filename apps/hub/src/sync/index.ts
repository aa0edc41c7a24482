/** The orchestrator's public surface (the hub's composition root and tests). */
export * from './sync.module';
export * from './sync-config';
export * from './sync-queue';
export * from './sync-scheduler';
export * from './sync-worker';
export * from './sync-tokens';
export * from './store-lease';
export * from './run-transitions';
export * from './due-work';
