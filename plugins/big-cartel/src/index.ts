/**
 * The Big Cartel integration plugin: product option quantities over API v1 (JSON:API).
 * Decisions, their sources and what is unverified: README.md.
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-api';
import { createBigCartelApi } from './big-cartel-api';
import { bigCartelConnection } from './connection';
import { credentialFields, manifest } from './manifest';
import { bigCartelNotices } from './notices';
import { oauth } from './oauth';

export const plugin: IntegrationPlugin = {
  manifest,
  credentialFields,
  connect: (ctx) => bigCartelConnection(createBigCartelApi(ctx), ctx.log),
  oauth,
  notices: bigCartelNotices,
};

export default plugin;
