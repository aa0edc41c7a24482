/**
 * One site's connection. The catalog version comes from the `catalogVersion` credential when given,
 * else from one probe per connection (remembered on this connection only: plugins keep no
 * module-level state). Then every call goes to the V1 or the V3 path.
 *
 * Sites migrate from Catalog V1 to V3, never back: when a V1 call fails with anything but an auth,
 * throttle or transient error, the connection probes the version again (one call); if the site now runs
 * V3 it switches to V3 for good and does the rest of the work there.
 */
import {
  AuthError,
  NotFound,
  RateLimited,
  Transient,
  type PluginError,
  OutcomeSlots,
  refOf,
  Rejected,
  sameTargetStock,
  type HttpClient,
  type ObservedStock,
  type PluginLogger,
  type StockWrite,
  type StoreConnection,
  type VariantRef,
  type WriteOutcome,
} from '@stock-sync/plugin-sdk';
import { configuredVersion, probeCatalogVersion } from './catalog-version';
import type { CatalogVersion } from './manifest';
import { asPluginError, planItems, type PlannedItem } from './plan';
import { readV1, writeV1 } from './v1/v1-stock';
import { readV3, writeV3 } from './v3/v3-stock';

export class WixConnection implements StoreConnection {
  private version?: Promise<CatalogVersion>;

  constructor(
    private readonly api: HttpClient,
    private readonly log: PluginLogger,
    private readonly credentials: Readonly<Record<string, string>>,
  ) {}

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
    if (error instanceof AuthError || error instanceof RateLimited || error instanceof Transient) return false;
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

  /** Runs the V1 path; on a site that moved to V3 meanwhile, the inputs not yet answered go the V3 way. */
  private async onV1OrMoved<T extends VariantRef>(
    items: PlannedItem<T>[],
    remaining: () => number[],
    v1: () => Promise<void>,
    v3: (rest: PlannedItem<T>[]) => Promise<void>,
  ): Promise<void> {
    try {
      await v1();
    } catch (e) {
      const error = asPluginError(e);
      if (!(await this.movedToV3(error))) throw error;
      const open = new Set(remaining());
      await v3(items.filter((it) => it.indexes.some((i) => open.has(i))));
    }
  }

  /** Always probes (one call): proves the token and site, and that a configured version is right. */
  async verify(): Promise<void> {
    const actual = await probeCatalogVersion(this.api);
    const configured = configuredVersion(this.credentials.catalogVersion);
    if (configured && configured !== actual) {
      throw new Rejected(`catalogVersion is set to ${configured}, but this Wix site uses Catalog ${actual}`, { configured, actual });
    }
  }

  async writeStock(changes: readonly StockWrite[]): Promise<WriteOutcome[]> {
    const outcomes = new OutcomeSlots<WriteOutcome>(changes.length);
    const { items, invalid } = planItems(changes);
    outcomes.set(invalid, (i) => ({
      ...refOf(changes[i]),
      status: 'failed',
      error: new Rejected('Not a Wix product/variant id', refOf(changes[i]) as unknown as Record<string, unknown>),
    }));
    // Every change already in place (the hub's belief): no read, no write.
    const inPlace = (s: StockWrite) => s.previous != null && sameTargetStock(s.previous, s.target);
    if (items.every((it) => inPlace(it.input))) {
      for (const it of items) outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'written' }));
      return outcomes.done();
    }
    try {
      const version = await this.catalogVersion();
      const location = this.credentials.locationId || undefined;
      if (version === 'V1') {
        await this.onV1OrMoved(
          items,
          () => outcomes.remaining(),
          () => writeV1(this.api, this.log, changes, items, outcomes),
          (rest) => writeV3(this.api, changes, rest, outcomes, location),
        );
      } else await writeV3(this.api, changes, items, outcomes, location);
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('wix: write stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(changes[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }

  async readStock(refs: readonly VariantRef[]): Promise<ObservedStock[]> {
    const outcomes = new OutcomeSlots<ObservedStock>(refs.length);
    const { items, invalid } = planItems(refs);
    outcomes.set(invalid, (i) => ({
      ...refOf(refs[i]),
      status: 'failed',
      error: new NotFound('Not a Wix product/variant id', refOf(refs[i]) as unknown as Record<string, unknown>),
    }));
    if (items.length === 0) return outcomes.done();
    try {
      const version = await this.catalogVersion();
      const location = this.credentials.locationId || undefined;
      if (version === 'V1') {
        await this.onV1OrMoved(
          items,
          () => outcomes.remaining(),
          () => readV1(this.api, refs, items, outcomes),
          (rest) => readV3(this.api, refs, rest, outcomes, location),
        );
      } else await readV3(this.api, refs, items, outcomes, location);
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('wix: read stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(refs[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }
}
