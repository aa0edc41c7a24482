/**
 * The hub's HTTP API (v1) as the demo uses it, through the typed client (@stock-sync/client: generated
 * from the hub's OpenAPI document, with bearer auth, retries of idempotent calls and 10 000-item batching).
 * The row types below are the fields the demo reads.
 */
import { createHubClient, expectOk, postFacilityStock, putCatalogVariants, type HubClient } from '@stock-sync/client';
import type { TargetStock } from '@stock-sync/domain';
import type { FacilityUpdate } from './facility-model';

export interface Integration {
  id: string;
  displayName: string;
  capabilities: { unlimitedStock?: 'native' | 'emulated'; maxBatch?: number; readBack?: boolean };
  credentialFields: { name: string; secret: boolean; required: boolean }[];
}
export interface SellingRegionRow {
  code: string;
  name: string;
  facilities: string[];
}
export interface StoreRow {
  id: string | number;
  name: string;
  platform: string;
  sellingRegion: string;
  status?: string;
  statusReason?: string | null;
  driftPolicy?: 'reassert' | 'report';
}
export interface SyncVariantRow {
  externalProductId: string;
  externalVariantId: string;
  desired?: TargetStock | null;
  lastWritten?: TargetStock | null;
  lastError?: unknown;
}
export interface SyncRun {
  id: string | number;
  storeId: string | number;
  trigger: string;
  dryRun: boolean;
  status: string;
  createdAt?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  counts?: { planned?: number; written?: number; unchanged?: number; failed?: number; drift?: number };
  error?: unknown;
}
export interface SyncChange {
  externalProductId: string;
  externalVariantId: string;
  from: TargetStock | null;
  to: TargetStock | null;
  outcome: 'written' | 'would_write' | 'failed' | 'drift';
  error?: unknown;
}

/** Lists may be a bare array or wrapped ({ items | data | rows | variants | runs | changes: [...] }). */
export function listOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    for (const key of ['items', 'data', 'rows', 'results', 'variants', 'runs', 'changes', 'syncRuns', 'stores']) {
      const v = (body as Record<string, unknown>)[key];
      if (Array.isArray(v)) return v as T[];
    }
  }
  throw new Error(`expected a list, got ${JSON.stringify(body)?.slice(0, 200)}`);
}

export class HubApi {
  private readonly client: HubClient;
  /** The health probe polls while the hub starts: an answer now, not retries. */
  private readonly probe: HubClient;

  constructor(
    readonly baseUrl: string,
    token: string,
  ) {
    this.client = createHubClient({ baseUrl, token });
    this.probe = createHubClient({ baseUrl, token, retry: false });
  }

  health(): Promise<unknown> {
    return expectOk(this.probe.GET('/health', { signal: AbortSignal.timeout(3_000) }));
  }
  async integrations(): Promise<Integration[]> {
    return expectOk(this.client.GET('/v1/integrations'));
  }
  async sellingRegions(): Promise<SellingRegionRow[]> {
    return expectOk(this.client.GET('/v1/selling-regions'));
  }
  upsertCatalog(
    variants: { id: number; productId: number; name: string; sku?: string; fulfillment: 'pod' | 'warehouse' }[],
  ): Promise<{ upserted: number }> {
    return putCatalogVariants(this.client, variants);
  }
  postFacilityStock(updates: FacilityUpdate[]): Promise<{ accepted: number; stale: number; affectedSyncVariants: number }> {
    return postFacilityStock(this.client, updates);
  }
  createStore(body: { name: string; platform: string; sellingRegion: string; credentials: Record<string, string> }): Promise<StoreRow> {
    return expectOk(this.client.POST('/v1/stores', { params: { query: { verify: true } }, body }));
  }
  getStore(id: string | number): Promise<StoreRow> {
    return expectOk(this.client.GET('/v1/stores/{id}', { params: { path: { id: String(id) } } }));
  }
  updateStore(id: string | number, body: { driftPolicy?: 'reassert' | 'report' }): Promise<StoreRow> {
    return expectOk(this.client.PATCH('/v1/stores/{id}', { params: { path: { id: String(id) } }, body }));
  }
  putSyncVariants(
    storeId: string | number,
    variants: { externalProductId: string; externalVariantId: string; catalogVariantId: number | null; ignored?: boolean }[],
  ): Promise<{ upserted: number }> {
    return expectOk(this.client.PUT('/v1/stores/{id}/sync-variants', { params: { path: { id: String(storeId) } }, body: { variants } }));
  }
  async syncVariants(storeId: string | number, state?: 'pending' | 'in_sync' | 'failed', limit = 100): Promise<SyncVariantRow[]> {
    const page = await expectOk(
      this.client.GET('/v1/stores/{id}/sync-variants', {
        params: { path: { id: String(storeId) }, query: { limit, ...(state ? { state } : {}) } },
      }),
    );
    // The document types a stock as { kind, quantity? }; the hub sends the domain's TargetStock.
    return page.items as unknown as SyncVariantRow[];
  }
  async syncRuns(storeId: string | number, limit = 100): Promise<SyncRun[]> {
    return expectOk(this.client.GET('/v1/stores/{id}/sync-runs', { params: { path: { id: String(storeId) }, query: { limit } } }));
  }
  async runChanges(runId: string | number): Promise<SyncChange[]> {
    return (await expectOk(
      this.client.GET('/v1/sync-runs/{runId}/changes', { params: { path: { runId: String(runId) } } }),
    )) as unknown as SyncChange[];
  }
}
