/**
 * The platform's callback after the merchant approved (or denied) the app, in this order — each refusal
 * writes nothing unless said:
 *   1. the platform has an install flow here (plugin `oauth` + configured app), else 404;
 *   2. the callback's own signature (the plugin's `verifyCallback`: Shopify's HMAC, BigCommerce's signed
 *      payload…), else 401 — checked BEFORE the state, so a forged callback cannot even burn a state (a
 *      denial, `error=…`, which platforms do not sign, only uses up its state and writes nothing else);
 *   3. the state (query, the plugin's `readState`, or the hop's cookie) names an open connect request of this
 *      platform: consumed atomically (single use), else 400 (unknown, already used, expired) — except the
 *      browser's return (a GET without a code) after the platform completed the flow server to server
 *      (WooCommerce posts the keys first): it gets that outcome, and nothing is written;
 *   4. the platform's own refusal (`error=access_denied`…) → 403, recorded on the request;
 *   5. the code exchange through the SDK's `exchangeCode` (the plugin's spec), credentials checked against
 *      the plugin's credentialFields, else 403 (refused) / 502 (platform down, bad answer);
 *   6. ONE transaction: the store is created — or, for a reconnect (or a store already connected with the
 *      same platform id), its credentials replaced and it is made active again, keeping its id, settings,
 *      synced variants and pending work. A reconnect that came back from another platform store is a 409.
 * Credentials are encrypted (bound to the store id), their expiry copied to credentials_expire_at. No
 * secret (app secret, code, verifier, tokens) reaches a log line, an answer or a plaintext column.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  createRedactor,
  exchangeCode,
  isPluginError,
  validateCredentials,
  type ConnectedStore,
  type InboundRequest,
  type OAuthApp,
  type PluginOAuth,
} from '@stock-sync/plugin-sdk';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CredentialCipher } from '../crypto/credential-cipher';
import { queryOne, queryRows, toNumber } from '../database/sql';
import { retryingTransaction } from '../database/transaction-retry';
import { PendingWorkSignal } from '../pending-work/pending-work.signal';
import { ConnectionFactory } from '../plugins/connection-factory.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { oversizedCredentialValues } from '../stores/credential-limits';
import { credentialsExpireAt } from '../stores/credentials-expiry';
import { NoticeSubscriptions } from '../notices/notice-subscriptions';
import {
  completedConnectRequestStore,
  consumeConnectRequest,
  decryptSecrets,
  recordConnectOutcome,
  whyNotConsumable,
  type ConnectRequestRow,
} from './connect-requests';
import { installFlowOf } from './install-flows';
import { stateHash } from './oauth-state';

export type CallbackRefusal = 'not_found' | 'invalid_signature' | 'invalid_state' | 'access_denied' | 'platform_unavailable' | 'conflict';

export type CallbackOutcome =
  | { ok: true; storeId: string; reconnected: boolean }
  | {
      ok: false;
      status: number;
      error: CallbackRefusal;
      message: string;
      /** A refusal of a merchant's real flow (send the browser to the failure page); false for forgeries. */
      forMerchant: boolean;
    };

const STATE_REFUSALS = {
  missing: 'the callback carries no state (start again from the hub)',
  unknown: 'the state is not one this hub issued for this platform (start again from the hub)',
  used: 'the state was already used: a connect link works once (start again from the hub)',
  expired: 'the connect request expired (start again from the hub)',
} as const;

