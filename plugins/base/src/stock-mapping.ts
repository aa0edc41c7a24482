/** TargetStock ⇄ BASE stock counts: integers only, so "unlimited" is 99,999, read back from 90,000 up (README "Mapping"). */
import { emulatedUnlimited } from '@stock-sync/plugin-sdk';
import { MAX_STOCK } from './manifest';

export const EMULATED_UNLIMITED_STOCK = MAX_STOCK;
export const UNLIMITED_READ_THRESHOLD = 90_000;

const rule = emulatedUnlimited({ count: EMULATED_UNLIMITED_STOCK, readFrom: UNLIMITED_READ_THRESHOLD, max: MAX_STOCK });
export const stockFor = rule.countFor;
/** BASE may send a count as a string. */
export const stockOfCount = (n: unknown) => rule.stockOf(typeof n === 'number' ? n : Number.parseInt(String(n ?? '0'), 10));
