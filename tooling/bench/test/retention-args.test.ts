import { parseRetentionArgs, RETENTION_USAGE } from '../src/retention-main';

describe('pnpm bench:retention arguments', () => {
  it('defaults to 10 000 stores, 60 days of history, a 30-day retention', () => {
    expect(parseRetentionArgs([])).toEqual({
      stores: 10_000,
      runsPerStore: 100,
      changesPerRun: 5,
      notices: 5_000_000,
      days: 60,
      retention: 30,
    });
    expect(parseRetentionArgs(['--stores', '100', '--days', '10', '--retention', '0'])).toMatchObject({
      stores: 100,
      days: 10,
      retention: 0,
    });
    expect(RETENTION_USAGE).toContain('--retention N');
  });

  it('refuses unknown options, non-numbers, and a retention no shorter than the history', () => {
    expect(() => parseRetentionArgs(['--store', '5'])).toThrow('unknown option "--store"');
    expect(() => parseRetentionArgs(['--stores', 'many'])).toThrow('--stores must be a whole number, got "many"');
    expect(() => parseRetentionArgs(['--stores', '0'])).toThrow('--stores must be a whole number');
    expect(() => parseRetentionArgs(['--notices'])).toThrow('--notices must be a whole number, got "undefined"');
    expect(() => parseRetentionArgs(['--days', '30'])).toThrow('--retention must be shorter than --days');
  });
});
