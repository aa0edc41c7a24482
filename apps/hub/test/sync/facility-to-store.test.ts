/**
 * The latency metric's figures from a recorded chunk: one per variant written, from the newest facility
 * update the chunk load read to the record, never for other outcomes, unknown updates or negative spans.
 */
import type { ChangeRecord } from '../../src/sync/chunk-outcomes';
import { writtenLatencies } from '../../src/sync/facility-to-store';
import type { LoadedVariant } from '../../src/sync/variant-plan';
import { variant as loadedVariant } from './support/loaded-variant';

const variant = (id: string, stockUpdatedAt: Date | null | undefined): LoadedVariant =>
  loadedVariant({ id, externalVariantId: `v${id}`, stockUpdatedAt });

const change = (syncVariantId: string, outcome: ChangeRecord['outcome']): ChangeRecord => ({
  syncVariantId,
  externalProductId: 'p',
  externalVariantId: `v${syncVariantId}`,
  from: null,
  to: null,
  outcome,
  error: null,
});

const recordedAt = new Date('2026-12-04T06:00:10.000Z');

describe('writtenLatencies', () => {
  it('gives, for each variant written, the seconds from its newest facility update to the record', () => {
    const chunk = [variant('1', new Date('2026-12-04T06:00:07.500Z')), variant('2', new Date('2026-12-04T06:00:10.000Z'))];
    expect(writtenLatencies([change('1', 'written'), change('2', 'written')], chunk, recordedAt)).toEqual([2.5, 0]);
  });

  it('leaves out other outcomes, variants without a known update, variants not in the chunk, and negative spans', () => {
    const chunk = [
      variant('1', new Date('2026-12-04T06:00:09.000Z')),
      variant('2', null),
      variant('3', undefined),
      variant('4', new Date('2026-12-04T06:00:10.001Z')),
      variant('5', new Date('2026-12-04T06:00:00.000Z')),
    ];
    const changes = [
      change('1', 'failed'),
      change('1', 'would_write'),
      change('1', 'drift'),
      change('2', 'written'),
      change('3', 'written'),
      change('4', 'written'),
      change('9', 'written'),
      change('5', 'written'),
    ];
    expect(writtenLatencies(changes, chunk, recordedAt)).toEqual([10]);
  });
});
