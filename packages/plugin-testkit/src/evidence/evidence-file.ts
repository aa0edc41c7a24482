/**
 * Evidence fixtures: a platform's own documented request/response examples, transcribed field for field,
 * each with the public URL it came from and the date it was read. Plugins keep them in
 * `test/evidence/*.json` and test both their parsing and their simulator against them.
 *
 * File format (JSON, `source` first so the file starts with its URL):
 * {
 *   "source": "https://developer.example.com/docs/…",   // public URL (or official SDK file URL)
 *   "read": "2026-12-02",                                // when it was read
 *   "note": "optional: what was shortened, what the document leaves unsaid",
 *   "request":  { "method": "PUT", "path": "/v1/items/{id}", "query": {…}, "headers": {…}, "body": … },
 *   "response": { "status": 200, "headers": {…}, "body": … }
 * }
 * `request` or `response` may be absent when the document shows only one of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface EvidenceRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface EvidenceResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Evidence {
  /** The file's name without `.json`. */
  name: string;
  source: string;
  read: string;
  note?: string;
  request?: EvidenceRequest;
  response?: EvidenceResponse;
}

const PUBLIC_URL = /^https:\/\/[^\s/]+\.[^\s/]+\/\S*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads and checks one evidence file: a clear error naming the file and the field when it is malformed. */
export function loadEvidence(file: string): Evidence {
  const name = basename(file).replace(/\.json$/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`evidence ${name}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const e = raw as Partial<Evidence>;
  const problems: string[] = [];
  if (typeof e.source !== 'string' || !PUBLIC_URL.test(e.source)) problems.push('source must be a public https URL');
  if (typeof e.read !== 'string' || !DATE.test(e.read)) problems.push('read must be a date (YYYY-MM-DD)');
  if (!e.request && !e.response) problems.push('request or response is required');
  if (e.request && (typeof e.request.method !== 'string' || typeof e.request.path !== 'string')) {
    problems.push('request.method and request.path are required');
  }
  if (e.response && typeof e.response.status !== 'number') problems.push('response.status must be a number');
  if (problems.length) throw new Error(`evidence ${name}: ${problems.join('; ')}`);
  return { ...(e as Evidence), name };
}

/** Every `*.json` in a plugin's evidence folder, sorted by name; throws when the folder is empty or missing. */
export function loadEvidenceDir(dir: string): Evidence[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`no evidence files in ${dir}`);
  return files.map((f) => loadEvidence(join(dir, f)));
}

/** One evidence file by name from a folder (throws when absent: a test never skips over missing evidence). */
export function evidence(dir: string, name: string): Evidence {
  return loadEvidence(join(dir, `${name}.json`));
}
