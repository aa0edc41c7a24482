/**
 * A platform's notice that the merchant removed the app (Shopify's app/uninstalled webhook, BigCommerce's
 * uninstall callback, Wix's app-removed event…). The plugin's `verifyUninstall` checks it on the exact bytes
 * received and names the store; an unverified notice is a 401 and changes nothing. A verified one pauses
 * every store of that platform with that platform id, with the plugin's reason: no call is made for it, the
 * refresh-ahead sweep leaves it alone, and its pending work waits (a reconnect or reinstall resumes it).
 * A notice for a store the hub does not know is answered 200 with `paused: 0`: platforms retry notices
 * answered with anything but 2xx, and retrying cannot make the store known.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { InboundRequest, UninstallNotice } from '@stock-sync/plugin-sdk';
import type { DataSource } from 'typeorm';
import { queryRows } from '../database/sql';
import { ConnectionFactory } from '../plugins/connection-factory.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { installFlowOf } from './install-flows';

export type UninstallOutcome =
  { ok: true; paused: number } | { ok: false; status: 401 | 404; error: 'invalid_signature' | 'not_found'; message: string };

@Injectable()
export class UninstallService {
  private readonly log = new Logger('OAuthUninstall');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: PluginRegistry,
    private readonly connections: ConnectionFactory,
  ) {}

  async handle(platform: string, inbound: InboundRequest): Promise<UninstallOutcome> {
    const flow = installFlowOf(platform, this.registry.get(platform), this.connections.appFor(platform));
    if (!flow.ok) return { ok: false, status: 404, error: 'not_found', message: flow.message };
    if (!flow.spec.verifyUninstall)
      return {
        ok: false,
        status: 404,
        error: 'not_found',
        message: `${flow.plugin.manifest.displayName} sends no uninstall notice this hub verifies`,
      };
    const notice = verifiedNotice(flow, inbound);
    if (!notice) {
      this.log.warn(JSON.stringify({ event: 'uninstall_refused', platform, reason: 'invalid_signature' }));
      return {
        ok: false,
        status: 401,
        error: 'invalid_signature',
        message: `the notice does not verify with the ${flow.plugin.manifest.displayName} app's secret: nothing was changed`,
      };
    }
    return { ok: true, paused: await this.pause(platform, flow.plugin.manifest.displayName, notice) };
  }

  /**
   * For platforms that deliver every event to the app's one URL (`POST /hooks/:platform`: Ecwid, TikTok Shop, Big
   * Cartel): an uninstall arriving there among the stock notices. Handled as on the uninstall route when the
   * plugin verifies it as one; undefined otherwise (the request is then a stock notice, or nothing).
   */
  async handleIfUninstall(platform: string, inbound: InboundRequest): Promise<{ paused: number } | undefined> {
    const flow = installFlowOf(platform, this.registry.get(platform), this.connections.appFor(platform));
    if (!flow.ok || !flow.spec.verifyUninstall) return undefined;
    const notice = verifiedNotice(flow, inbound);
    return notice ? { paused: await this.pause(platform, flow.plugin.manifest.displayName, notice) } : undefined;
  }

  private async pause(platform: string, displayName: string, notice: UninstallNotice): Promise<number> {
    const reason = (typeof notice.reason === 'string' && notice.reason ? notice.reason : `the app was uninstalled on ${displayName}`).slice(
      0,
      500,
    );
    const rows = await queryRows<{ id: string }>(
      this.db.manager,
      `UPDATE stores SET status = 'paused', status_reason = $3, updated_at = now()
       WHERE platform = $1 AND external_store_id = $2 RETURNING id`,
      [platform, notice.externalStoreId, reason],
    );
    this.log.log(JSON.stringify({ event: 'app_uninstalled', platform, stores: rows.map((r) => r.id) }));
    return rows.length;
  }
}

type InstallFlow = Extract<ReturnType<typeof installFlowOf>, { ok: true }>;

/** The plugin's verified uninstall notice naming a store, or null (a throw is a refusal). */
function verifiedNotice(flow: InstallFlow, inbound: InboundRequest): UninstallNotice | null {
  let notice: UninstallNotice | null;
  try {
    notice = flow.spec.verifyUninstall?.call(flow.spec, inbound, flow.app) ?? null;
  } catch {
    notice = null;
  }
  return notice && typeof notice.externalStoreId === 'string' && notice.externalStoreId !== '' ? notice : null;
}
