/**
 * The platform-notices contract (plugin API 1.3, issue 13), the same for every platform whose plugin subscribes
 * through the platform's API: the plugin subscribes a local receiver on its simulator, a merchant's manual edit
 * there must arrive as a delivery the plugin verifies with the subscription's secret (and refuses with another
 * secret or a changed body) and whose refs name the edited variant; after `unsubscribe` nothing arrives.
 * Call `runNoticesContract` at the top level of a plugin's contract test.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IntegrationPlugin, TargetStock, VariantRef } from '@stock-sync/plugin-sdk';
import { connectToSimulator } from './connect-to-simulator';
import type { PlatformSimulatorDefinition, SeedProduct } from '../simulator/types';

export interface NoticesContractOptions<TState> {
  plugin: IntegrationPlugin;
  simulator: PlatformSimulatorDefinition<TState>;
  seed: SeedProduct[];
  /** The variant the merchant edits, and its new state (different from the seeded one). */
  edited: VariantRef;
  to: TargetStock;
  /** How long a delivery may take to arrive (default 3 s). */
  waitMs?: number;
}

interface Delivery {
  headers: Record<string, string>;
  body: Buffer;
}

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

async function receiver(): Promise<{ url: string; deliveries: Delivery[]; close(): Promise<void> }> {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ headers: flatHeaders(req.headers), body: Buffer.concat(chunks) });
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/contract/store-1`;
  return { url, deliveries, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

export function runNoticesContract<TState>(opts: NoticesContractOptions<TState>): void {
  describe(`notices contract: ${opts.plugin?.manifest?.id ?? 'plugin'} against its simulator`, () => {
    it('a manual edit arrives as a delivery the plugin verifies and reads; after unsubscribe nothing arrives', async () => {
      const notices = opts.plugin.notices;
      if (!notices?.subscribe) throw new Error('the plugin has no notices.subscribe: nothing to check');
      const sim = await connectToSimulator({ plugin: opts.plugin, simulator: opts.simulator, seed: opts.seed });
      const rx = await receiver();
      try {
        const { http, log } = sim;
        const ctx = { credentials: sim.sim.credentials, http, log };
        const secret = 'contract-notice-secret-0123456789abcdef';
        await notices.subscribe(ctx, { deliveryUrl: rx.url, secret });
        sim.sim.manualEdit(opts.edited, opts.to);
        expect(await until(() => rx.deliveries.length > 0, opts.waitMs ?? 3000)).toBe(true);
        const d = rx.deliveries[rx.deliveries.length - 1]!;
        expect(notices.verify({ headers: d.headers, rawBody: d.body, secret })).toBe(true);
        expect(notices.verify({ headers: d.headers, rawBody: d.body, secret: `${secret}x` })).toBe(false);
        const changed = Buffer.concat([d.body, Buffer.from(' ')]);
        expect(notices.verify({ headers: d.headers, rawBody: changed, secret })).toBe(false);
        const refs = notices.refs(JSON.parse(d.body.toString('utf8')), d.headers);
        expect(refs).toContainEqual(expect.objectContaining({ externalVariantId: opts.edited.externalVariantId }));
        for (const r of refs) {
          if (r.externalVariantId === opts.edited.externalVariantId && r.externalProductId !== undefined) {
            expect(r.externalProductId).toBe(opts.edited.externalProductId);
          }
        }
        if (notices.unsubscribe) {
          await until(() => false, 200); // deliveries of the edit still in flight
          const seen = rx.deliveries.length;
          await notices.unsubscribe(ctx, { deliveryUrl: rx.url });
          sim.sim.manualEdit(opts.edited, opts.to);
          await until(() => false, 300);
          expect(rx.deliveries.length).toBe(seen);
        }
        expect(log.lines.join('\n')).not.toContain(secret);
      } finally {
        await rx.close();
        await sim.close();
      }
    }, 60_000);
  });
}
