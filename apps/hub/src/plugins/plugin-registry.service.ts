/**
 * The plugin registry: discovers plugins at start-up, keeps the valid ones, and reconciles the
 * integrations table with what loaded (upsert loaded → available; rows of plugins that vanished or
 * failed → unavailable with the reason). Stores on an unavailable platform stay intact and are reported.
 */
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONTRACT_MAJOR, CONTRACT_VERSION, type IntegrationPlugin } from '@stock-sync/plugin-sdk';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { queryRows } from '../database/sql';
import { discoverPlugins, type DiscoveredPlugin, type RejectedPlugin } from './plugin-discovery';
import { loadPluginPackagesConfig } from './plugin-packages-config';

export interface UnavailableIntegration {
  id: string;
  reason: string;
  stores: number;
}

@Injectable()
export class PluginRegistry implements OnModuleInit {
  private readonly log = new Logger('PluginRegistry');
  private plugins = new Map<string, DiscoveredPlugin>();
  private rejectedPlugins: RejectedPlugin[] = [];
  private unavailableIntegrations: UnavailableIntegration[] = [];
  /** Installed plugin packages to load (HUB_PLUGIN_PACKAGES, HUB_PLUGIN_PROJECT), read once. */
  private readonly pluginPackages = loadPluginPackagesConfig(process.env);

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.load();
  }

  /** Scans the plugins directory and reconciles the integrations table (start-up; safe to call again). */
  async load(): Promise<void> {
    const { loaded, rejected } = discoverPlugins(this.config.pluginsDir, this.pluginPackages);
    this.plugins = new Map(loaded.map((p) => [p.plugin.manifest.id, p]));
    this.rejectedPlugins = rejected;
    for (const r of rejected) this.log.error(`refused plugin ${r.packageName ?? r.dir}: ${r.reason}`);
    for (const p of loaded.filter((l) => l.newerMinor)) {
      this.log.log(
        `plugin ${p.packageName} is built for plugin API ${p.builtFor}, newer than this hub's ${CONTRACT_VERSION}: loaded (same major)`,
      );
    }
    await this.reconcile(loaded, rejected);
    this.log.log(
      `${loaded.length} integration plugin(s) loaded from ${this.config.pluginsDir}` +
        (this.pluginPackages ? ' and installed packages' : '') +
        (loaded.length ? `: ${loaded.map((p) => `${p.plugin.manifest.id} (${p.packageName})`).join(', ')}` : ''),
    );
    for (const u of this.unavailableIntegrations) {
      if (u.stores > 0)
        this.log.warn(`integration ${u.id} is unavailable (${u.reason}); ${u.stores} store(s) use it and are left as they are`);
    }
  }

  get(id: string): IntegrationPlugin | undefined {
    return this.plugins.get(id)?.plugin;
  }

  list(): IntegrationPlugin[] {
    return [...this.plugins.values()].map((p) => p.plugin).sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
  }

  get rejected(): readonly RejectedPlugin[] {
    return this.rejectedPlugins;
  }

  get unavailable(): readonly UnavailableIntegration[] {
    return this.unavailableIntegrations;
  }

  private async reconcile(loaded: DiscoveredPlugin[], rejected: RejectedPlugin[]): Promise<void> {
    const ps = loaded.map((l) => l.plugin);
    const rejectedReasons = new Map(rejected.filter((r) => r.id).map((r) => [r.id!, r.reason]));
    const rows = await this.db.transaction(async (m) => {
      await queryRows(
        m,
        `INSERT INTO integrations (id, display_name, contract_version, manifest, credential_fields, available, last_loaded_at, unavailable_reason)
         SELECT id, display_name, $3::int, manifest::jsonb, credential_fields::jsonb, true, now(), NULL
         FROM unnest($1::text[], $2::text[], $4::text[], $5::text[]) AS u(id, display_name, manifest, credential_fields)
         ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, contract_version = excluded.contract_version,
           manifest = excluded.manifest, credential_fields = excluded.credential_fields,
           available = true, last_loaded_at = now(), unavailable_reason = NULL`,
        [
          ps.map((p) => p.manifest.id),
          ps.map((p) => p.manifest.displayName),
          CONTRACT_MAJOR,
          ps.map((p) => JSON.stringify(p.manifest)),
          ps.map((p) => JSON.stringify(p.credentialFields)),
        ],
      );
      return queryRows<{ id: string; reason: string; stores: number | string }>(
        m,
        `WITH marked AS (
           UPDATE integrations i
           SET available = false,
               unavailable_reason = COALESCE(r.reason, 'the plugin package is no longer installed in the plugins directory')
           FROM (SELECT id FROM integrations WHERE NOT (id = ANY($1::text[]))) gone
           LEFT JOIN unnest($2::text[], $3::text[]) AS r(id, reason) ON r.id = gone.id
           WHERE i.id = gone.id
           RETURNING i.id, i.unavailable_reason AS reason
         )
         SELECT m.id, m.reason, (SELECT count(*) FROM stores s WHERE s.platform = m.id) AS stores FROM marked m ORDER BY m.id`,
        [ps.map((p) => p.manifest.id), [...rejectedReasons.keys()], [...rejectedReasons.values()]],
      );
    });
    this.unavailableIntegrations = rows.map((r) => ({ id: r.id, reason: r.reason, stores: Number(r.stores) }));
  }
}
