/**
 * One simulated shop: its own state, credentials, fault switches, rate budget and request log, behind a
 * server that owns none of it. startSimulator serves one shop on a port; startMultiTenantSimulator serves
 * thousands of them on one port (a tenant per path prefix). For every platform request, in order:
 * injected delay → injected throttle → injected 5xx → the platform's auth check → route match → the
 * platform's rate budget → the route handler.
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-sdk';
import { applyFaults, clearFaults, createFaultState } from './fault-state';
import { handleInspection } from './inspection-routes';
import { matchRoute, type CompiledRoute } from './route-matcher';
import { SimTokenBucket } from './sim-token-bucket';
import type {
  PlatformSimulatorDefinition,
  RunningSimulator,
  SeedProduct,
  SimContext,
  SimRequest,
  SimRequestRecord,
  SimResponse,
} from './types';

function refKey(ref: VariantRef): string {
  return `${ref.externalProductId}\u0000${ref.externalVariantId}`;
}

/** The throttled answer of a platform that documents no Retry-After (injected with retryAfterHeader: false). */
function withoutRetryAfter(r: SimResponse): SimResponse {
  if (!r.headers) return r;
  return { ...r, headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => k.toLowerCase() !== 'retry-after')) };
}

export interface SimShopOptions<TState> {
  /** The URL the shop's clients use (the server's URL, or the server's URL plus the tenant prefix). */
  baseUrl: string;
  now: () => number;
  /** A cancellable sleep owned by the server (its timers are cleared on close). */
  wait: (ms: number) => Promise<void>;
  /** The server's routes, compiled once for every shop it serves. */
  routes: CompiledRoute<TState>[];
  /** What the handle's close() does (stop the server, or drop the tenant). */
  close: () => Promise<void>;
}

export interface SimShop<TState> {
  /** The programmatic view of the shop (what startSimulator returns). */
  handle: RunningSimulator<TState>;
  /** Answers one platform request and records it in the shop's log. */
  answer(req: SimRequest): Promise<{ response: SimResponse; record: SimRequestRecord }>;
  /** Answers one /__sim request for this shop. */
  inspect(req: SimRequest): SimResponse;
}

export function createSimShop<TState>(def: PlatformSimulatorDefinition<TState>, opts: SimShopOptions<TState>): SimShop<TState> {
  const { now, wait } = opts;
  const routes = opts.routes;
  const state = def.createState();
  const faults = createFaultState();
  const bucket = new SimTokenBucket(def.rateLimit.capacity, def.rateLimit.refillPerSecond, now);
  const seeded = new Map<string, { productId: string; variantId: string; ref: VariantRef }>();
  let requests: SimRequestRecord[] = [];
  const ctx: SimContext<TState> = { state, faults, now };
  const credentials = def.credentials(opts.baseUrl);

  function withBudgetHeaders(r: SimResponse): SimResponse {
    if (!def.rateLimit.headers) return r;
    return { ...r, headers: { ...def.rateLimit.headers(bucket.remaining(), bucket.capacity), ...(r.headers ?? {}) } };
  }

  async function answerPlatform(req: SimRequest): Promise<SimResponse> {
    if (faults.delay.remaining > 0) {
      faults.delay.remaining--;
      await wait(faults.delay.ms);
    }
    if (faults.rateLimit.remaining > 0) {
      faults.rateLimit.remaining--;
      const answer = def.rateLimit.throttled(req, faults.rateLimit.retryAfterSeconds);
      return faults.rateLimit.retryAfterHeader === false ? withoutRetryAfter(answer) : answer;
    }
    if (faults.serverError.remaining > 0) {
      faults.serverError.remaining--;
      return { status: faults.serverError.status, body: { error: 'simulated server error' } };
    }
    const denied = def.authenticate(req, credentials, faults.revoked);
    if (denied) return denied;

    const match = matchRoute(routes, req.method, req.path);
    if (match.kind === 'not-found') return withBudgetHeaders({ status: 404, body: { error: `no route ${req.method} ${req.path}` } });
    if (match.kind === 'method-not-allowed')
      return withBudgetHeaders({ status: 405, body: { error: `method ${req.method} not allowed on ${req.path}` } });

    const routed: SimRequest = { ...req, params: match.params };
    const cost = typeof match.route.cost === 'function' ? match.route.cost(routed, ctx) : (match.route.cost ?? 1);
    const taken = bucket.take(cost);
    // The throttled answer is exactly what the platform sends (Etsy, e.g., omits its rate headers on 429).
    if (!taken.ok) return def.rateLimit.throttled(routed, taken.retryAfterSeconds);
    try {
      return withBudgetHeaders(await match.route.handle(routed, ctx));
    } catch (e) {
      return withBudgetHeaders({ status: 500, body: { error: e instanceof Error ? e.message : 'simulator handler failed' } });
    }
  }

  const handle: RunningSimulator<TState> = {
    id: def.id,
    baseUrl: opts.baseUrl,
    credentials,
    state,
    seed(products: SeedProduct[]) {
      def.seed(state, products);
      for (const p of products) {
        for (const v of p.variants) {
          const ref = { externalProductId: p.productId, externalVariantId: v.variantId };
          seeded.set(refKey(ref), { productId: p.productId, variantId: v.variantId, ref });
        }
      }
    },
    stock: (ref) => def.inspect(state, ref),
    manualEdit: (ref, to: TargetStock) => def.manualEdit(state, ref, to),
    setAppNoticeUrl(url: string | undefined) {
      if (!def.setAppNoticeUrl) throw new Error(`${def.displayName} has no notice URL in its app settings`);
      def.setAppNoticeUrl(state, url);
    },
    faults: {
      rateLimit: (count, retryAfterSeconds, options) =>
        applyFaults(faults, { rateLimit: { count, retryAfterSeconds, retryAfterHeader: options?.retryAfterHeader } }),
      serverError: (count, status) => applyFaults(faults, { serverError: { count, status } }),
      delay: (ms, count) => applyFaults(faults, { delay: { ms, count } }),
      revokeCredentials: () => void (faults.revoked = true),
      restoreCredentials: () => void (faults.revoked = false),
      deleteVariant: (ref) => def.deleteVariant(state, ref),
      clear: () => clearFaults(faults),
    },
    get requests() {
      return requests;
    },
    resetRequests() {
      requests = [];
    },
    snapshot() {
      return [...seeded.values()].map((s) => ({ productId: s.productId, variantId: s.variantId, stock: def.inspect(state, s.ref) }));
    },
    close: opts.close,
  };

  return {
    handle,
    async answer(req) {
      const at = now();
      let response: SimResponse;
      try {
        response = await answerPlatform(req);
      } catch (e) {
        response = { status: 500, body: { error: e instanceof Error ? e.message : 'simulator failed' } };
      }
      const record = { at, method: req.method, path: req.path, status: response.status };
      requests.push(record);
      return { response, record };
    },
    inspect: (req) => handleInspection(handle, () => structuredClone(faults), def.displayName, req),
  };
}
