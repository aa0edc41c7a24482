import { chunkLimitFor } from '../../src/sync/chunk-limit';

describe('chunkLimitFor: a run step is a whole number of the platform write calls', () => {
  it('rounds the chunk size down to a multiple of maxBatch', () => {
    expect(chunkLimitFor(500, 200)).toBe(400);
    expect(chunkLimitFor(500, 100)).toBe(500);
    expect(chunkLimitFor(500, 250)).toBe(500);
    expect(chunkLimitFor(500, 50)).toBe(500);
    expect(chunkLimitFor(500, 1)).toBe(500);
    expect(chunkLimitFor(1000, 300)).toBe(900);
  });

  it('keeps a chunk size below one batch as configured', () => {
    expect(chunkLimitFor(5, 100)).toBe(5);
    expect(chunkLimitFor(499, 500)).toBe(499);
    expect(chunkLimitFor(500, 500)).toBe(500);
  });

  it('keeps the chunk size when maxBatch is not a positive whole number', () => {
    for (const m of [0, -5, 2.5, Number.NaN]) expect(chunkLimitFor(500, m)).toBe(500);
  });
});
