/** Shared setup of the delivery tests: a hub that delivers fast (short poll, timeout and retry schedule). */
import type { HubHarnessOptions, TestHub } from '../../support/hub-harness';

export const DELIVERING: HubHarnessOptions = {
  env: {
    HUB_WEBHOOK_DELIVERY: 'on',
    HUB_WEBHOOK_POLL_MS: '100',
    HUB_WEBHOOK_TIMEOUT_MS: '2000',
    HUB_WEBHOOK_RETRY_SCHEDULE_MS: '300,1000,3000',
  },
};

export async function subscribe(hub: TestHub, url: string, eventTypes: string[]): Promise<{ id: string; secret: string }> {
  const res = await hub.post('/v1/webhooks', { url, eventTypes }).expect(201);
  return { id: res.body.id, secret: res.body.secret };
}

export interface DeliveryView {
  eventId: string;
  eventType: string;
  orderingKey: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
}

export async function deliveries(hub: TestHub, subscriptionId: string): Promise<DeliveryView[]> {
  const res = await hub.get(`/v1/webhooks/${subscriptionId}/deliveries?limit=500`).expect(200);
  return (res.body.items as DeliveryView[]).reverse();
}
