/**
 * A verified notice's body read through its plugin: JSON (or the plugin's own `parse`), the variants or products it concerns (held to the
 * contract: non-empty string ids, duplicates dropped, at most MAX_REFS; a variant ref's `shown`, plugin API 1.6, a
 * well-formed TargetStock), the signed event id where the plugin names one, and, for the platform's one URL, the store.
 * Anything else — not JSON, a plugin that throws, ids of the wrong type, a malformed `shown` — is `invalid` (the route's 400).
 */
import { sameTargetStock, type NoticeRef, type NoticeRequest, type PluginNotices, type TargetStock } from '@stock-sync/plugin-sdk';

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
 * without its product, and optionally what it now shows) or a whole product (a non-empty product id alone, never
 * with `shown`). The same ref named twice is kept once; if the two say different things about what it shows, the
 * kept one says nothing (it is read back).
 */
export function checkedRefs(value: unknown): NoticeRef[] {
  if (!Array.isArray(value)) throw new Error('refs must be a list');
  const kept = new Map<string, NoticeRef>();
  for (const r of value.slice(0, MAX_REFS) as unknown[]) {
    const v = (r as { externalVariantId?: unknown } | null)?.externalVariantId;
    const p = (r as { externalProductId?: unknown } | null)?.externalProductId;
    const variant = typeof v === 'string' && v !== '' ? v : undefined;
    const product = typeof p === 'string' && p !== '' ? p : undefined;
    if ((v !== undefined && !variant) || (p !== undefined && !product) || (!variant && !product)) throw new Error('malformed ref');
    const shown = checkedShown((r as { shown?: unknown }).shown);
    if (shown && !variant) throw new Error('malformed ref: shown on a product-only ref');
    const key = `${product ?? ''}\u0000${variant ?? ''}`;
    const before = kept.get(key);
    if (before) {
      if (before.shown && !sameTargetStock(before.shown, shown)) delete before.shown;
      continue;
    }
    if (variant)
      kept.set(key, { externalVariantId: variant, ...(product ? { externalProductId: product } : {}), ...(shown ? { shown } : {}) });
    else kept.set(key, { externalProductId: product! });
  }
  return [...kept.values()];
}

/** A ref's `shown`: absent, or a TargetStock (a quantity a whole number ≥ 0), copied without anything else. */
export function checkedShown(value: unknown): TargetStock | undefined {
  if (value === undefined) return undefined;
  const s = typeof value === 'object' && value !== null ? (value as { kind?: unknown; quantity?: unknown }) : {};
  if (s.kind === 'unlimited' || s.kind === 'out_of_stock') return { kind: s.kind };
  const quantity = s.quantity;
  if (s.kind === 'quantity' && typeof quantity === 'number' && Number.isInteger(quantity) && quantity >= 0)
    return { kind: 'quantity', quantity };
  throw new Error('malformed ref: shown is not a stock (unlimited, out_of_stock, or a quantity that is a whole number >= 0)');
}
