import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ReferenceData, ReferenceDataError, validateReferenceData } from './reference-data';

/**
 * The bundled data file. src/ and dist/ both sit directly under the package root, so the same relative
 * path works whether this runs from TypeScript sources (tests) or compiled output.
 */
export const DEFAULT_REFERENCE_DATA_PATH: string = resolve(__dirname, '..', 'data', 'reference-data.json');

/** Reads and validates a reference-data file (the bundled one by default). Throws ReferenceDataError. */
export function loadReferenceData(filePath: string = DEFAULT_REFERENCE_DATA_PATH): ReferenceData {
  const absolute = resolve(filePath);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (err) {
    throw new ReferenceDataError([`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`], absolute);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ReferenceDataError([`not valid JSON: ${(err as Error).message}`], absolute);
  }
  return validateReferenceData(parsed, absolute);
}
