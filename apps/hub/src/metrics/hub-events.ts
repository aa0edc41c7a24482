/**
 * What the sync core reports for metrics, as typed one-line hooks (`hubEvents.syncRunFinished(…)`).
 *
 * The executor, the store leases and the connection factory are not all Nest providers (the worker builds
 * its executor itself), so they publish on Node's diagnostics_channel instead of receiving a metrics
 * service: no constructor changes in the sync core, and nothing happens when nobody subscribes. Every
 * event names the hub instance that produced it (SyncConfig.instanceId), so each hub's registry counts
 * only its own events when several hubs share one process (tests).
 * See https://nodejs.org/api/diagnostics_channel.html
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { isPluginError } from '@stock-sync/plugin-sdk';
import type { SyncRunCounts, SyncRunStatus, SyncTrigger } from '../entities';

export interface SyncRunFinished {
  instance: string;
  runId: string;
  platform: string | null;
  trigger: SyncTrigger;
  dryRun: boolean;
  status: SyncRunStatus;
  counts: SyncRunCounts;
  /** The run's HTTP client figures (requests, throttled, …), summed over the connections it used. */
  api: Record<string, number> | null;
  /** Of a stock-update run: for each variant it wrote, seconds from the facility update it reflects to its record. */
  facilityToStoreSeconds: readonly number[];
}

export interface LeaseConflict {
  instance: string;
}

export interface CredentialRefresh {
  instance: string;
  platform: string;
  outcome: 'renewed' | 'refused' | 'failed';
}

const channels = {
  syncRun: diagnosticsChannel.channel('stock-sync-hub:sync-run-finished'),
  leaseConflict: diagnosticsChannel.channel('stock-sync-hub:lease-conflict'),
  credentialRefresh: diagnosticsChannel.channel('stock-sync-hub:credential-refresh'),
};

type Listener<T> = (event: T) => void;

function subscriber<T>(channel: diagnosticsChannel.Channel) {
  return (listener: Listener<T>): (() => void) => {
    const onMessage = (message: unknown) => listener(message as T);
    channel.subscribe(onMessage);
    return () => channel.unsubscribe(onMessage);
  };
}

function publisher<T>(channel: diagnosticsChannel.Channel) {
  return (event: T): void => {
    if (channel.hasSubscribers) channel.publish(event);
  };
}

export const hubEvents = {
  syncRunFinished: publisher<SyncRunFinished>(channels.syncRun),
  leaseConflict: publisher<LeaseConflict>(channels.leaseConflict),
  credentialRefresh: publisher<CredentialRefresh>(channels.credentialRefresh),
  onSyncRunFinished: subscriber<SyncRunFinished>(channels.syncRun),
  onLeaseConflict: subscriber<LeaseConflict>(channels.leaseConflict),
  onCredentialRefresh: subscriber<CredentialRefresh>(channels.credentialRefresh),
};

/** Publishes how a credential refresh ended (renewed; refused: the platform said the grant is gone; failed) and passes its result on. */
export function observeCredentialRefresh<T>(instance: string, platform: string, refresh: Promise<T>): Promise<T> {
  return refresh.then(
    (fresh) => {
      hubEvents.credentialRefresh({ instance, platform, outcome: 'renewed' });
      return fresh;
    },
    (e: unknown) => {
      hubEvents.credentialRefresh({ instance, platform, outcome: isPluginError(e) && e.code === 'auth' ? 'refused' : 'failed' });
      throw e;
    },
  );
}
