/**
 * One site's connection. The catalog version comes from the `catalogVersion` credential when given,
 * else from one probe per connection (remembered on this connection only: plugins keep no
 * module-level state). Then every call goes to the V1 or the V3 path.
 */
import {
  NotFound,
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
import { asPluginError, planItems } from './plan';
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
    outcomes.set(invalid, (i) => ({ ...refOf(changes[i]), status: 'failed', error: new Rejected('Not a Wix product/variant id', refOf(changes[i]) as unknown as Record<string, unknown>) }));
    // Every change already in place (the hub's belief): no read, no write.
    const inPlace = (s: StockWrite) => s.previous != null && sameTargetStock(s.previous, s.target);
    if (items.every((it) => inPlace(it.input))) {
      for (const it of items) outcomes.set(it.indexes, (i) => ({ ...refOf(changes[i]), status: 'written' }));
      return outcomes.done();
    }
    try {
      const version = await this.catalogVersion();
      if (version === 'V1') await writeV1(this.api, this.log, changes, items, outcomes);
      else await writeV3(this.api, changes, items, outcomes, this.credentials.locationId || undefined);
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
    outcomes.set(invalid, (i) => ({ ...refOf(refs[i]), status: 'failed', error: new NotFound('Not a Wix product/variant id', refOf(refs[i]) as unknown as Record<string, unknown>) }));
    if (items.length === 0) return outcomes.done();
    try {
      const version = await this.catalogVersion();
      if (version === 'V1') await readV1(this.api, refs, items, outcomes);
      else await readV3(this.api, refs, items, outcomes, this.credentials.locationId || undefined);
    } catch (e) {
      const error = asPluginError(e);
      this.log.warn('wix: read stopped', { code: error.code, message: error.message });
      outcomes.fillRemaining((i) => ({ ...refOf(refs[i]), status: 'failed', error }));
    }
    return outcomes.done();
  }
}
