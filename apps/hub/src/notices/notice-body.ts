/**
 * A verified notice's body read through its plugin: JSON (or the plugin's own `parse`), the variants or products it concerns (held to the
 * contract: non-empty string ids, duplicates dropped, at most MAX_REFS), the signed event id where the plugin names
 * one, and, for the platform's one URL, the store.
 * Anything else — not JSON, a plugin that throws, ids of the wrong type — is `invalid` (the route's 400).
 */
import type { NoticeRef, NoticeRequest, PluginNotices } from '@stock-sync/plugin-sdk';

/** At most this many refs are taken from one notice: one product (Shopify names each of its up to 2 048 variants twice). */
const MAX_REFS = 5000;

export type ParsedNotice = { refs: NoticeRef[]; externalStoreId?: string; noticeId?: string } | { invalid: true };

export function parsedNotice(notices: PluginNotices, req: Pick<NoticeRequest, 'headers' | 'rawBody'>): ParsedNotice {
  try {
    const body: unknown = notices.parse ? notices.parse(req) : JSON.parse(Buffer.from(req.rawBody).toString('utf8'));
    const refs = checkedRefs(notices.refs(body, req.headers));
    const parsed: { refs: NoticeRef[]; externalStoreId?: string; noticeId?: string } = { refs };
    if (notices.noticeId) {
      const id = notices.noticeId(body, req.headers);
      if (typeof id !== 'string' || id.trim() === '') return { invalid: true };
      parsed.noticeId = id;
    }
    if (!notices.storeOf) return parsed;
    const store = notices.storeOf(body, req.headers);
    return typeof store === 'string' && store.trim() !== '' ? { ...parsed, externalStoreId: store } : { invalid: true };
  } catch {
    return { invalid: true };
  }
}

/**
 * The plugin's answer held to the contract: a list of refs, each naming a variant (a non-empty string id, with or
 * without its product) or a whole product (a non-empty product id alone).
 */
export function checkedRefs(value: unknown): NoticeRef[] {
  if (!Array.isArray(value)) throw new Error('refs must be a list');
  const seen = new Set<string>();
  const refs: NoticeRef[] = [];
  for (const r of value.slice(0, MAX_REFS) as unknown[]) {
    const v = (r as { externalVariantId?: unknown } | null)?.externalVariantId;
    const p = (r as { externalProductId?: unknown } | null)?.externalProductId;
    const variant = typeof v === 'string' && v !== '' ? v : undefined;
    const product = typeof p === 'string' && p !== '' ? p : undefined;
    if ((v !== undefined && !variant) || (p !== undefined && !product) || (!variant && !product)) throw new Error('malformed ref');
    const key = `${product ?? ''}\u0000${variant ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (variant) refs.push(product ? { externalVariantId: variant, externalProductId: product } : { externalVariantId: variant });
    else refs.push({ externalProductId: product! });
  }
  return refs;
}
