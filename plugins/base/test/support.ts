/** Test plumbing: a running BASE simulator and the real plugin connected to it over HTTP. */
import type { StoreConnection } from '@stock-sync/plugin-api';
import { connectToSimulator } from '@stock-sync/plugin-testkit/contract';
import { startSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import { plugin } from '../src';
import { simulator, type BaseSimState } from '../src/simulator';

/** An item with `count` variations numbered from the first id, and its refs (the testkit's seed helpers). */
export { seedProduct as item, refsOfProduct as refsOf } from '@stock-sync/plugin-testkit';
export type BaseSim = RunningSimulator<BaseSimState>;
export const startBaseSimulator = (): Promise<BaseSim> => startSimulator(simulator);

export function connect(sim: BaseSim, overrides: Record<string, string> = {}): StoreConnection {
  return connectToSimulator({ plugin, simulator: sim, credentials: overrides }).connection;
}

/** A raw call as any BASE client makes it (form-encoded POSTs, Bearer token). */
export async function call(
  sim: BaseSim,
  method: string,
  path: string,
  form?: Record<string, string>,
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${sim.credentials.accessToken}` };
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(`${sim.baseUrl}${path}`, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
  return { status: res.status, body: await res.json() };
}

export const paths = (sim: BaseSim) => sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
