/**
 * The install-flow part of the demo: one store is connected the way a merchant connects it — by the
 * platform's consent screen (the simulator auto-approves) — through POST /v1/stores/connect, the redirects
 * followed with plain HTTP (connectUrl → [hub hop] → simulator consent → hub callback), and then its token is
 * renewed AHEAD of expiry by the hub's sweep while the simulator's clock is moved forward: after the clock has
 * passed the first token's expiry, a stock change still reaches the store with no refused call.
 *
 * The demo's hub renews tokens far ahead (HUB_CREDENTIAL_REFRESH_AHEAD_SECONDS: a minute after issue) so the
 * renewal happens within the demo: the hub judges expiry by its own clock, the platform by the simulator's.
 */
import type { Sandbox, SandboxSimulator } from '@stock-sync/sandbox';
import { HttpError, requestJson } from './http-json';
import type { Output } from './output';
import { simRequests, simStock } from './sim-api';

/** Seconds after issue the demo's hub considers a token due for renewal (the renewal window is lifetime − this). */
export const DEMO_RENEW_AFTER_SECONDS = 5;

export interface InstallFlowIntegration {
  id: string;
  displayName: string;
  installFlow?: {
    configured: boolean;
    connectFields: { name: string; required: boolean }[];
    tokenLifetime?: { accessTokenSeconds?: number };
  };
}

/** Platforms with a configured install flow whose tokens expire, in the order the demo prefers them. */
export function installFlowCandidates(
  integrations: readonly InstallFlowIntegration[],
  sandbox: Pick<Sandbox, 'get'>,
): InstallFlowIntegration[] {
  const preferred = ['etsy', 'shopify'];
  return integrations
    .filter((i) => i.installFlow?.configured && i.installFlow.tokenLifetime?.accessTokenSeconds && sandbox.get(i.id)?.oauthApp)
    .sort((a, b) => rank(a.id, preferred) - rank(b.id, preferred) || a.id.localeCompare(b.id));
}

function rank(id: string, preferred: string[]): number {
  const i = preferred.indexOf(id);
  return i < 0 ? preferred.length : i;
}

/** The hub environment for the demo's install flows (the sandbox apps come from @stock-sync/sandbox). */
export function installFlowHubEnv(shortestLifetimeSeconds = 3600): Record<string, string> {
  return {
    HUB_CREDENTIAL_SWEEP_INTERVAL_SECONDS: '1',
    HUB_CREDENTIAL_REFRESH_AHEAD_SECONDS: String(Math.max(60, shortestLifetimeSeconds - DEMO_RENEW_AFTER_SECONDS)),
  };
}

export interface InstallFlowResult {
  platform: string;
  storeId: string;
  hops: number;
  renewedAfterMs: number;
  writtenAfterExpiry: boolean;
  refusedCalls: number;
}

