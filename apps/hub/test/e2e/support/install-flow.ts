/**
 * Connecting a store the way a merchant does, with plain HTTP: POST /v1/stores/connect (or reconnect) →
 * connectUrl → [hub hop] → the simulator's consent → the hub's callback → the success page. `origin` is the
 * hub's public URL (where the platform sends the browser back), which may be a proxy in front of the hub.
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import type { PlatformSimulatorDefinition, RunningSimulator } from '@stock-sync/plugin-testkit';
import { Browser, seenAnswers } from '../../oauth/support/browser';
import type { SyncTestHub } from './sync-hub';

export interface FlowPlatform {
  id: string;
  plugin: IntegrationPlugin;
  simulator: PlatformSimulatorDefinition<unknown>;
  sim: RunningSimulator<unknown>;
}

/** What the merchant gives to start the flow (the plugin's connectFields), from the simulated shop. */
export function connectInputsOf(row: FlowPlatform): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const f of row.plugin.oauth!.connectFields ?? []) {
    const value = row.simulator.connectInputs?.[f.name] ?? row.sim.credentials[f.name];
    if (value === undefined && f.required)
      throw new Error(`${row.id}: the simulator's credentials have no '${f.name}' to give as the connect input`);
    if (value !== undefined) inputs[f.name] = value;
  }
  return inputs;
}

export async function startConnect(
  hub: SyncTestHub,
  row: FlowPlatform,
  options: { storeId?: string; name?: string } = {},
): Promise<{ connectId: string; connectUrl: string }> {
  const res = options.storeId
    ? await hub.post(`/v1/stores/${options.storeId}/reconnect`, {})
    : await hub.post('/v1/stores/connect', {
        platform: row.id,
        name: options.name ?? `${row.id} via install flow`,
        sellingRegion: 'north_america',
        inputs: connectInputsOf(row),
      });
  seenAnswers.push({ url: hub.url, text: res.text });
  if (res.status !== 201) throw new Error(`${row.id}: connect answered ${res.status} ${res.text}`);
  return res.body as { connectId: string; connectUrl: string };
}

/** The browser goes through the flow up to the platform's redirect back to the hub (not followed). */
export async function callbackUrl(
  origin: string,
  row: FlowPlatform,
  connectUrl: string,
  opts?: { denied: true },
): Promise<{ url: string; browser: Browser } | null> {
  const browser = new Browser();
  let current = connectUrl;
  for (let i = 0; i < 4; i++) {
    const hop = await browser.get(current);
    // Declined: the platform's own page, on the platform's host (never the hub's), ends the flow.
    if (opts?.denied && hop.status === 200 && !current.startsWith(origin)) return null;
    if (![302, 303].includes(hop.status) || !hop.location)
      throw new Error(`${row.id}: ${current} answered ${hop.status} ${hop.text.slice(0, 200)}`);
    current = new URL(hop.location, current).toString();
    if (current.startsWith(`${origin}/oauth/callback/`)) return { url: current, browser };
  }
  throw new Error(`${row.id}: the flow never came back to the hub`);
}

/** Connects (or reconnects `storeId`) through the whole flow; the connected store's id. */
export async function connectThroughFlow(
  hub: SyncTestHub,
  origin: string,
  row: FlowPlatform,
  options: { storeId?: string; name?: string; successUrl: string },
): Promise<string> {
  const { connectUrl } = await startConnect(hub, row, options);
  const back = await callbackUrl(origin, row, connectUrl);
  const answer = await back!.browser.get(back!.url);
  const landed = new URL(answer.location ?? 'x:/');
  if (answer.status !== 303 || `${landed.origin}${landed.pathname}` !== options.successUrl) {
    throw new Error(`${row.id}: the callback answered ${answer.status} → ${answer.location ?? '(no location)'}`);
  }
  return landed.searchParams.get('storeId')!;
}
