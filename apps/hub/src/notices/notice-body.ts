/**
 * A verified notice's body read through its plugin: JSON, the variants it concerns (held to the contract:
 * non-empty string ids, duplicates dropped, at most MAX_REFS) and, for the platform's one URL, the store.
 * Anything else — not JSON, a plugin that throws, ids of the wrong type — is `invalid` (the route's 400).
 */
import type { NoticeRef, NoticeRequest, PluginNotices } from '@stock-sync/plugin-sdk';

/** At most this many variants are taken from one notice (a platform's notice concerns one product). */
const MAX_REFS = 1000;

export type ParsedNotice = { refs: NoticeRef[]; externalStoreId?: string } | { invalid: true };

export function parsedNotice(notices: PluginNotices, req: Pick<NoticeRequest, 'headers' | 'rawBody'>): ParsedNotice {
  try {
    const body: unknown = JSON.parse(Buffer.from(req.rawBody).toString('utf8'));
    const refs = checkedRefs(notices.refs(body, req.headers));
    if (!notices.storeOf) return { refs };
    const store = notices.storeOf(body, req.headers);
    return typeof store === 'string' && store.trim() !== '' ? { refs, externalStoreId: store } : { invalid: true };
  } catch {
    return { invalid: true };
  }
}

/** The plugin's answer held to the contract: a list of refs with a non-empty string variant id. */
export function checkedRefs(value: unknown): NoticeRef[] {
  if (!Array.isArray(value)) throw new Error('refs must be a list');
  const seen = new Set<string>();
  const refs: NoticeRef[] = [];
  for (const r of value.slice(0, MAX_REFS) as unknown[]) {
    const v = (r as NoticeRef | null)?.externalVariantId;
    const p = (r as NoticeRef | null)?.externalProductId;
    if (typeof v !== 'string' || !v || (p !== undefined && typeof p !== 'string')) throw new Error('malformed ref');
    const key = `${p ?? ''}\u0000${v}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push(p === undefined ? { externalVariantId: v } : { externalVariantId: v, externalProductId: p });
  }
  return refs;
}
