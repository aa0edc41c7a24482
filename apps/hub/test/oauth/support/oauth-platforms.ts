/**
 * The rows of the install-flow end-to-end tests: every BUILT plugin in the monorepo's plugins/ whose plugin
 * declares `oauth` and whose simulator exposes `oauthApp` (the testkit's OAuth kit mounted). Plugins gain
 * their install flow one by one, so the table grows by itself; a plugin that declares `oauth` but whose
 * simulator has no `oauthApp` is reported (never silently left out).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import type { PlatformSimulatorDefinition } from '@stock-sync/plugin-testkit';
import { DEFAULT_PLUGINS_DIR } from '../../../src/config/hub-config';

export interface OAuthPlatformRow {
  id: string;
  plugin: IntegrationPlugin;
  simulator: PlatformSimulatorDefinition<unknown> & { oauthApp: { clientId: string; clientSecret: string } };
}

export interface OAuthPlatformTable {
  rows: OAuthPlatformRow[];
  /** Plugins with `oauth` whose simulator cannot run the flow (no oauthApp), with why. */
  withoutSimulatorFlow: string[];
  /** Plugin packages not built (their rows cannot be known). */
  notBuilt: string[];
}

function load<T>(file: string, pick: (m: Record<string, unknown>) => unknown): T | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as Record<string, unknown>;
  return pick(mod) as T | undefined;
}

export function oauthPlatforms(pluginsDir = DEFAULT_PLUGINS_DIR): OAuthPlatformTable {
  const table: OAuthPlatformTable = { rows: [], withoutSimulatorFlow: [], notBuilt: [] };
  const wanted = process.env.HUB_E2E_PLATFORMS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of fs.readdirSync(pluginsDir).sort()) {
    if (wanted && !wanted.includes(id)) continue;
    const pkgFile = path.join(pluginsDir, id, 'package.json');
    if (!fs.existsSync(pkgFile)) continue;
    const field = (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { stockSync?: { plugin?: string; simulator?: string } }).stockSync;
    if (!field?.plugin || !field.simulator) continue;
    const pluginFile = path.join(pluginsDir, id, field.plugin);
    const simFile = path.join(pluginsDir, id, field.simulator);
    if (!fs.existsSync(pluginFile) || !fs.existsSync(simFile)) {
      table.notBuilt.push(id);
      continue;
    }
    const plugin = load<IntegrationPlugin>(pluginFile, (m) => m.plugin ?? m.default);
    if (!plugin?.oauth) continue;
    const simulator = load<PlatformSimulatorDefinition<unknown>>(simFile, (m) => m.simulator ?? m.default);
    if (!simulator?.oauthApp) {
      table.withoutSimulatorFlow.push(id);
      continue;
    }
    table.rows.push({ id, plugin, simulator: simulator as OAuthPlatformRow['simulator'] });
  }
  return table;
}
