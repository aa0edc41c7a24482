/**
 * `showsSame` (./chunk-outcomes.ts) as a SQL condition over two jsonb TargetStock values, for the
 * notice recording that decides in one statement which variants need a read-back: the same kind (and quantity), or
 * both sold out (quantity 0 and out_of_stock are one to a shopper). NULL on either side is never the same (a ref
 * without `shown` names a variant to read back; a variant never written has nothing to compare with).
 * test/notices/shows-same-sql.test.ts holds it to showsSame over every pair of forms.
 */
const soldOut = (x: string) => `(${x}->>'kind' = 'out_of_stock' OR (${x}->>'kind' = 'quantity' AND (${x}->>'quantity')::numeric = 0))`;

export const SHOWS_SAME_SQL = (a: string, b: string): string =>
  `COALESCE(
     (${a}->>'kind' = ${b}->>'kind' AND (${a}->>'kind' <> 'quantity' OR (${a}->>'quantity')::numeric = (${b}->>'quantity')::numeric))
     OR (${soldOut(a)} AND ${soldOut(b)}),
   false)`;
