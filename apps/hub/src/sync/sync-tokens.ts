/** Injection tokens of the orchestrator's plain classes (constructed by SyncModule's factories). */
export const SYNC_QUEUE_TOKEN = Symbol('SYNC_QUEUE');
export const SYNC_SCHEDULER_TOKEN = Symbol('SYNC_SCHEDULER');
