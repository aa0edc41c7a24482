/**
 * SHOWS_SAME_SQL (the notice recording's one-statement comparison) gives showsSame's verdict (what reconciliation
 * compares with) for every pair of TargetStock forms, and never "the same" with a NULL on either side.
 */
import type { TargetStock } from '@stock-sync/plugin-sdk';
import { SHOWS_SAME_SQL } from '../../src/sync/shows-same-sql';
import { showsSame } from '../../src/sync/chunk-outcomes';
import { describeHub } from '../support/hub-harness';

const FORMS: (TargetStock | null)[] = [
  null,
  { kind: 'unlimited' },
  { kind: 'out_of_stock' },
  { kind: 'quantity', quantity: 0 },
  { kind: 'quantity', quantity: 1 },
  { kind: 'quantity', quantity: 9 },
  { kind: 'quantity', quantity: 10 },
];

describeHub('SHOWS_SAME_SQL agrees with showsSame', (hub) => {
  const pairs = FORMS.flatMap((a) => FORMS.map((b) => [a, b] as const));

  it('for every pair of forms (NULL never the same)', async () => {
    const rows = await hub().sql<{ i: number; same: boolean }>(
      `SELECT p.i::int AS i, ${SHOWS_SAME_SQL('p.a', 'p.b')} AS same
       FROM jsonb_to_recordset($1::jsonb) AS p(i int, a jsonb, b jsonb) ORDER BY p.i`,
      [JSON.stringify(pairs.map(([a, b], i) => ({ i, a, b })))],
    );
    expect(rows).toHaveLength(pairs.length);
    const expected = pairs.map(([a, b]) => (a === null || b === null ? false : showsSame(a, b)));
    expect(rows.map((r) => r.same)).toEqual(expected);
    // Not a vacuous agreement: the same are unlimited², {out_of_stock, 0}² (four pairs), 1², 9² and 10².
    expect(expected.filter(Boolean)).toHaveLength(8);
  });
});
