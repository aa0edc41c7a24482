import { parseDemoArgs } from '../src/cli-args';
import { colorWanted, createOutput } from '../src/output';
import { formatSummary, summarize } from '../src/stats';
import { sameObserved, showsExpected } from '../src/stock-match';
import { listOf } from '../src/hub-api';

describe('stock matching', () => {
  const q = (n: number) => ({ kind: 'quantity' as const, quantity: n });
  it('treats quantity 0 and out of stock as the same promise', () => {
    expect(showsExpected({ kind: 'out_of_stock' }, q(0))).toBe(true);
    expect(showsExpected(q(0), { kind: 'out_of_stock' })).toBe(true);
    expect(showsExpected(q(1), { kind: 'out_of_stock' })).toBe(false);
  });
  it('accepts a high quantity for unlimited only on platforms that emulate it', () => {
    expect(showsExpected(q(999), { kind: 'unlimited' }, true)).toBe(true);
    expect(showsExpected(q(999), { kind: 'unlimited' }, false)).toBe(false);
    expect(showsExpected(q(5), { kind: 'unlimited' }, true)).toBe(false);
  });
  it('needs the exact quantity, and never matches a missing or deleted variant', () => {
    expect(showsExpected(q(5), q(5))).toBe(true);
    expect(showsExpected(q(6), q(5))).toBe(false);
    expect(showsExpected(undefined, { kind: 'unlimited' })).toBe(false);
    expect(showsExpected('deleted', { kind: 'out_of_stock' })).toBe(false);
  });
  it('compares "unchanged" exactly', () => {
    expect(sameObserved(q(7), q(7))).toBe(true);
    expect(sameObserved(q(0), { kind: 'out_of_stock' })).toBe(false);
    expect(sameObserved(undefined, undefined)).toBe(true);
  });
});

describe('latency summary', () => {
  it('gives min, median and max', () => {
    expect(summarize([30, 10, 20])).toEqual({ count: 3, min: 10, median: 20, max: 30 });
    expect(summarize([10, 20, 30, 40])?.median).toBe(25);
    expect(summarize([])).toBeUndefined();
    expect(formatSummary(summarize([5]))).toBe('min 5 ms · median 5 ms · max 5 ms (1 updates)');
  });
});

describe('output', () => {
  it('honours NO_COLOR and only colours a terminal', () => {
    expect(colorWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({}, true)).toBe(true);
    expect(colorWanted({}, false)).toBe(false);
    expect(colorWanted({ TERM: 'dumb' }, true)).toBe(false);
    let text = '';
    createOutput(false, (s) => (text += s)).line(createOutput(false).ok('fine'));
    expect(text).toBe('fine\n');
    expect(createOutput(true).ok('fine')).toBe('\u001b[32mfine\u001b[0m');
  });
});

describe('arguments and API envelopes', () => {
  it('parses --once and --port', () => {
    expect(parseDemoArgs(['--once', '--port', '8099'])).toEqual({ once: true, help: false, port: 8099 });
    expect(parseDemoArgs(['--port=8100']).port).toBe(8100);
    expect(() => parseDemoArgs(['--port'])).toThrow(/port number/);
    expect(() => parseDemoArgs(['--what'])).toThrow(/unknown argument/);
  });
  it('reads lists bare or wrapped', () => {
    expect(listOf([1])).toEqual([1]);
    expect(listOf({ items: [2], nextCursor: null })).toEqual([2]);
    expect(() => listOf({ nope: 1 })).toThrow(/expected a list/);
  });
});
