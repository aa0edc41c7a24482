/**
 * One site's connection: the SDK's batched pipeline, one unit per run (query every item, then write in phases),
 * on the catalog the `catalogVersion` credential or one probe names; a site that moved from V1 to V3 meanwhile
 * is detected again (README "Which catalog").
 */
import { authRefusalClassifier, batched, StopTheWork, stopsTheWork, toPluginError } from '@stock-sync/plugin-sdk';
import { Rejected, Transient } from '@stock-sync/plugin-api';
import type {
  ConnectContext,
  HttpClient,
  PluginError,
  PluginLogger,
  StockWrite,
  StoreConnection,
  TargetStock,
  VariantRef,
} from '@stock-sync/plugin-api';
import type { Planned } from '@stock-sync/plugin-sdk';
import { v1 } from './v1';
import { v3 } from './v3';
import { DEFAULT_BASE_URL } from './manifest';
import { wixErrorCode, type Answer, type CatalogPath, type Site } from './wix-types';

type CatalogVersion = 'V1' | 'V3';
const PATHS: Record<CatalogVersion, CatalogPath> = { V1: v1, V3: v3 };

/** Wix ids are GUIDs; anything with characters that cannot be an id is refused without a call. */
const usableId = (id: string) => id.length > 0 && id.length <= 100 && /^[A-Za-z0-9_-]+$/.test(id);

/** Which catalog a site runs: "The version is permanent per site, and V1/V3 aren't compatible." */
export async function probeCatalogVersion(api: HttpClient): Promise<CatalogVersion> {
  const res = await api.request<{ catalogVersion?: string }>({ method: 'GET', url: '/stores/v3/provision/version' });
  const answer = res.data?.catalogVersion;
  if (answer === 'V1_CATALOG') return 'V1';
  if (answer === 'V3_CATALOG') return 'V3';
  if (answer === 'STORES_NOT_INSTALLED') throw new Rejected('Wix Stores is not installed on this site', { catalogVersion: answer });
  throw new Rejected(`Wix answered an unknown catalog version (${String(answer)})`, { catalogVersion: answer });
}

/** The credential's value, normalised ('v3', 'V3_CATALOG' … → 'V3'); undefined when absent. */
function configuredVersion(raw: string | undefined): CatalogVersion | undefined {
  const v = (raw ?? '').trim().toUpperCase();
  if (v === '') return undefined;
  if (v === 'V1' || v === 'V1_CATALOG') return 'V1';
  if (v === 'V3' || v === 'V3_CATALOG') return 'V3';
  throw new Rejected(`catalogVersion must be V1 or V3, got '${raw}'`);
}

/** The site's Wix REST client: the token in Authorization as is, wix-site-id for API keys, 401/403 → AuthError. */
export function createWixApi(ctx: ConnectContext): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  const headers: Record<string, string> = { Authorization: token, Accept: 'application/json' };
  if (ctx.credentials.siteId) headers['wix-site-id'] = ctx.credentials.siteId;
  return ctx.http.extend({
    baseURL: (ctx.credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, ''),
    headers,
    classify: authRefusalClassifier('Wix', wixErrorCode, { reasonKey: 'code' }),
    secrets: token ? [token] : [],
  });
}

export function wixConnection(api: HttpClient, log: PluginLogger, credentials: Readonly<Record<string, string>>): StoreConnection {
  const site: Site = { api, log, locationId: credentials.locationId || undefined };
  let version: Promise<CatalogVersion> | undefined;
  const catalogVersion = () => {
    if (!version) {
      version = (async () => configuredVersion(credentials.catalogVersion) ?? probeCatalogVersion(api))();
      // A failed probe (revoked token, outage) must not stick to this connection.
      version.catch(() => (version = undefined));
    }
    return version;
  };

  /** After a failed V1 call: true when the site has moved to Catalog V3 (and the connection now uses it). */
  async function movedToV3(error: PluginError): Promise<boolean> {
    if (stopsTheWork(error) || (await probeCatalogVersion(api).catch(() => undefined)) !== 'V3') return false;
    log.warn('wix: the site moved to Catalog V3; using the V3 Inventory Items API from now on', { failedWith: error.code });
    version = Promise.resolve('V3');
    return true;
  }

  /**
   * One run on the site's catalog; on a site that moved to V3 meanwhile, the items not yet answered go the V3 way.
   * A failure keeps what the platform already answered (an applied PATCH stays written) and fails only the rest.
   */
  async function run<T extends VariantRef, V extends PluginError | TargetStock | undefined>(
    items: readonly Planned<T>[],
    path: (catalog: CatalogPath, items: readonly Planned<T>[], answer: Answer<T, V>) => Promise<void>,
  ): Promise<(V | PluginError)[]> {
    const answers = new Map<Planned<T>, V>();
    const answer: Answer<T, V> = (it, verdict) => void answers.set(it, verdict);
    try {
      const v = await catalogVersion();
      try {
        await path(PATHS[v], items, answer);
      } catch (e) {
        if (v !== 'V1' || !(await movedToV3(toPluginError(e, 'Wix')))) throw e;
        const rest = items.filter((it) => !answers.has(it));
        await path(v3, rest, answer);
      }
    } catch (e) {
      // A write's undefined is 'written'; an item not in `answers` is not answered.
      throw new StopTheWork(e, { answered: items.map((it) => (answers.has(it) ? (answers.get(it) ?? 'written') : undefined)) });
    }
    return items.map((it) =>
      answers.has(it) ? (answers.get(it) as V) : new Transient(`Wix gave no answer for variant ${it.input.externalVariantId}`),
    );
  }

  return batched({
    platform: 'Wix',
    id: 'wix',
    log,
    ids: (ref) => (usableId(ref.externalProductId) && usableId(ref.externalVariantId) ? {} : undefined),
    invalid: { write: 'Not a Wix product/variant id', read: 'Not a Wix product/variant id' },
    // Always probes (one call): proves the token and site, and that a configured version is right.
    async verify() {
      const actual = await probeCatalogVersion(api);
      const configured = configuredVersion(credentials.catalogVersion);
      if (configured && configured !== actual) {
        throw new Rejected(`catalogVersion is set to ${configured}, but this Wix site uses Catalog ${actual}`, { configured, actual });
      }
    },
    // No groupBy, no maxBatch: one unit per run, so every change in place (the hub's belief) → no read, no write.
    write: { run: (items) => run<StockWrite, PluginError | undefined>(items, (c, rest, answer) => c.write(site, rest, answer)) },
    read: { run: (items) => run<VariantRef, TargetStock | PluginError>(items, (c, rest, answer) => c.read(site, rest, answer)) },
  });
}
