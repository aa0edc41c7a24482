/**
 * startMultiTenantSimulator: one HTTP server hosting thousands of shops of one platform, so a benchmark can
 * run 10 000 stores on one machine without 10 000 listening ports. Tenant n lives under the path prefix
 * `/t/<n>`: its baseUrl is `<server>/t/<n>`, which every plugin's client already prefixes to its API paths.
 * Each tenant is a full shop (sim-shop.ts) with its own state, credentials (the definition's, built from the
 * tenant's baseUrl), fault switches, rate budget and request log; the plugin's simulator definition needs no
 * change. Inside a tenant the definition sees the request as its own server would: the prefix is taken off
 * the path and put on the Host header, so links a simulator builds from its host (pagination, redirects)
 * keep the tenant. `/t/<n>/__sim/...` are the tenant's inspection routes; `GET /__sim/tenants` counts them.
 */
import { SIM_PREFIX } from './inspection-routes';
import { compileRoute } from './route-matcher';
import { checkLatency, drawLatency, splitLatency } from './sim-latency';
import { createSleeper, listenSimServer } from './sim-server';
import { createSimShop, type SimShop } from './sim-shop';
import type {
  PlatformSimulatorDefinition,
  RunningSimulator,
  SimRequest,
  SimRequestRecord,
  SimResponse,
  StartSimulatorOptions,
} from './types';

export const TENANT_PREFIX = '/t';

export interface MultiTenantSimulator<TState = unknown> {
  readonly id: string;
  readonly displayName: string;
  /** http://127.0.0.1:<port>; tenant n is at `${url}/t/${n}`. */
  readonly url: string;
  /** Adds `count` shops numbered on from the last one (the first is 1) and returns them. */
  addTenants(count: number): RunningSimulator<TState>[];
  /** The shop of tenant n, if it exists. */
  tenant(n: number): RunningSimulator<TState> | undefined;
  /** Tenants currently hosted. */
  readonly tenantCount: number;
  /**
   * Calls `listener` after each platform request a tenant answered (never for /__sim routes), before the
   * answer's share of the latency: what a watcher needs to see a store change the moment it changes.
   */
  onAnswered(listener: (tenant: number, record: SimRequestRecord) => void): () => void;
  /** Stops the server and every tenant with it. */
  close(): Promise<void>;
}

/** `/t/<n>/rest` → tenant n and `/rest`; undefined for any other path. */
export function parseTenantPath(path: string): { tenant: number; rest: string } | undefined {
  const m = /^\/t\/([1-9][0-9]{0,8})(\/.*)?$/.exec(path);
  if (!m) return undefined;
  return { tenant: Number(m[1]), rest: m[2] ?? '/' };
}

function notFound(error: string): SimResponse {
  return { status: 404, body: { error } };
}

export async function startMultiTenantSimulator<TState>(
  def: PlatformSimulatorDefinition<TState>,
  opts: StartSimulatorOptions = {},
): Promise<MultiTenantSimulator<TState>> {
  const now = opts.now ?? Date.now;
  const latency = opts.latency ? checkLatency(opts.latency) : undefined;
  const sleeper = createSleeper();
  const routes = def.routes.map(compileRoute);
  const shops = new Map<number, SimShop<TState>>();
  const listeners = new Set<(tenant: number, record: SimRequestRecord) => void>();
  let next = 1;

  const server = await listenSimServer(async (req): Promise<SimResponse> => {
    if (req.path === SIM_PREFIX || req.path.startsWith(`${SIM_PREFIX}/`)) {
      if (req.method === 'GET' && req.path.replace(/\/+$/, '') === `${SIM_PREFIX}/tenants`)
        return { status: 200, body: { id: def.id, tenants: shops.size } };
      return notFound(`no simulator route ${req.method} ${req.path} on a multi-tenant simulator: use ${TENANT_PREFIX}/<n>${SIM_PREFIX}/…`);
    }
    const at = parseTenantPath(req.path);
    if (!at) return notFound(`no tenant in ${req.path}: paths start with ${TENANT_PREFIX}/<n>`);
    const shop = shops.get(at.tenant);
    if (!shop) return notFound(`no tenant ${at.tenant} on this simulator`);
    const host = req.headers.host ?? '127.0.0.1';
    const own: SimRequest = { ...req, path: at.rest, headers: { ...req.headers, host: `${host}${TENANT_PREFIX}/${at.tenant}` } };
    if (own.path === SIM_PREFIX || own.path.startsWith(`${SIM_PREFIX}/`)) return shop.inspect(own);
    const [before, after] = latency ? splitLatency(drawLatency(latency)) : [0, 0];
    await sleeper.wait(before);
    const { response, record } = await shop.answer(own);
    for (const l of listeners) l(at.tenant, record);
    await sleeper.wait(after);
    return response;
  }, opts);

  return {
    id: def.id,
    displayName: def.displayName,
    url: server.url,
    addTenants(count: number) {
      if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number >= 1, got ${count}`);
      const added: RunningSimulator<TState>[] = [];
      for (let i = 0; i < count; i++) {
        const n = next++;
        const shop = createSimShop(def, {
          baseUrl: `${server.url}${TENANT_PREFIX}/${n}`,
          now,
          wait: sleeper.wait,
          routes,
          close: async () => void shops.delete(n),
        });
        shops.set(n, shop);
        added.push(shop.handle);
      }
      return added;
    },
    tenant: (n) => shops.get(n)?.handle,
    get tenantCount() {
      return shops.size;
    },
    onAnswered(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      sleeper.clear();
      shops.clear();
      listeners.clear();
      return server.close();
    },
  };
}
