import { findOverlaps, type RunInterval } from '../src/overlaps';

const run = (id: string, storeId: string, startedAt: number, finishedAt?: number): RunInterval => ({ id, storeId, startedAt, finishedAt });

describe('findOverlaps', () => {
  it('finds none in back-to-back runs (touching ends are not an overlap)', () => {
    expect(findOverlaps([run('1', 's', 0, 10), run('2', 's', 10, 20), run('3', 's', 25, 30)], 100)).toEqual([]);
  });
  it('finds two runs of one store at once, in any input order', () => {
    const o = findOverlaps([run('2', 's', 5, 15), run('1', 's', 0, 10)], 100);
    expect(o).toHaveLength(1);
    expect([o[0].first.id, o[0].second.id]).toEqual(['1', '2']);
  });
  it('ignores runs of different stores at the same time', () => {
    expect(findOverlaps([run('1', 'a', 0, 10), run('2', 'b', 0, 10)], 100)).toEqual([]);
  });
  it('sees a long run overlapping a later one that the run before it does not', () => {
    const o = findOverlaps([run('long', 's', 0, 100), run('short', 's', 10, 20), run('later', 's', 50, 60)], 200);
    expect(o.map((x) => `${x.first.id}/${x.second.id}`).sort()).toEqual(['long/later', 'long/short']);
  });
  it('counts a run without finished_at as open until now', () => {
    expect(findOverlaps([run('open', 's', 0), run('next', 's', 50, 60)], 100)).toHaveLength(1);
    expect(findOverlaps([run('open', 's', 70), run('before', 's', 50, 60)], 100)).toEqual([]);
  });
});
