/** Which stores and variants the platform-notices step edits: pure choice over the fleet, no hub needed. */
import type { TargetStock } from '@stock-sync/domain';
import { pickDriftPair } from '../src/drift-notices';
import type { DemoStore, TrackedVariant } from '../src/fleet';

const UNLIMITED: TargetStock = { kind: 'unlimited' };
const OUT: TargetStock = { kind: 'out_of_stock' };

function variant(title: string, shows: TargetStock, hub: TargetStock | null, link: TrackedVariant['link'] = 'synced'): TrackedVariant {
  return { productId: `p-${title}`, variantId: `v-${title}`, title, catalogVariantId: 101, link, observed: shows, lastExpected: hub };
}

function store(id: string, platform: string, variants: TrackedVariant[]): DemoStore {
  return {
    id,
    name: `${platform} ${id}`,
    platform,
    displayName: platform,
    region: 'north_america',
    regionName: 'North America',
    simUrl: `http://sim/${platform}`,
    emulatedUnlimited: false,
    variants,
  };
}

describe('pickDriftPair', () => {
  it('prefers WooCommerce, then Shopify, and skips when the fleet has neither', () => {
    const v = () => [variant('S', UNLIMITED, UNLIMITED)];
    const fleet = [store('1', 'shopify', v()), store('2', 'shopify', v()), store('3', 'woocommerce', v()), store('4', 'woocommerce', v())];
    expect(pickDriftPair(fleet)?.picks?.map((p) => p.store.id)).toEqual(['3', '4']);
    expect(pickDriftPair(fleet.slice(0, 2))?.platform).toBe('shopify');
    expect(pickDriftPair([store('5', 'etsy', v())])).toBeUndefined();
  });

  it('edits only a synced variant that shows the hub’s value in stock (a sold-out edit is then drift)', () => {
    const variants = () => [
      variant('sold out', OUT, OUT),
      variant('ignored', UNLIMITED, UNLIMITED, 'ignored'),
      variant('not written yet', OUT, UNLIMITED),
      variant('in stock', { kind: 'quantity', quantity: 4 }, { kind: 'quantity', quantity: 4 }),
    ];
    const pair = pickDriftPair([store('1', 'woocommerce', variants()), store('2', 'woocommerce', variants())]);
    expect(pair?.picks?.map((p) => [p.variant.title, p.hubValue])).toEqual([
      ['in stock', { kind: 'quantity', quantity: 4 }],
      ['in stock', { kind: 'quantity', quantity: 4 }],
    ]);
  });

  it('names the platform but no pair when fewer than two of its stores have such a variant (a failure, not a skip)', () => {
    const pair = pickDriftPair([
      store('1', 'woocommerce', [variant('S', UNLIMITED, UNLIMITED)]),
      store('2', 'woocommerce', [variant('S', OUT, OUT)]),
    ]);
    expect(pair).toEqual({ platform: 'woocommerce', picks: undefined });
  });
});
