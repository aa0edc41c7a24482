/**
 * Starting an install flow: `POST /v1/stores/connect` (a new store) and `POST /v1/stores/:id/reconnect` (new
 * credentials for an existing store, which keeps its id, settings, synced variants and pending work). Each
 * start is a connect request with its own single-use, expiring state (and PKCE verifier where the platform
 * uses PKCE); the answer is the URL to send the merchant's browser to. Nothing about the store changes
 * until the platform's callback has been verified (oauth-callback.service.ts).
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { authorizeUrl, pkcePair, type AuthorizeRequest } from '@stock-sync/plugin-sdk';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { CredentialCipher } from '../crypto/credential-cipher';
import { queryOne } from '../database/sql';
import { ResourceNotFound, ValidationFailed, type ValidationDetail } from '../http/api-errors';
import { formatErrorsOf } from '../http/reference-checked';
import { ConnectionFactory } from '../plugins/connection-factory.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { checkConnectInputs } from './connect-inputs';
import { insertConnectRequest, type NewStoreSettings } from './connect-requests';
import type { ConnectStartedDto, ConnectStoreBody, ReconnectStoreBody } from './connect.dto';
import { HubPublicUrl } from './hub-public-url';
import { installFlowOf } from './install-flows';
import { newState, stateHash } from './oauth-state';

@Injectable()
export class ConnectService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly registry: PluginRegistry,
    private readonly connections: ConnectionFactory,
    private readonly cipher: CredentialCipher,
    private readonly publicUrl: HubPublicUrl,
  ) {}

  async connect(body: ConnectStoreBody): Promise<ConnectStartedDto> {
    const format = formatErrorsOf(body);
    const invalid = new Set(format.details.map((d) => d.path.split(/[.[]/)[0]));
    const errors: ValidationDetail[] = [];
    if (!invalid.has('sellingRegion')) await this.checkRegion(body.sellingRegion, errors);
    let flow: ReturnType<typeof installFlowOf> | undefined;
    if (!invalid.has('platform')) {
      flow = installFlowOf(body.platform, this.registry.get(body.platform), this.connections.appFor(body.platform));
      if (!flow.ok)
        errors.push({
          path: 'platform',
          message: `platform: ${flow.message}${flow.reason === 'unknown_platform' ? this.available() : ''}`,
        });
    }
    let inputs: Record<string, string> | undefined;
    if (flow?.ok && !invalid.has('inputs')) inputs = checkConnectInputs(flow.spec.connectFields ?? [], body.inputs, errors);
    if (format.total || errors.length || !flow?.ok || !inputs)
      throw new ValidationFailed([...format.details, ...errors], format.total + errors.length);

    const settings: NewStoreSettings = {
      name: body.name,
      sellingRegion: body.sellingRegion,
      stockSyncEnabled: body.stockSyncEnabled ?? true,
      driftPolicy: body.driftPolicy ?? 'reassert',
      reconcileIntervalSeconds: body.reconcileIntervalSeconds ?? null,
    };
    return this.start(flow, inputs, { storeId: null, settings });
  }

  async reconnect(storeId: string, body: ReconnectStoreBody): Promise<ConnectStartedDto> {
    const store = await queryOne<{ id: string; platform: string; credentials: Uint8Array }>(
      this.db.manager,
      `SELECT id, platform, credentials FROM stores WHERE id = $1`,
      [storeId],
    );
    if (!store) throw new ResourceNotFound(`store ${storeId} does not exist`);
    const format = formatErrorsOf(body);
    const flow = installFlowOf(store.platform, this.registry.get(store.platform), this.connections.appFor(store.platform));
    const errors: ValidationDetail[] = [];
    if (!flow.ok) errors.push({ path: 'platform', message: `platform: ${flow.message}` });
    let inputs: Record<string, string> | undefined;
    if (flow.ok && format.total === 0) {
      // The inputs the store was connected with (the shop domain…) are in its credentials: a reconnect needs none.
      const stored = this.storedInputs(store, flow.spec.connectFields?.map((f) => f.name) ?? []);
      inputs = checkConnectInputs(flow.spec.connectFields ?? [], { ...stored, ...(body.inputs ?? {}) }, errors);
    }
    if (format.total || errors.length || !flow.ok || !inputs)
      throw new ValidationFailed([...format.details, ...errors], format.total + errors.length);
    return this.start(flow, inputs, { storeId: store.id, settings: null });
  }

  private async start(
    flow: Extract<ReturnType<typeof installFlowOf>, { ok: true }>,
    inputs: Record<string, string>,
    target: { storeId: string | null; settings: NewStoreSettings | null },
  ): Promise<ConnectStartedDto> {
    const platform = flow.plugin.manifest.id;
    const id = randomUUID();
    const state = newState();
    const pkce = flow.spec.pkce === 'S256' ? pkcePair() : undefined;
    const redirectUri = this.publicUrl.redirectUri(platform);
    const request: AuthorizeRequest = { app: flow.app, inputs, redirectUri, state, ...(pkce ? { codeChallenge: pkce.challenge } : {}) };
    let platformUrl: string;
    try {
      platformUrl = authorizeUrl(flow.spec, request);
    } catch (e) {
      // The plugin could not build the consent URL from these inputs (a malformed shop domain…).
      throw new ValidationFailed([
        { path: 'inputs', message: `inputs: ${(e as Error)?.message ?? 'refused by the integration'}`.slice(0, 300) },
      ]);
    }
    const expiresAt = await insertConnectRequest(this.db.manager, this.cipher, {
      id,
      stateHash: stateHash(state),
      platform,
      storeId: target.storeId,
      settings: target.settings,
      secrets: { inputs, ...(pkce ? { codeVerifier: pkce.verifier } : {}) },
      redirectUri,
      ttlSeconds: this.config.oauth.connectTtlSeconds,
    });
    // A platform that cannot carry our state back gets it through a cookie the hub's hop sets first.
    const connectUrl = flow.spec.stateInCallback === false ? this.publicUrl.startUrl(id, state) : platformUrl;
    return { connectId: id, connectUrl, expiresAt: expiresAt.toISOString(), ...(target.storeId ? { storeId: target.storeId } : {}) };
  }

  private storedInputs(store: { id: string; credentials: Uint8Array }, names: readonly string[]): Record<string, string> {
    if (names.length === 0) return {};
    const credentials = this.cipher.decrypt(store.credentials, store.id);
    return Object.fromEntries(names.filter((n) => credentials[n] !== undefined).map((n) => [n, credentials[n]!]));
  }

  private async checkRegion(code: string, errors: ValidationDetail[]): Promise<void> {
    const found = await queryOne<{ code: string }>(this.db.manager, `SELECT code FROM selling_regions WHERE code = $1`, [code]);
    if (!found)
      errors.push({ path: 'sellingRegion', message: `sellingRegion: unknown selling region "${code}" (see GET /v1/selling-regions)` });
  }

  private available(): string {
    const ids = this.registry
      .list()
      .filter((p) => p.oauth)
      .map((p) => p.manifest.id);
    return ` (with an install flow: ${ids.join(', ') || 'none'})`;
  }
}