interface Ctx {
  hubUrl: string;
  token: string;
  sandbox: Sandbox;
  /** Moves the simulators' clock forward (ms). */
  advanceClock(ms: number): void;
  out: Output;
  /** A catalog variant (warehouse) the demo may link and report stock for, and its facility in north_america. */
  catalogVariantId: number;
  observedAt(): string;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** Follows the flow like a browser (cookies of the hub's hop kept) up to the hub's answer to the callback. */
async function followFlow(hubUrl: string, connectUrl: string): Promise<{ storeId: string; hops: number }> {
  let current = connectUrl;
  let cookie: string | undefined;
  for (let hops = 1; hops <= 6; hops++) {
    const res = await fetch(current, {
      redirect: 'manual',
      headers: { accept: 'application/json', ...(cookie && current.startsWith(hubUrl) ? { cookie } : {}) },
      signal: AbortSignal.timeout(10_000),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0];
    const text = await res.text();
    if (current.startsWith(`${hubUrl}/oauth/callback/`)) {
      if (res.status !== 200) throw new Error(`the hub refused the callback: ${res.status} ${text.slice(0, 300)}`);
      return { storeId: (JSON.parse(text) as { storeId: string }).storeId, hops };
    }
    const location = res.headers.get('location');
    if (![302, 303].includes(res.status) || !location)
      throw new Error(`${new URL(current).pathname} answered ${res.status}: ${text.slice(0, 200)}`);
    current = new URL(location, current).toString();
  }
  throw new Error('the install flow did not come back to the hub');
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function inputsFor(integration: InstallFlowIntegration, sim: SandboxSimulator): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const f of integration.installFlow?.connectFields ?? []) {
    const v = sim.simulator.credentials[f.name];
    if (v !== undefined) inputs[f.name] = v;
    else if (f.required) throw new Error(`the ${integration.id} simulator has no '${f.name}' to give as the connect input`);
  }
  return inputs;
}

const tokenCalls = async (sim: SandboxSimulator, tokenPaths: RegExp) =>
  (await simRequests(sim.simulator.baseUrl)).requests.filter((r) => r.method === 'POST' && tokenPaths.test(r.path));

export async function demoInstallFlow(integration: InstallFlowIntegration, ctx: Ctx): Promise<InstallFlowResult> {
  const sim = ctx.sandbox.get(integration.id)!;
  const { out } = ctx;
  const lifetime = integration.installFlow!.tokenLifetime!.accessTokenSeconds!;
  const started = await requestJson<{ connectUrl: string; expiresAt: string }>(`${ctx.hubUrl}/v1/stores/connect`, {
    method: 'POST',
    headers: auth(ctx.token),
    body: {
      platform: integration.id,
      name: `${integration.displayName} (install flow)`,
      sellingRegion: 'north_america',
      inputs: inputsFor(integration, sim),
    },
  });
  const { storeId, hops } = await followFlow(ctx.hubUrl, started.connectUrl);
  out.line(
    `  ${integration.displayName}: store ${storeId} connected by its install flow (POST /v1/stores/connect → consent → signed callback, ${hops} HTTP hops)`,
  );

  // Every token endpoint call the simulator receives from now on is a renewal.
  const tokenPath = /token/i;
  const before = (await tokenCalls(sim, tokenPath)).length;
  const firstIssued = Date.now();
  const ahead = lifetime - DEMO_RENEW_AFTER_SECONDS;
  ctx.advanceClock((lifetime - 5 * 60) * 1000);
  out.line(
    `  simulator clock moved forward ${Math.round((lifetime - 300) / 60)} min: on ${integration.displayName} the store's ${Math.round(lifetime / 60)}-min token has 5 min left`,
  );
  await waitFor(
    'the hub to renew the token ahead of expiry',
    async () => ((await tokenCalls(sim, tokenPath)).length > before ? true : undefined),
    30_000,
  );
  const renewedAfterMs = Date.now() - firstIssued;
  out.line(
    `  the hub's sweep renewed it ahead of expiry, ${(renewedAfterMs / 1000).toFixed(1)} s after the connect` +
      ` (this demo's hub renews ${ahead} s ahead: HUB_CREDENTIAL_REFRESH_AHEAD_SECONDS=${ahead}, since it judges expiry by its own clock)`,
  );

  // Past the first token's expiry on the platform: a stock change must still go through, with no refused call.
  ctx.advanceClock(10 * 60 * 1000);
  const product = String(990_001);
  const variant = String(990_002);
  await requestJson(`${sim.simulator.baseUrl}/__sim/seed`, {
    method: 'POST',
    body: { products: [{ productId: product, variants: [{ variantId: variant, initial: { kind: 'unlimited' } }] }] },
  });
  await requestJson(`${ctx.hubUrl}/v1/stores/${storeId}/sync-variants`, {
    method: 'PUT',
    headers: auth(ctx.token),
    body: { variants: [{ externalProductId: product, externalVariantId: variant, catalogVariantId: ctx.catalogVariantId }] },
  });
  const mark = (await simRequests(sim.simulator.baseUrl)).requests.length;
  await requestJson(`${ctx.hubUrl}/v1/facility-stock`, {
    method: 'POST',
    headers: auth(ctx.token),
    body: { updates: [{ variantId: ctx.catalogVariantId, facility: 'US-NC', quantity: 0, observedAt: ctx.observedAt() }] },
  }).catch((e: unknown) => {
    throw e instanceof HttpError ? new Error(`the facility update was refused: ${e.message}`) : e;
  });
  const written = await waitFor(
    `the ${integration.displayName} store to show the change`,
    async () => {
      const row = (await simStock(sim.simulator.baseUrl)).variants.find((v) => v.productId === product && v.variantId === variant);
      const stock = row?.stock as { kind?: string; quantity?: number } | undefined;
      return stock && (stock.kind === 'out_of_stock' || (stock.kind === 'quantity' && stock.quantity === 0)) ? true : undefined;
    },
    30_000,
  ).catch(() => false);
  const refused = (await simRequests(sim.simulator.baseUrl)).requests.slice(mark).filter((r) => r.status === 401).length;
  out.line(
    `  clock moved 10 min more (the first token has expired on ${integration.displayName}): the next change ${written ? 'reached the store' : 'did NOT reach the store'}` +
      ` with ${refused} refused call${refused === 1 ? '' : 's'} (the renewed token was used)`,
  );
  // The store is paused so its token is not renewed every few seconds for the rest of the demo.
  await requestJson(`${ctx.hubUrl}/v1/stores/${storeId}`, {
    method: 'PATCH',
    headers: auth(ctx.token),
    body: { status: 'paused', statusReason: 'install-flow demo done' },
  });
  return { platform: integration.id, storeId, hops, renewedAfterMs, writtenAfterExpiry: written === true, refusedCalls: refused };
}
