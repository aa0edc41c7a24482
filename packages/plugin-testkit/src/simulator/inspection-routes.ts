/**
 * The /__sim routes: no platform auth, no rate budget, not logged as platform requests. Tests, the
 * sandbox and the demo use them to seed, inspect and break a simulated store over HTTP.
 */
import type { TargetStock, VariantRef } from '@stock-sync/plugin-sdk';
import type { FaultRequest, RunningSimulator, SeedProduct, SimRequest, SimResponse } from './types';
import { applyFaults } from './fault-state';
import { denyConsent } from './oauth/consent-controls';

export const SIM_PREFIX = '/__sim';

function bad(message: string): SimResponse {
  return { status: 400, body: { error: message } };
}

function isRef(v: unknown): v is VariantRef {
  const r = v as VariantRef;
  return !!r && typeof r.externalProductId === 'string' && typeof r.externalVariantId === 'string';
}

export function isTargetStock(v: unknown): v is TargetStock {
  const s = v as { kind?: unknown; quantity?: unknown };
  if (!s || typeof s !== 'object') return false;
  if (s.kind === 'unlimited' || s.kind === 'out_of_stock') return true;
  return s.kind === 'quantity' && typeof s.quantity === 'number' && Number.isInteger(s.quantity) && s.quantity >= 0;
}

function isSeed(v: unknown): v is SeedProduct[] {
  return (
    Array.isArray(v) &&
    v.every(
      (p) =>
        p &&
        typeof p.productId === 'string' &&
        Array.isArray(p.variants) &&
        p.variants.every(
          (x: { variantId?: unknown; initial?: unknown }) =>
            x && typeof x.variantId === 'string' && (x.initial === undefined || isTargetStock(x.initial)),
        ),
    )
  );
}

export function handleInspection<TState>(
  sim: RunningSimulator<TState>,
  faults: () => unknown,
  displayName: string,
  req: SimRequest,
): SimResponse {
  const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
  const body = (req.body ?? {}) as Record<string, unknown>;
  try {
    switch (route) {
      case `GET ${SIM_PREFIX}/stock`:
        return { status: 200, body: { variants: sim.snapshot() } };
      case `POST ${SIM_PREFIX}/seed`:
        if (!isSeed(body.products)) return bad('body must be { products: SeedProduct[] }');
        sim.seed(body.products);
        return { status: 200, body: { seeded: body.products.reduce((n, p) => n + p.variants.length, 0) } };
      case `GET ${SIM_PREFIX}/faults`:
        return { status: 200, body: { faults: faults() } };
      case `POST ${SIM_PREFIX}/faults`: {
        const f = body as FaultRequest;
        if (f.deleteVariant !== undefined && !isRef(f.deleteVariant)) return bad('deleteVariant must be a VariantRef');
        if (f.deleteVariant) sim.faults.deleteVariant(f.deleteVariant);
        applyFaultsOn(sim, f);
        return { status: 200, body: { faults: faults() } };
      }
      case `POST ${SIM_PREFIX}/manual-edit`:
        if (!isRef(body.ref) || !isTargetStock(body.to)) return bad('body must be { ref: VariantRef, to: TargetStock }');
        sim.manualEdit(body.ref, body.to);
        return { status: 200, body: { ref: body.ref, stock: sim.stock(body.ref) ?? null } };
      case `POST ${SIM_PREFIX}/app-notice-url`:
        if (!(body.url === null || (typeof body.url === 'string' && /^https?:\/\/\S+$/.test(body.url)))) {
          return bad('body must be { url: "http(s)://…" | null }');
        }
        sim.setAppNoticeUrl(body.url ?? undefined);
        return { status: 200, body: { url: body.url } };
      case `GET ${SIM_PREFIX}/requests`:
        return { status: 200, body: { total: sim.requests.length, requests: sim.requests } };
      case `DELETE ${SIM_PREFIX}/requests`:
        sim.resetRequests();
        return { status: 200, body: { total: 0 } };
      case `GET ${SIM_PREFIX}/info`:
        return { status: 200, body: { id: sim.id, displayName, baseUrl: sim.baseUrl, credentials: sim.credentials } };
      default:
        return { status: 404, body: { error: `no simulator route ${route}` } };
    }
  } catch (e) {
    return bad(e instanceof Error ? e.message : String(e));
  }
}

/** Routes the fault body through the RunningSimulator's controls so both paths behave the same. */
function applyFaultsOn<TState>(sim: RunningSimulator<TState>, f: FaultRequest): void {
  if (f.clear) sim.faults.clear();
  const rest: FaultRequest = { ...f, clear: false, deleteVariant: undefined };
  // Validate everything before changing anything.
  applyFaults(structuredClone(CHECK), rest);
  if (rest.rateLimit)
    sim.faults.rateLimit(rest.rateLimit.count, rest.rateLimit.retryAfterSeconds, { retryAfterHeader: rest.rateLimit.retryAfterHeader });
  if (rest.serverError) sim.faults.serverError(rest.serverError.count, rest.serverError.status);
  if (rest.delay) sim.faults.delay(rest.delay.ms, rest.delay.count);
  if (rest.revoke === true) sim.faults.revokeCredentials();
  if (rest.revoke === false) sim.faults.restoreCredentials();
  if (f.clear && typeof sim.state === 'object' && sim.state !== null) denyConsent(sim, false);
  if (typeof rest.denyConsent === 'boolean') denyConsent(sim, rest.denyConsent);
}

const CHECK = {
  rateLimit: { remaining: 0, retryAfterSeconds: 1 },
  serverError: { remaining: 0, status: 503 },
  delay: { remaining: 0, ms: 0 },
  revoked: false,
};
