import { decideDispatch, fairShare } from '../../src/sync/fair-share';

const job = (storeId: string, platform: string) => ({ storeId, platform });
const ids = (jobs: { storeId: string }[]) => jobs.map((j) => j.storeId);

describe('fairShare', () => {
  it('divides the slots among the platforms with work, rounding up; a platform alone gets them all', () => {
    expect(fairShare(500, 1)).toBe(500);
    expect(fairShare(500, 2)).toBe(250);
    expect(fairShare(500, 3)).toBe(167);
    expect(fairShare(10, 4)).toBe(3);
    expect(fairShare(500, 0)).toBe(500);
  });
});

describe('decideDispatch', () => {
  it('starts every job while there is room and no platform is over its share', () => {
    const d = decideDispatch([job('a', 'shopify'), job('b', 'webflow')], new Set(), new Map(), 4);
    expect(ids(d.start)).toEqual(['a', 'b']);
    expect(d.drop).toEqual([]);
  });

  it('never starts more than the concurrency, counting the runs in flight', () => {
    const d = decideDispatch([job('a', 'x'), job('b', 'x'), job('c', 'x')], new Set(['z']), new Map([['x', 1]]), 3);
    expect(ids(d.start)).toEqual(['a', 'b']);
    expect(ids(d.drop)).toEqual(['c']);
  });

  it('hands back a job of a store already in flight here, and a duplicate inside the batch', () => {
    const d = decideDispatch([job('a', 'x'), job('b', 'x'), job('b', 'x')], new Set(['a']), new Map([['x', 1]]), 10);
    expect(ids(d.start)).toEqual(['b']);
    expect(ids(d.drop)).toEqual(['a', 'b']);
  });

  it('keeps a slow platform within its share so a fast one still gets slots', () => {
    // 4 slots, webflow already holds 2 of them, shopify's jobs arrive: share = 4 / 2 platforms = 2 each.
    const d = decideDispatch(
      [job('w3', 'webflow'), job('s1', 'shopify'), job('s2', 'shopify'), job('s3', 'shopify')],
      new Set(['w1', 'w2']),
      new Map([['webflow', 2]]),
      4,
    );
    expect(ids(d.start)).toEqual(['s1', 's2']);
    expect(ids(d.drop)).toEqual(['w3', 's3']);
  });

  it('counts only platforms with runs in flight or jobs in the batch', () => {
    const d = decideDispatch([job('a', 'x'), job('b', 'x'), job('c', 'x')], new Set(), new Map([['idle', 0]]), 3);
    expect(ids(d.start)).toEqual(['a', 'b', 'c']);
  });

  it("does not change the caller's maps", () => {
    const inFlight = new Map([['x', 1]]);
    const stores = new Set(['z']);
    decideDispatch([job('a', 'x')], stores, inFlight, 5);
    expect(inFlight.get('x')).toBe(1);
    expect([...stores]).toEqual(['z']);
  });
});