@Injectable()
export class OAuthCallbackService {
  private readonly log = new Logger('OAuthCallback');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: PluginRegistry,
    private readonly connections: ConnectionFactory,
    private readonly cipher: CredentialCipher,
    private readonly signal: PendingWorkSignal,
    private readonly notices: NoticeSubscriptions,
  ) {}

  async handle(platform: string, inbound: InboundRequest, cookieState: string | undefined): Promise<CallbackOutcome> {
    const flow = installFlowOf(platform, this.registry.get(platform), this.connections.appFor(platform));
    if (!flow.ok) return refuse(404, 'not_found', flow.message, false);
    const { spec, app } = flow;

    // A denial (RFC 6749 §4.1.2.1 error=…) is not signed by most platforms; it writes nothing but its state's use.
    const denial = inbound.query.error !== undefined;
    if (!denial && spec.verifyCallback && !safely(() => spec.verifyCallback!(inbound, app))) {
      this.log.warn(JSON.stringify({ event: 'oauth_callback_refused', platform, reason: 'invalid_signature' }));
      return refuse(
        401,
        'invalid_signature',
        `the callback's signature does not verify with the ${flow.plugin.manifest.displayName} app's secret`,
        false,
      );
    }

    const state = stateOf(spec, inbound, cookieState);
    if (!state) return refuse(400, 'invalid_state', STATE_REFUSALS.missing, true);
    const hash = stateHash(state);
    const request = await consumeConnectRequest(this.db.manager, platform, hash);
    if (!request) {
      // The browser's return after the platform completed the flow server to server (no code in it): the
      // outcome of that completion, nothing written. A replayed callback carrying a code is refused below.
      if (inbound.method === 'GET' && inbound.query.code === undefined) {
        const done = await completedConnectRequestStore(this.db.manager, platform, hash);
        if (done) return { ok: true, storeId: done.storeId, reconnected: done.reconnect };
      }
      const why = await whyNotConsumable(this.db.manager, platform, hash);
      this.log.warn(JSON.stringify({ event: 'oauth_callback_refused', platform, reason: `state_${why}` }));
      return refuse(400, 'invalid_state', STATE_REFUSALS[why], true);
    }

    const outcome = await this.complete(platform, flow.plugin.manifest.displayName, spec, app, request, inbound);
    await recordConnectOutcome(this.db.manager, request.id, outcome.ok ? { storeId: outcome.storeId } : { failure: outcome.error }).catch(
      (e: Error) => this.log.warn(`connect request ${request.id}: outcome not recorded (${e.name})`),
    );
    this.log.log(
      JSON.stringify({
        event: outcome.ok ? 'store_connected' : 'oauth_connect_failed',
        platform,
        connectId: request.id,
        ...(outcome.ok ? { storeId: outcome.storeId, reconnected: outcome.reconnected } : { error: outcome.error }),
      }),
    );
    return outcome;
  }

  private async complete(
    platform: string,
    displayName: string,
    spec: PluginOAuth,
    app: OAuthApp,
    request: ConnectRequestRow,
    inbound: InboundRequest,
  ): Promise<CallbackOutcome> {
    if (inbound.query.error !== undefined) {
      return refuse(403, 'access_denied', `${displayName} did not grant access (${inbound.query.error.slice(0, 60)})`, true);
    }
    const secrets = decryptSecrets(this.cipher, request);
    const code = inbound.query.code ?? '';
    const { http, log } = this.connections.exchangeClient(platform, `connect:${request.id}`, [
      app.clientSecret,
      code,
      secrets.codeVerifier ?? '',
    ]);
    let connected: ConnectedStore;
    try {
      connected = await exchangeCode(spec, {
        app,
        inputs: secrets.inputs,
        redirectUri: request.redirect_uri,
        callback: inbound,
        ...(secrets.codeVerifier ? { codeVerifier: secrets.codeVerifier } : {}),
        http,
        log,
      });
    } catch (e) {
      const redact = createRedactor([app.clientSecret, code, secrets.codeVerifier ?? ''].filter((v) => v.length > 0));
      const message = redact(e instanceof Error ? e.message : String(e)).slice(0, 300);
      if (isPluginError(e) && e.code === 'auth')
        return refuse(403, 'access_denied', `${displayName} refused the code exchange: ${message}`, true);
      this.log.warn(`code exchange with ${platform} failed: ${isPluginError(e) ? message : ((e as Error)?.name ?? 'error')}`);
      return refuse(
        502,
        'platform_unavailable',
        `the code exchange with ${displayName} failed${isPluginError(e) ? `: ${message}` : ''}`,
        true,
      );
    }

    const plugin = this.registry.get(platform)!;
    const checked = validateCredentials(plugin.credentialFields, connected.credentials);
    const oversized = oversizedCredentialValues(connected.credentials);
    if (!checked.ok || oversized.length) {
      // A plugin bug, not the merchant's: name the fields, never their values.
      const fields = [...(checked.ok ? [] : checked.errors.map((e) => e.path)), ...oversized.map((o) => o.path)];
      this.log.error(`the ${platform} install flow returned credentials its credentialFields refuse: ${fields.join(', ')}`);
      return refuse(502, 'platform_unavailable', `the ${displayName} install flow returned unusable credentials`, true);
    }
    const externalStoreId = connected.externalStoreId.slice(0, 500);
    return this.save(platform, request, checked.values, externalStoreId);
  }

  private async save(
    platform: string,
    request: ConnectRequestRow,
    credentials: Record<string, string>,
    externalStoreId: string,
  ): Promise<CallbackOutcome> {
    const expiresAt = credentialsExpireAt(credentials);
    const names = JSON.stringify(Object.keys(credentials));
    type Saved = CallbackOutcome & { pending?: number };
    const result: Saved = await retryingTransaction(this.db, async (m): Promise<Saved> => {
      let targetId = request.store_id;
      if (targetId) {
        const target = await queryOne<{ id: string; external_store_id: string | null }>(
          m,
          `SELECT id, external_store_id FROM stores WHERE id = $1 FOR UPDATE`,
          [targetId],
        );
        if (!target) return refuse(404, 'not_found', 'the store to reconnect no longer exists', true);
        if (target.external_store_id !== null && target.external_store_id !== externalStoreId) {
          return refuse(
            409,
            'conflict',
            'the account that approved is another store than the one being reconnected: nothing was changed',
            true,
          );
        }
      } else {
        // Installing the app again on a store the hub already knows reconnects that store (no duplicate).
        const existing = await queryOne<{ id: string }>(
          m,
          `SELECT id FROM stores WHERE platform = $1 AND external_store_id = $2 ORDER BY created_at, id LIMIT 1 FOR UPDATE`,
          [platform, externalStoreId],
        );
        targetId = existing?.id ?? null;
      }
      if (targetId) {
        await queryRows(
          m,
          `UPDATE stores SET credentials = $2, credential_names = $3::jsonb, credentials_expire_at = $4, external_store_id = $5,
             status = 'active', status_reason = NULL, updated_at = now()
           WHERE id = $1 RETURNING id`,
          [targetId, this.cipher.encrypt(credentials, targetId), names, expiresAt, externalStoreId],
        );
        const pending = await queryOne<{ n: number | string }>(
          m,
          `SELECT count(*) AS n FROM sync_variants WHERE store_id = $1 AND pending`,
          [targetId],
        );
        return { ok: true, storeId: targetId, reconnected: true, pending: toNumber(pending?.n) };
      }
      const id = randomUUID();
      await queryRows(
        m,
        `INSERT INTO stores (id, name, platform, selling_region, stock_sync_enabled, drift_policy, credentials, credential_names,
           reconcile_interval_seconds, credentials_expire_at, external_store_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11) RETURNING id`,
        [
          id,
          request.name,
          platform,
          request.selling_region,
          request.stock_sync_enabled ?? true,
          request.drift_policy ?? 'reassert',
          this.cipher.encrypt(credentials, id),
          names,
          request.reconcile_interval_seconds,
          expiresAt,
          externalStoreId,
        ],
      );
      return { ok: true, storeId: id, reconnected: false };
    }).catch((e: unknown): Saved => {
      // e.g. the selling region was removed from the reference data meanwhile (foreign key)
      this.log.error(`saving the ${platform} store failed: ${(e as Error)?.name ?? 'error'} ${(e as { code?: string })?.code ?? ''}`);
      return refuse(
        409,
        'conflict',
        'the store could not be saved as requested (its selling region or platform changed meanwhile): start again',
        true,
      );
    });
    if (result.ok && result.pending) {
      // The store is active again: its waiting work goes out now.
      this.signal.notify({ source: 'store_settings', trigger: 'settings', marked: result.pending, storeIds: [result.storeId] });
    }
    if (result.ok) {
      // Platform notices with the new credentials (a reconnect too: the old key may be gone); never fails the flow.
      await this.notices.subscribe(result.storeId, platform, credentials);
      return { ok: true, storeId: result.storeId, reconnected: result.reconnected };
    }
    return result;
  }
}

function refuse(status: number, error: CallbackRefusal, message: string, forMerchant: boolean): CallbackOutcome {
  return { ok: false, status, error, message, forMerchant };
}

/** A plugin's check that throws refuses, never passes. */
function safely(check: () => boolean): boolean {
  try {
    return check() === true;
  } catch {
    return false;
  }
}

function stateOf(spec: PluginOAuth, inbound: InboundRequest, cookieState: string | undefined): string | undefined {
  if (spec.stateInCallback === false) return cookieState || undefined;
  let state: string | undefined;
  try {
    state = spec.readState ? spec.readState(inbound) : inbound.query.state;
  } catch {
    state = undefined;
  }
  return typeof state === 'string' && state.length > 0 && state.length <= 200 ? state : undefined;
}
