/**
 * A plugin's evidence folder as its tests read it: one file by name, its documented answer (as written, or as
 * the SDK client hands an answer to a plugin), every file's name. Each read loads and checks the file afresh
 * (loadEvidence), so a test may change what it gets without touching another test's copy.
 */
import type { HttpResponse } from '@stock-sync/plugin-sdk';
import { evidence, loadEvidenceDir, type Evidence, type EvidenceResponse } from './evidence-file';

export interface EvidenceFolder {
  readonly dir: string;
  /** One evidence file by name (throws when absent). */
  doc(name: string): Evidence;
  /** The file's documented response (throws when the file documents none). */
  response(name: string): EvidenceResponse;
  /** The documented response as the SDK client would hand it to the plugin: header names in lower case, `data` the body. */
  httpResponse(name: string): HttpResponse;
  /** The name of every file in the folder, sorted; each file is loaded and checked (a public source and a date). */
  names(): string[];
}

/** The documented answer as the SDK client hands an answer to a plugin (header names in lower case, as over HTTP). */
export function asHttpResponse(r: EvidenceResponse): HttpResponse {
  const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return { status: r.status, headers, data: r.body };
}

export function evidenceIn(dir: string): EvidenceFolder {
  const doc = (name: string) => evidence(dir, name);
  const response = (name: string) => {
    const r = doc(name).response;
    if (!r) throw new Error(`evidence ${name}: documents no response`);
    return r;
  };
  return {
    dir,
    doc,
    response,
    httpResponse: (name) => asHttpResponse(response(name)),
    names: () =>
      loadEvidenceDir(dir)
        .map((e) => e.name)
        .sort(),
  };
}
