/** The statuses a facility reports for a print-on-demand variant. */
export const POD_STATUSES = ['in_stock', 'stocked_on_demand', 'out_of_stock', 'discontinued'] as const;
export type PodStatus = (typeof POD_STATUSES)[number];

/**
 * What a status means for availability. `unknown` covers anything unrecognised: by rule 4 it must never
 * flip a store to out of stock by itself, so callers keep the last known state instead.
 */
export type NormalizedStatus = 'fulfillable' | 'out_of_stock' | 'discontinued' | 'unknown';

const MEANING: Readonly<Record<PodStatus, NormalizedStatus>> = {
  in_stock: 'fulfillable',
  stocked_on_demand: 'fulfillable',
  out_of_stock: 'out_of_stock',
  discontinued: 'discontinued',
};

/**
 * Tolerates case, surrounding whitespace and space/hyphen separators ("In Stock", "out-of-stock"), because
 * facility systems and the company's own APIs spell the same words differently. Anything else is unknown.
 */
export function normalizePodStatus(raw: unknown): NormalizedStatus {
  if (typeof raw !== 'string') return 'unknown';
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return Object.prototype.hasOwnProperty.call(MEANING, key) ? MEANING[key as PodStatus] : 'unknown';
}

export function isPodStatus(raw: unknown): raw is PodStatus {
  return typeof raw === 'string' && (POD_STATUSES as readonly string[]).includes(raw);
}
