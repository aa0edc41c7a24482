/**
 * The platform-notices contract (plugin API 1.3/1.4, issue 13), the same for every platform with notices: the
 * plugin subscribes a local receiver on its simulator (or, where subscriptions live in the app's settings, the
 * test sets the receiver there), a merchant's manual edit there must arrive as a delivery the plugin verifies
 * with the right secret — the hub's per-store one, the key the platform answered at subscription, or the app's
 * secret, as `signedWith` says — and refuses with another secret or a changed body; its refs name the edited
 * variant (and `storeOf`, when present, the store); where a ref says what the variant shows (`shown`, plugin API
 * 1.6) it is what the plugin's own readStock reads from the simulator right after the edit; after `unsubscribe`
 * nothing arrives.
 * Call `runNoticesContract` at the top level of a plugin's contract test.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { IntegrationPlugin, NoticeRequest, TargetStock, VariantRef } from '@stock-sync/plugin-sdk';
import { connectToSimulator } from './connect-to-simulator';
import { expectShownAsReadStockReads } from './notice-shown-check';
import { startNoticeReceiver } from '../simulator/notice-receiver';
import type { PlatformSimulatorDefinition, RunningSimulator, SeedProduct } from '../simulator/types';

export interface NoticesContractOptions<TState> {
  plugin: IntegrationPlugin;
  simulator: PlatformSimulatorDefinition<TState>;
  seed: SeedProduct[];
  /** The variant the merchant edits, and its new state (different from the seeded one). */
  edited: VariantRef;
  to: TargetStock;
  /** How long a delivery may take to arrive (default 3 s). */
  waitMs?: number;
  /**
   * Platforms without `notices.subscribe` (the webhook URL is set in the app's settings): sets the receiver's
   * URL on the running simulator as the app's settings would, and removes it when called with undefined.
   * Default: the simulator's own `setAppNoticeUrl`.
   */
  appSettingsDelivery?: (sim: RunningSimulator<TState>, url: string | undefined) => void;
  /** With `notices.storeOf`: the platform's id of the simulated store (what the install flow records). */
  externalStoreId?: string;
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
      if (!notices) throw new Error('the plugin has no notices: nothing to check');
      const appSettingsDelivery =
        opts.appSettingsDelivery ??
        (opts.simulator.setAppNoticeUrl ? (sim: RunningSimulator<TState>, url: string | undefined) => sim.setAppNoticeUrl(url) : undefined);
      if (!notices.subscribe && !appSettingsDelivery) {
        throw new Error('the plugin has no notices.subscribe and the test gives no appSettingsDelivery: nothing delivers');
      }
      const signer = notices.signedWith ?? 'store';
      const app = opts.simulator.oauthApp;
      if (signer === 'app' && !app) throw new Error("signedWith 'app' but the simulator declares no oauthApp to sign with");
      const sim = await connectToSimulator({ plugin: opts.plugin, simulator: opts.simulator, seed: opts.seed });
      const rx = await startNoticeReceiver();
      try {
        const { http, log } = sim;
        const ctx = { credentials: sim.sim.credentials, http, log };
        const storeSecret = 'contract-notice-secret-0123456789abcdef';
        let secret = storeSecret;
        if (notices.subscribe) {
          const answered = await notices.subscribe(ctx, { deliveryUrl: rx.url, secret: storeSecret });
          if (signer === 'subscription') {
            const key = answered ? answered.secret : undefined;
            expect(typeof key === 'string' && key.length > 0).toBe(true);
            secret = key as string;
          }
        } else {
          appSettingsDelivery!(sim.sim, rx.url);
        }
        if (signer === 'app') secret = app!.noticeKey ?? app!.clientSecret;
        const request = (headers: NoticeRequest['headers'], rawBody: Uint8Array, key: string): NoticeRequest => ({
          headers,
          rawBody,
          secret: key,
          deliveryUrl: rx.url,
          ...(signer === 'app' ? { app: app! } : {}),
        });
        sim.sim.manualEdit(opts.edited, opts.to);
        expect(await until(() => rx.deliveries.length > 0, opts.waitMs ?? 3000)).toBe(true);
        const d = rx.deliveries[rx.deliveries.length - 1]!;
        expect(notices.verify(request(d.headers, d.body, secret))).toBe(true);
        if (signer === 'app' && app!.publicKey) {
          // A key pair: another app's public key must not verify what this app's private key signed.
          const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
          expect(notices.verify({ ...request(d.headers, d.body, secret), app: { ...app!, publicKey: other } })).toBe(false);
        } else {
          expect(notices.verify(request(d.headers, d.body, `${secret}x`))).toBe(false);
        }
        const changed = Buffer.concat([d.body, Buffer.from(' ')]);
        const parse = (raw: Buffer): unknown =>
          notices.parse ? notices.parse({ rawBody: raw, headers: d.headers }) : JSON.parse(raw.toString('utf8'));
        const body: unknown = parse(d.body);
        if (notices.noticeId) {
          // The signature covers the event id, not the whole body: a changed body is the same notice (a replay).
          expect(notices.noticeId(body, d.headers)).toEqual(expect.any(String));
          if (notices.verify(request(d.headers, changed, secret)))
            expect(notices.noticeId(parse(changed), d.headers)).toBe(notices.noticeId(body, d.headers));
        } else {
          expect(notices.verify(request(d.headers, changed, secret))).toBe(false);
        }
        const refs = notices.refs(body, d.headers);
        // The edited variant is named — by its id, or (platforms whose notices name only the product) by its product.
        const names = refs.filter(
          (r) =>
            r.externalVariantId === opts.edited.externalVariantId ||
            (r.externalVariantId === undefined && r.externalProductId === opts.edited.externalProductId),
        );
        expect(names.length).toBeGreaterThan(0);
        for (const r of names) {
          if (r.externalProductId !== undefined) expect(r.externalProductId).toBe(opts.edited.externalProductId);
        }
        await expectShownAsReadStockReads(sim.connection, opts.edited, names);
        if (notices.storeOf) {
          if (!opts.externalStoreId) throw new Error('the plugin has notices.storeOf: give the simulated store its externalStoreId');
          expect(notices.storeOf(body, d.headers)).toBe(opts.externalStoreId);
        }
        if (notices.unsubscribe || (!notices.subscribe && appSettingsDelivery)) {
          await until(() => false, 200); // deliveries of the edit still in flight
          const seen = rx.deliveries.length;
          if (notices.unsubscribe) await notices.unsubscribe(ctx, { deliveryUrl: rx.url });
          else appSettingsDelivery!(sim.sim, undefined);
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
