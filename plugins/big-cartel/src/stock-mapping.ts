/**
 * TargetStock ⇄ a Big Cartel option's `quantity` (the one stock field the API documents):
 *
 *   unlimited     → 999          read back: ≥ 900
 *   out of stock  → 0            read back: ≤ 0 (or no quantity)
 *   quantity n    → n            read back: 0 < n < 900   (targets ≥ 900 are written as asked, read back unlimited)
 *
 * Sales decrement the 999; once 100 have sold the option reads back as a quantity, the hub sees drift,
 * and re-asserting unlimited tops it up to 999.
 */
import { emulatedUnlimited } from '@stock-sync/plugin-sdk';
import { EMULATED_UNLIMITED_QUANTITY, UNLIMITED_READ_THRESHOLD } from './manifest';

export const { countFor: quantityFor, stockOf: fromOptionQuantity } = emulatedUnlimited({
  count: EMULATED_UNLIMITED_QUANTITY,
  readFrom: UNLIMITED_READ_THRESHOLD,
});
