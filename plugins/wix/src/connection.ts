/**
 * One site's connection: the SDK's batched pipeline, one unit per run (a run is one plan: query every
 * item, then write in phases). The catalog version comes from the `catalogVersion` credential when
 * given, else from one probe per connection (remembered on this connection only: plugins keep no
 * module-level state). Then every call goes to the V1 or the V3 path.
 *
 * Sites migrate from Catalog V1 to V3, never back: when a V1 call fails with anything but an auth,
 * throttle or transient error, the connection probes the version again (one call); if the site now runs
 * V3 it switches to V3 for good and does the rest of the work there.
 */
import {
  batched,
  Rejected,
  StopTheWork,
  stopsTheWork,
  toPluginError,
  Transient,
  type HttpClient,
  type PluginError,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type TargetStock,
  type VariantRef,
} from '@stock-sync/plugin-sdk';
import { configuredVersion, probeCatalogVersion } from './catalog-version';
import type { CatalogVersion } from './manifest';
import { wixIds, type Answer, type PlannedItem } from './plan';
import { readV1Items, writeV1Items } from './v1/v1-stock';
import { readV3Items, writeV3Items } from './v3/v3-stock';

/** One path of a run: answers the items it can; throws what ends the run. */
type Path<T extends VariantRef, V> = (version: CatalogVersion, items: readonly PlannedItem<T>[], answer: Answer<T, V>) => Promise<void>;

export class WixConnection implements StoreConnection {
  readonly writeStock: StoreConnection['writeStock'];
  readonly readStock: StoreConnection['readStock'];
  private version?: Promise<CatalogVersion>;

  constructor(
    private readonly api: HttpClient,
    private readonly log: PluginLogger,
    private readonly credentials: Readonly<Record<string, string>>,
  ) {
    const location = () => this.credentials.locationId || undefined;
    ({ writeStock: this.writeStock, readStock: this.readStock } = batched({
      platform: 'Wix',
      id: 'wix',
      log,
      ids: wixIds,
      invalid: { write: 'Not a Wix product/variant id', read: 'Not a Wix product/variant id' },
      verify: () => this.verify(),
      // No groupBy, no maxBatch: the whole run is one unit. Every change already in place (the hub's
      // belief): no read, no write (the default 'group' rule over that one unit).
      write: {
        run: (items) =>
          this.run<StockWrite, PluginError | undefined>(items, (version, rest, answer) =>
            version === 'V1' ? writeV1Items(api, log, rest, answer) : writeV3Items(api, rest, answer, location()),
          ),
      },
      read: {
        run: (items) =>
          this.run<VariantRef, TargetStock | PluginError>(items, (version, rest, answer) =>
            version === 'V1' ? readV1Items(api, rest, answer) : readV3Items(api, rest, answer, location()),
          ),
      },
    }));
  }

  private catalogVersion(): Promise<CatalogVersion> {
    if (!this.version) {
      let configured: CatalogVersion | undefined;
      try {
        configured = configuredVersion(this.credentials.catalogVersion);
      } catch (e) {
        return Promise.reject(e);
      }
      this.version = configured ? Promise.resolve(configured) : probeCatalogVersion(this.api);
      // A failed probe (revoked token, outage) must not stick to this connection.
      this.version.catch(() => (this.version = undefined));
    }
    return this.version;
  }

  /** After a failed V1 call: true when the site has moved to Catalog V3 (and the connection now uses it). */
  private async movedToV3(error: PluginError): Promise<boolean> {
    if (stopsTheWork(error)) return false;
    let actual: CatalogVersion;
    try {
      actual = await probeCatalogVersion(this.api);
    } catch {
      return false;
    }
    if (actual !== 'V3') return false;
    this.log.warn('wix: the site moved to Catalog V3; using the V3 Inventory Items API from now on', { failedWith: error.code });
    this.version = Promise.resolve('V3');
    return true;
  }

  /**
   * One run on the site's catalog; on a site that moved to V3 meanwhile, the items not yet answered go the
   * V3 way. A failure ends the run with what the platform already answered (a PATCH already applied stays
   * written): the SDK's StopTheWork fails only the rest with it.
   */
  private async run<T extends VariantRef, V extends PluginError | TargetStock | undefined>(
    items: readonly PlannedItem<T>[],
    path: Path<T, V>,
  ): Promise<(V | PluginError)[]> {
    const answers = new Map<PlannedItem<T>, V>();
    const answer: Answer<T, V> = (it, verdict) => void answers.set(it, verdict);
    try {
      const version = await this.catalogVersion();
      try {
        await path(version, items, answer);
      } catch (e) {
        if (version !== 'V1' || !(await this.movedToV3(toPluginError(e, 'Wix')))) throw e;
        await path(
          'V3',
          items.filter((it) => !answers.has(it)),
          answer,
        );
      }
    } catch (e) {
      // A write's undefined is 'written'; an item not in `answers` is not answered.
      throw new StopTheWork(e, { answered: items.map((it) => (answers.has(it) ? (answers.get(it) ?? 'written') : undefined)) });
    }
    return items.map((it) =>
      answers.has(it) ? (answers.get(it) as V) : new Transient(`Wix gave no answer for variant ${it.input.externalVariantId}`),
    );
  }

  /** Always probes (one call): proves the token and site, and that a configured version is right. */
  async verify(): Promise<void> {
    const actual = await probeCatalogVersion(this.api);
    const configured = configuredVersion(this.credentials.catalogVersion);
    if (configured && configured !== actual) {
      throw new Rejected(`catalogVersion is set to ${configured}, but this Wix site uses Catalog ${actual}`, { configured, actual });
    }
  }
}
