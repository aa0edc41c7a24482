/**
 * startSimulator: a real node HTTP server around one shop of a PlatformSimulatorDefinition (sim-shop.ts
 * says what happens to each platform request). /__sim routes bypass all of it. With `latency`, every
 * platform request takes that long (half before it is handled, half after), as a real platform's do.
 */
import { SIM_PREFIX } from './inspection-routes';
import { compileRoute } from './route-matcher';
import { checkLatency, drawLatency, splitLatency } from './sim-latency';
import { createSleeper, listenSimServer } from './sim-server';
import { createSimShop, type SimShop } from './sim-shop';
import type { PlatformSimulatorDefinition, RunningSimulator, SimResponse, StartSimulatorOptions } from './types';

export async function startSimulator<TState>(
  def: PlatformSimulatorDefinition<TState>,
  opts: StartSimulatorOptions = {},
): Promise<RunningSimulator<TState>> {
  const now = opts.now ?? Date.now;
  const latency = opts.latency ? checkLatency(opts.latency) : undefined;
  const sleeper = createSleeper();
  const routes = def.routes.map(compileRoute);
  let shop: SimShop<TState> | undefined;
  const server = await listenSimServer(async (req): Promise<SimResponse> => {
    if (!shop) return { status: 503, body: { error: 'simulator starting' } };
    if (req.path === SIM_PREFIX || req.path.startsWith(`${SIM_PREFIX}/`)) return shop.inspect(req);
    const [before, after] = latency ? splitLatency(drawLatency(latency)) : [0, 0];
    await sleeper.wait(before);
    const { response } = await shop.answer(req);
    await sleeper.wait(after);
    return response;
  }, opts);
  shop = createSimShop(def, {
    baseUrl: server.url,
    now,
    wait: sleeper.wait,
    routes,
    close: () => {
      sleeper.clear();
      return server.close();
    },
  });
  return shop.handle;
}
