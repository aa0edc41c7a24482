/**
 * The 17 selling-region codes. They follow the vocabulary the company already uses on its platform
 * (`selling_region_name` in its catalog API), so operators and merchants recognise them. The set of codes is
 * fixed in code; which facilities each region considers is data (see reference-data.ts).
 */
export const SELLING_REGION_CODES = [
  'worldwide',
  'north_america',
  'canada',
  'europe',
  'spain',
  'latvia',
  'uk',
  'france',
  'germany',
  'australia',
  'japan',
  'new_zealand',
  'italy',
  'brazil',
  'southeast_asia',
  'republic_of_korea',
  'english_speaking_regions',
] as const;

export type SellingRegionCode = (typeof SELLING_REGION_CODES)[number];

const REGION_CODE_SET: ReadonlySet<string> = new Set(SELLING_REGION_CODES);

export function isSellingRegionCode(value: unknown): value is SellingRegionCode {
  return typeof value === 'string' && REGION_CODE_SET.has(value);
}
