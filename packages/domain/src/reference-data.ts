import { isIsoCountryCode } from './iso-country-codes';
import { isSellingRegionCode, SELLING_REGION_CODES, SellingRegionCode } from './selling-region-codes';

/** A fulfillment center. `partner` marks a facility run by a partner company rather than our own. */
export interface Facility {
  code: string;
  name: string;
  /** ISO 3166-1 alpha-2, e.g. "GB" for the UK. */
  country: string;
  partner: boolean;
}

/** A store's selling region: the set of facilities whose stock decides the store's availability. */
export interface SellingRegion {
  code: SellingRegionCode;
  name: string;
  facilities: string[];
}

export interface ReferenceData {
  facilities: Facility[];
  sellingRegions: SellingRegion[];
}

/** Reference data was rejected. `problems` lists every problem found, not just the first. */
export class ReferenceDataError extends Error {
  override readonly name = 'ReferenceDataError';
  constructor(
    readonly problems: readonly string[],
    source?: string,
  ) {
    super(
      `invalid reference data${source ? ` in ${source}` : ''}: ${problems.length} problem(s)\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * Checks a parsed reference-data document and returns a clean copy (only the known fields). Operators edit
 * this file by hand, so every problem is collected and reported at once instead of one per attempt.
 */
export function validateReferenceData(data: unknown, source?: string): ReferenceData {
  const problems: string[] = [];
  if (!isRecord(data)) throw new ReferenceDataError(['the document must be an object { facilities, sellingRegions }'], source);

  // A facility with a bad field still declares its code: regions naming it get no second, misleading problem.
  const known = new Set<string>();
  const facilities = validateFacilities(data.facilities, known, problems);
  const sellingRegions = validateRegions(data.sellingRegions, known, problems);

  if (problems.length > 0) throw new ReferenceDataError(problems, source);
  return { facilities, sellingRegions };
}

function validateFacilities(raw: unknown, seen: Set<string>, problems: string[]): Facility[] {
  if (!Array.isArray(raw)) {
    problems.push('facilities must be an array');
    return [];
  }
  if (raw.length === 0) problems.push('facilities must not be empty');
  const out: Facility[] = [];
  raw.forEach((item: unknown, i) => {
    const at = `facilities[${i}]`;
    if (!isRecord(item)) {
      problems.push(`${at} must be an object`);
      return;
    }
    const { code, name, country, partner } = item;
    let ok = true;
    if (!isNonEmptyString(code)) {
      problems.push(`${at}.code must be a non-empty string`);
      ok = false;
    } else if (seen.has(code)) {
      problems.push(`${at}.code "${code}" is a duplicate facility code`);
      ok = false;
    } else {
      seen.add(code);
    }
    if (!isNonEmptyString(name)) {
      problems.push(`${at}.name must be a non-empty string`);
      ok = false;
    }
    if (!isIsoCountryCode(country)) {
      problems.push(`${at}.country ${JSON.stringify(country)} is not an ISO 3166-1 alpha-2 code (e.g. "GB", "US")`);
      ok = false;
    }
    if (typeof partner !== 'boolean') {
      problems.push(`${at}.partner must be true or false`);
      ok = false;
    }
    if (ok) out.push({ code: code as string, name: name as string, country: country as string, partner: partner as boolean });
  });
  return out;
}

function validateRegions(raw: unknown, knownFacilities: ReadonlySet<string>, problems: string[]): SellingRegion[] {
  if (!Array.isArray(raw)) {
    problems.push('sellingRegions must be an array');
    return [];
  }
  const seen = new Set<string>();
  const out: SellingRegion[] = [];
  raw.forEach((item: unknown, i) => {
    const at = `sellingRegions[${i}]`;
    if (!isRecord(item)) {
      problems.push(`${at} must be an object`);
      return;
    }
    const { code, name, facilities } = item;
    let ok = true;
    if (!isSellingRegionCode(code)) {
      problems.push(`${at}.code ${JSON.stringify(code)} is not a known selling region (one of ${SELLING_REGION_CODES.join(', ')})`);
      ok = false;
    } else if (seen.has(code)) {
      problems.push(`${at}.code "${code}" is a duplicate selling region`);
      ok = false;
    } else {
      seen.add(code);
    }
    if (!isNonEmptyString(name)) {
      problems.push(`${at}.name must be a non-empty string`);
      ok = false;
    }
    if (!Array.isArray(facilities)) {
      problems.push(`${at}.facilities must be an array of facility codes`);
      ok = false;
    } else {
      if (facilities.length === 0) {
        problems.push(`${at}.facilities must name at least one facility (an empty region could never be in stock)`);
        ok = false;
      }
      const inRegion = new Set<string>();
      facilities.forEach((f: unknown, j) => {
        if (typeof f !== 'string' || !knownFacilities.has(f)) {
          problems.push(`${at}.facilities[${j}] ${JSON.stringify(f)} is not a known facility`);
          ok = false;
        } else if (inRegion.has(f)) {
          problems.push(`${at}.facilities[${j}] "${f}" is listed twice`);
          ok = false;
        } else {
          inRegion.add(f);
        }
      });
    }
    if (ok) out.push({ code: code as SellingRegionCode, name: name as string, facilities: [...(facilities as string[])] });
  });
  for (const code of SELLING_REGION_CODES) {
    if (!seen.has(code)) problems.push(`sellingRegions is missing region "${code}"`);
  }
  return out;
}

/** The region with this code, or undefined. */
export function findSellingRegion(data: ReferenceData, code: string): SellingRegion | undefined {
  return data.sellingRegions.find((r) => r.code === code);
}
