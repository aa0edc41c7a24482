/**
 * The Ecwid integration plugin: combination stock over REST v3, many changes per batch request.
 * Decisions and their sources: README.md. (No testkit import here: this module runs in production.)
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { ecwidConnection } from './connection';
import { createEcwidApi } from './ecwid-api';
import { credentialFields, manifest } from './manifest';
import { ecwidNotices } from './notices';
import { oauth } from './oauth';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect: (ctx) => ecwidConnection(createEcwidApi(ctx), ctx.log),
  oauth,
  notices: ecwidNotices,
};

export default plugin;
