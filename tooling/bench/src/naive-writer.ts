/**
 * The naive baseline: what an integration without diffing or batching does with the same change — one
 * platform write per changed variant, each sent as soon as the previous one answered, through the plugin's
 * own connection and the SDK's HTTP client (the platform's rate budget and Retry-After honoured, as any
 * client must). Every shop gets its own writer, all at once: the best case for the naive writer's time.
 * It runs on shops of the same simulators (same latency, same budgets) that the hub does not know.
 */
import { connectAsHub } from '@stock-sync/plugin-testkit';
import { callsOf, resetCalls } from './fleet-watch';
import type { IntegrationPlugin, TargetStock } from './plugin-types';
import type { FleetShop } from './scenario-fleet';

export interface NaiveFigures {
  shops: number;
  variantsWritten: number;
  failed: number;
  calls: number;
  http429: number;
  /** ms per shop from the first write until its last answered. */
  storeMs: number[];
  perPlatform: Map<string, { calls: number; http429: number; shops: number }>;
}

export async function runNaiveWriter(
  shops: readonly FleetShop[],
  plugins: Map<string, IntegrationPlugin>,
  target: TargetStock,
): Promise<NaiveFigures> {
  resetCalls(shops);
  let failed = 0;
  let written = 0;
  const storeMs = await Promise.all(
    shops.map(async (s) => {
      const { connection } = connectAsHub(plugins.get(s.platform)!, { ...s.shop.credentials });
      const t0 = performance.now();
      for (const ref of s.refs) {
        const [out] = await connection.writeStock([{ ...ref, target }]);
        if (out?.status === 'written') written++;
        else failed++;
      }
      return performance.now() - t0;
    }),
  );
  const perPlatform = callsOf(shops);
  let calls = 0;
  let http429 = 0;
  for (const c of perPlatform.values()) {
    calls += c.calls;
    http429 += c.http429;
  }
  return { shops: shops.length, variantsWritten: written, failed, calls, http429, storeMs, perPlatform };
}
