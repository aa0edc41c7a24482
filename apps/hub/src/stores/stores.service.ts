/**
 * Stores: create (credentials validated against the integration's declared fields, optionally verified
 * on the platform, stored encrypted), read, and update. A change of sellingRegion or stockSyncEnabled
 * marks every synced variant of the store pending in the same transaction, with pending_trigger
 * 'settings' — that is "schedules a sync of the whole store": the orchestrator picks the work up.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { validateCredentials } from '@stock-sync/plugin-sdk';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CredentialCipher } from '../crypto/credential-cipher';
import { queryOne, queryRows } from '../database/sql';
import { retryingTransaction } from '../database/transaction-retry';
import { ResourceConflict, ResourceNotFound, ValidationFailed, type ValidationDetail } from '../http/api-errors';
import { PendingWorkSignal } from '../pending-work/pending-work.signal';
import { ConnectionFactory } from '../plugins/connection-factory.service';
import { NoticeSubscriptions } from '../notices/notice-subscriptions';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { markStoresPending } from '../sync-variants/pending-marking';
import { formatErrorsOf } from '../http/reference-checked';
import { oversizedCredentialValues } from './credential-limits';
import { verifyCredentials } from './credentials-check';
import { credentialsExpireAt, expiryProblem } from './credentials-expiry';
import { presentStore, STORE_COLUMNS, type StoreRow } from './store-row';
import { storeFilterSql } from './store-filters';
import type { CreateStoreBody, ListStoresQuery, StoreDto, UpdateStoreBody } from './stores.dto';

@Injectable()
export class StoresService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: PluginRegistry,
    private readonly connections: ConnectionFactory,
    private readonly cipher: CredentialCipher,
    private readonly signal: PendingWorkSignal,
    private readonly notices: NoticeSubscriptions,
  ) {}

  async create(body: CreateStoreBody, verify: boolean): Promise<StoreDto> {
    // Format errors (from the validation pipe) and the reference checks below make ONE 400.
    const format = formatErrorsOf(body);
    const invalid = new Set(format.details.map((d) => d.path.split(/[.[]/)[0]));
    const errors: ValidationDetail[] = [];
    if (!invalid.has('sellingRegion')) await this.checkRegion(body.sellingRegion, errors);
    const plugin = invalid.has('platform') ? undefined : this.registry.get(body.platform);
    let credentials: Record<string, string> | undefined;
    if (!invalid.has('platform') && !plugin) {
      errors.push({ path: 'platform', message: this.unknownPlatformMessage(body.platform) });
    } else if (plugin && !invalid.has('credentials')) {
      credentials = this.checkCredentials(plugin.credentialFields, body.credentials, errors);
    }
    if (format.total || errors.length || !credentials)
      throw new ValidationFailed([...format.details, ...errors], format.total + errors.length);

    const id = randomUUID();
    if (verify) await verifyCredentials(this.connections, id, body.platform, credentials);
    const row = await queryOne<StoreRow>(
      this.db.manager,
      `INSERT INTO stores AS s (id, name, platform, selling_region, stock_sync_enabled, drift_policy, credentials, credential_names, reconcile_interval_seconds, credentials_expire_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
       RETURNING ${STORE_COLUMNS}`,
      [
        id,
        body.name,
        body.platform,
        body.sellingRegion,
        body.stockSyncEnabled ?? true,
        body.driftPolicy ?? 'reassert',
        this.cipher.encrypt(credentials, id),
        JSON.stringify(Object.keys(credentials)),
        body.reconcileIntervalSeconds ?? null,
        credentialsExpireAt(credentials),
      ],
    );
    // Platform notices (drift in seconds) when the plugin can subscribe; a failure is logged, never fatal.
    await this.notices.subscribe(id, body.platform, credentials);
    return presentStore(row!, true);
  }

  async list(filters: ListStoresQuery = {}): Promise<StoreDto[]> {
    const where = storeFilterSql(filters);
    const rows = await queryRows<StoreRow>(
      this.db.manager,
      `SELECT ${STORE_COLUMNS} FROM stores s ${where.sql} ORDER BY s.created_at, s.id`,
      where.params,
    );
    return rows.map((r) => presentStore(r, !!this.registry.get(r.platform)));
  }

  async get(id: string): Promise<StoreDto> {
    const row = await this.findRow(this.db.manager, id);
    return presentStore(row, !!this.registry.get(row.platform));
  }

  async update(id: string, body: UpdateStoreBody, verify: boolean): Promise<StoreDto> {
    const current = await this.findRow(this.db.manager, id);
    const format = formatErrorsOf(body);
    const invalid = new Set(format.details.map((d) => d.path.split(/[.[]/)[0]));
    if (body.platform !== undefined && !invalid.has('platform') && body.platform !== current.platform) {
      throw new ResourceConflict(`a store's platform cannot change (this store is on ${current.platform}); create a new store instead`);
    }
    const errors: ValidationDetail[] = [];
    if (body.sellingRegion !== undefined && !invalid.has('sellingRegion')) await this.checkRegion(body.sellingRegion, errors);
    let credentials: Record<string, string> | undefined;
    if (body.credentials !== undefined && !invalid.has('credentials')) {
      const plugin = this.registry.get(current.platform);
      if (!plugin) {
        errors.push({ path: 'credentials', message: `cannot check credentials: ${this.unknownPlatformMessage(current.platform)}` });
      } else {
        credentials = this.checkCredentials(plugin.credentialFields, body.credentials, errors);
      }
    }
    if (format.total || errors.length) throw new ValidationFailed([...format.details, ...errors], format.total + errors.length);

    if (verify) {
      if (!this.registry.get(current.platform)) {
        throw new ValidationFailed([{ path: 'platform', message: this.unknownPlatformMessage(current.platform) }]);
      }
      const toCheck = credentials ?? (await this.storedCredentials(id));
      await verifyCredentials(this.connections, id, current.platform, toCheck);
    }

    const regionChanged = body.sellingRegion !== undefined && body.sellingRegion !== current.selling_region;
    const enabledChanged = body.stockSyncEnabled !== undefined && body.stockSyncEnabled !== current.stock_sync_enabled;
    const { row, marked } = await retryingTransaction(this.db, async (m) => {
      const sets: string[] = ['updated_at = now()'];
      const params: unknown[] = [id];
      const set = (column: string, value: unknown, cast = '') => {
        params.push(value);
        sets.push(`${column} = $${params.length}${cast}`);
      };
      if (body.name !== undefined) set('name', body.name);
      if (body.sellingRegion !== undefined) set('selling_region', body.sellingRegion);
      if (body.stockSyncEnabled !== undefined) set('stock_sync_enabled', body.stockSyncEnabled);
      if (body.driftPolicy !== undefined) set('drift_policy', body.driftPolicy);
      if (body.reconcileIntervalSeconds !== undefined) set('reconcile_interval_seconds', body.reconcileIntervalSeconds);
      if (credentials) {
        set('credentials', this.cipher.encrypt(credentials, id));
        set('credential_names', JSON.stringify(Object.keys(credentials)), '::jsonb');
        set('credentials_expire_at', credentialsExpireAt(credentials));
      }
      if (body.status === 'paused') {
        set('status', 'paused');
        set('status_reason', body.statusReason ?? 'paused by a person');
      } else if (body.status === 'active' || (credentials && current.status === 'needs_reconnect')) {
        // New credentials are the fix for needs_reconnect; an explicit resume clears the reason too.
        set('status', 'active');
        set('status_reason', null);
      } else if (body.statusReason !== undefined && current.status === 'paused') {
        set('status_reason', body.statusReason);
      }
      const updated = await queryOne<StoreRow>(
        m,
        `UPDATE stores s SET ${sets.join(', ')} WHERE s.id = $1 RETURNING ${STORE_COLUMNS}`,
        params,
      );
      const markedCount = regionChanged || enabledChanged ? await markStoresPending(m, { storeIds: [id], trigger: 'settings' }) : 0;
      return { row: updated!, marked: markedCount };
    });
    this.signal.notify({ source: 'store_settings', trigger: 'settings', marked, storeIds: [id] });
    return presentStore(row, !!this.registry.get(row.platform));
  }

  /** The integration's declared fields, and the size of every value; undefined (with errors) when refused. */
  private checkCredentials(
    fields: Parameters<typeof validateCredentials>[0],
    submitted: Record<string, unknown>,
    errors: ValidationDetail[],
  ): Record<string, string> | undefined {
    const oversized = oversizedCredentialValues(submitted);
    const checked = validateCredentials(fields, submitted);
    errors.push(...oversized);
    if (!checked.ok) errors.push(...checked.errors.filter((e) => !oversized.some((o) => o.path === e.path)));
    const expiry = checked.ok ? expiryProblem(checked.values) : undefined;
    if (expiry) errors.push(expiry);
    return checked.ok && oversized.length === 0 && !expiry ? checked.values : undefined;
  }

  private async findRow(manager: EntityManager, id: string): Promise<StoreRow> {
    const row = await queryOne<StoreRow>(manager, `SELECT ${STORE_COLUMNS} FROM stores s WHERE s.id = $1`, [id]);
    if (!row) throw new ResourceNotFound(`store ${id} does not exist`);
    return row;
  }

  private async storedCredentials(id: string): Promise<Record<string, string>> {
    const row = await queryOne<{ credentials: Uint8Array }>(this.db.manager, `SELECT credentials FROM stores WHERE id = $1`, [id]);
    return this.cipher.decrypt(row!.credentials, id);
  }

  private async checkRegion(code: string, errors: ValidationDetail[]): Promise<void> {
    const found = await queryOne<{ code: string }>(this.db.manager, `SELECT code FROM selling_regions WHERE code = $1`, [code]);
    if (!found)
      errors.push({ path: 'sellingRegion', message: `sellingRegion: unknown selling region "${code}" (see GET /v1/selling-regions)` });
  }

  private unknownPlatformMessage(platform: string): string {
    const known = this.registry.list().map((p) => p.manifest.id);
    return `platform: no integration "${platform}" is loaded (available: ${known.join(', ') || 'none'})`;
  }
}
