/** The events a subscription may ask for (HTTP-API.md "Webhooks" describes each payload). */
export const WEBHOOK_EVENT_TYPES = [
  'store.needs_reconnect',
  'store.paused',
  'store.drift_detected',
  'sync_run.failed',
  'variant.unavailable',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
