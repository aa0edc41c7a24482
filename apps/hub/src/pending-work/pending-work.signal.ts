/**
 * In-process signal raised after a transaction that marked synced variants pending commits. The
 * orchestrator subscribes to tick its scheduler at once (so a facility update reaches stores in about a
 * second); with no subscriber it is a no-op — the pending flags in the database are the durable truth.
 */
import { Global, Injectable, Logger, Module } from '@nestjs/common';
import type { SyncTrigger } from '../entities';

export interface PendingWorkEvent {
  /** What marked the work: a facility update, a store settings change, a sync-variants upsert, … */
  source: 'facility_stock' | 'store_settings' | 'sync_variants' | 'catalog' | 'reference_data';
  trigger: SyncTrigger;
  /** Variants marked pending by the statement. */
  marked: number;
  /** The stores concerned, when the writer knows them cheaply (undefined: look in the database). */
  storeIds?: string[];
}

export type PendingWorkListener = (event: PendingWorkEvent) => void;

@Injectable()
export class PendingWorkSignal {
  private readonly log = new Logger('PendingWork');
  private readonly listeners = new Set<PendingWorkListener>();

  /** Returns an unsubscribe function. */
  subscribe(listener: PendingWorkListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(event: PendingWorkEvent): void {
    if (event.marked === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (e) {
        this.log.warn(`pending-work listener failed: ${(e as Error).message}`);
      }
    }
  }
}

@Global()
@Module({ providers: [PendingWorkSignal], exports: [PendingWorkSignal] })
export class PendingWorkModule {}
