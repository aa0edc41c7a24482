/**
 * The hub's HTTP API (v1) as the demo uses it: only the routes and fields HTTP-API.md fixes, read
 * tolerantly where the document leaves the envelope open (lists may come bare or wrapped).
 */
import type { TargetStock } from '@stock-sync/domain';
import { requestJson, type JsonRequest } from './http-json';
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
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private call<T>(path: string, req: JsonRequest = {}): Promise<T> {
    return requestJson<T>(`${this.baseUrl}${path}`, { ...req, headers: { authorization: `Bearer ${this.token}`, ...(req.headers ?? {}) } });
  }

  health(): Promise<unknown> {
    return requestJson(`${this.baseUrl}/health`, { timeoutMs: 3_000 });
  }
  async integrations(): Promise<Integration[]> {
    return listOf<Integration>(await this.call('/v1/integrations'));
  }
  async sellingRegions(): Promise<SellingRegionRow[]> {
    return listOf<SellingRegionRow>(await this.call('/v1/selling-regions'));
  }
  upsertCatalog(variants: { id: number; productId: number; name: string; sku?: string; fulfillment: 'pod' | 'warehouse' }[]) {
    return this.call<{ upserted: number }>('/v1/catalog/variants', { method: 'PUT', body: { variants } });
  }
  postFacilityStock(updates: FacilityUpdate[]) {
    return this.call<{ accepted: number; stale: number; affectedSyncVariants: number }>('/v1/facility-stock', { method: 'POST', body: { updates } });
  }
  createStore(body: { name: string; platform: string; sellingRegion: string; credentials: Record<string, string> }) {
    return this.call<StoreRow>('/v1/stores?verify=true', { method: 'POST', body });
  }
  getStore(id: string | number) {
    return this.call<StoreRow>(`/v1/stores/${id}`);
  }
  putSyncVariants(storeId: string | number, variants: { externalProductId: string; externalVariantId: string; catalogVariantId: number | null; ignored?: boolean }[]) {
    return this.call<{ upserted: number }>(`/v1/stores/${storeId}/sync-variants`, { method: 'PUT', body: { variants } });
  }
  async syncVariants(storeId: string | number, state?: 'pending' | 'in_sync' | 'failed', limit = 100): Promise<SyncVariantRow[]> {
    const q = new URLSearchParams({ limit: String(limit), ...(state ? { state } : {}) });
    return listOf<SyncVariantRow>(await this.call(`/v1/stores/${storeId}/sync-variants?${q}`));
  }
  async syncRuns(storeId: string | number, limit = 100): Promise<SyncRun[]> {
    return listOf<SyncRun>(await this.call(`/v1/stores/${storeId}/sync-runs?limit=${limit}`));
  }
  async runChanges(runId: string | number): Promise<SyncChange[]> {
    return listOf<SyncChange>(await this.call(`/v1/sync-runs/${runId}/changes`));
  }
}
