/** Reads the simulated stores over their /__sim routes (not platform requests: never rate limited or logged). */
import { json } from './http-json';
import type { BenchStore } from './bench-fleet';

interface SimStockRow {
  variantId: string;
  stock: { kind: string; quantity?: number } | string | null | undefined;
}
export interface SimRequest {
  at: number;
  method: string;
  path: string;
  status: number;
}

export const simRequests = (simUrl: string) => json<{ total: number; requests: SimRequest[] }>(`${simUrl}/__sim/requests`);
export const resetSimRequests = (simUrl: string) => json(`${simUrl}/__sim/requests`, { method: 'DELETE' });

export function distinctSims(stores: readonly BenchStore[]): string[] {
  return [...new Set(stores.map((s) => s.simUrl))];
}

/** True when every variant of the store shows exactly this quantity. */
export function storeShows(store: BenchStore, rows: readonly SimStockRow[], quantity: number): boolean {
  let seen = 0;
  for (const r of rows) {
    if (!store.variants.has(r.variantId)) continue;
    const s = r.stock;
    if (!s || typeof s !== 'object' || s.kind !== 'quantity' || s.quantity !== quantity) return false;
    seen++;
  }
  return seen === store.variants.size;
}

/**
 * Polls every simulator until each store shows `quantity` everywhere; returns ms from `since` at which
 * each store was first seen complete. Throws after timeoutMs naming the stores still behind.
 */
export async function waitUntilStoresShow(
  stores: readonly BenchStore[],
  quantity: number,
  since: number,
  timeoutMs: number,
): Promise<Map<string, number>> {
  const done = new Map<string, number>();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const simUrl of distinctSims(stores)) {
      const todo = stores.filter((s) => s.simUrl === simUrl && !done.has(s.id));
      if (todo.length === 0) continue;
      const { variants } = await json<{ variants: SimStockRow[] }>(`${simUrl}/__sim/stock`);
      const at = performance.now() - since;
      for (const s of todo) if (storeShows(s, variants, quantity)) done.set(s.id, at);
    }
    if (done.size === stores.length) return done;
    if (Date.now() > deadline) {
      const behind = stores.filter((s) => !done.has(s.id)).map((s) => `${s.platform}#${s.index + 1}`);
      throw new Error(`${behind.length} store(s) did not show quantity ${quantity} within ${timeoutMs / 1000} s: ${behind.join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until no simulator has received a platform request for `quietMs` (at most maxMs). */
export async function waitForQuiet(simUrls: readonly string[], quietMs = 1_500, maxMs = 30_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const totals = await Promise.all(simUrls.map((u) => simRequests(u).then((r) => r.total)));
    const sum = totals.reduce((a, b) => a + b, 0);
    if (sum !== last) {
      last = sum;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}
