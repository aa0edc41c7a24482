/**
 * The check every plugin's evidence tests start with: the folder documents each call the plugin makes, and
 * every file in it is sound evidence (a public source URL and the date it was read).
 */
import { loadEvidenceDir, type Evidence } from './evidence-file';

export interface EvidenceCoverageOptions {
  /** The folder holds exactly these calls: a file not listed fails too (so a new file is listed on purpose). */
  exactly?: boolean;
}

/**
 * Throws unless `dir` holds a file for each of `calls` (and, with `exactly`, no other), every file with a public
 * source URL and a date: each is loaded and checked (loadEvidence), so a file without them fails, naming it.
 * Returns the evidence of `calls`, in their order.
 */
export function expectEvidenceFor(dir: string, calls: readonly string[], options: EvidenceCoverageOptions = {}): Evidence[] {
  const byName = new Map(loadEvidenceDir(dir).map((e) => [e.name, e]));
  const problems: string[] = [];
  const missing = calls.filter((c) => !byName.has(c));
  if (missing.length) problems.push(`no evidence for ${missing.join(', ')}`);
  const unlisted = [...byName.keys()].filter((n) => !calls.includes(n));
  if (options.exactly && unlisted.length) problems.push(`evidence not listed: ${unlisted.join(', ')}`);
  if (problems.length) throw new Error(`${dir}: ${problems.join('; ')}`);
  return calls.map((c) => byName.get(c)!);
}
