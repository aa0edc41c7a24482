/**
 * startSimulator: a real node HTTP server around a PlatformSimulatorDefinition. For every platform
 * request, in order: injected delay → injected throttle → injected 5xx → the platform's auth check →
 * route match → the platform's rate budget → the route handler. /__sim routes bypass all of it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TargetStock, VariantRef } from '@stock-sync/plugin-sdk';
import { applyFaults, clearFaults, createFaultState } from './fault-state';
import { handleInspection, SIM_PREFIX } from './inspection-routes';
import { readBody, toSimRequest } from './parse-request';
import { compileRoute, matchRoute } from './route-matcher';
import { SimTokenBucket } from './sim-token-bucket';
import type {
  PlatformSimulatorDefinition,
  RunningSimulator,
  SeedProduct,
  SimContext,
  SimRequest,
  SimRequestRecord,
  SimResponse,
  StartSimulatorOptions,
} from './types';

function refKey(ref: VariantRef): string {
  return `${ref.externalProductId}\u0000${ref.externalVariantId}`;
}

/** The throttled answer of a platform that documents no Retry-After (injected with retryAfterHeader: false). */
function withoutRetryAfter(r: SimResponse): SimResponse {
  if (!r.headers) return r;
  return { ...r, headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => k.toLowerCase() !== 'retry-after')) };
}

function writeResponse(res: ServerResponse, r: SimResponse): void {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
  let payload = '';
  if (r.body !== undefined) {
    if (typeof r.body === 'string' && hasType) payload = r.body;
    else {
      payload = JSON.stringify(r.body);
      if (!hasType) headers['content-type'] = 'application/json; charset=utf-8';
    }
  }
  res.writeHead(r.status, headers);
  res.end(payload);
}

export async function startSimulator<TState>(
  def: PlatformSimulatorDefinition<TState>,
  opts: StartSimulatorOptions = {},
): Promise<RunningSimulator<TState>> {
  const now = opts.now ?? Date.now;
  const state = def.createState();
  const faults = createFaultState();
  const bucket = new SimTokenBucket(def.rateLimit.capacity, def.rateLimit.refillPerSecond, now);
  const routes = def.routes.map(compileRoute);
  const seeded = new Map<string, { productId: string; variantId: string; ref: VariantRef }>();
  let requests: SimRequestRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const ctx: SimContext<TState> = { state, faults, now };
  let credentials: Record<string, string> = {};
  let baseUrl = '';

  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
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
    if (match.kind === 'method-not-allowed') return withBudgetHeaders({ status: 405, body: { error: `method ${req.method} not allowed on ${req.path}` } });

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

  function withBudgetHeaders(r: SimResponse): SimResponse {
    if (!def.rateLimit.headers) return r;
    return { ...r, headers: { ...def.rateLimit.headers(bucket.remaining(), bucket.capacity), ...(r.headers ?? {}) } };
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      writeResponse(res, { status: 413, body: { error: 'body too large' } });
      return;
    }
    const simReq = toSimRequest(req, raw);
    if (simReq.path === SIM_PREFIX || simReq.path.startsWith(`${SIM_PREFIX}/`)) {
      writeResponse(res, handleInspection(sim, () => structuredClone(faults), def.displayName, simReq));
      return;
    }
    const at = now();
    let answer: SimResponse;
    try {
      answer = await answerPlatform(simReq);
    } catch (e) {
      answer = { status: 500, body: { error: e instanceof Error ? e.message : 'simulator failed' } };
    }
    requests.push({ at, method: simReq.method, path: simReq.path, status: answer.status });
    if (!res.destroyed) writeResponse(res, answer);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) writeResponse(res, { status: 500, body: { error: 'simulator failed' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;
  credentials = def.credentials(baseUrl);

  const sim: RunningSimulator<TState> = {
    id: def.id,
    baseUrl,
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
    faults: {
      rateLimit: (count, retryAfterSeconds, options) => applyFaults(faults, { rateLimit: { count, retryAfterSeconds, retryAfterHeader: options?.retryAfterHeader } }),
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
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sim;
}
