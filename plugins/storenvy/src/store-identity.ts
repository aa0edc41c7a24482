/**
 * The store an OAuth install connected, as Storenvy names it: `GET /v1/store.json` ("Get the basic details
 * of your Store", documented) with the new token. Its field names are not shown on the stored pages: the
 * plugin reads `data.store` (the envelope's resource key, as list answers nest `data.variants`) or `data`
 * itself, and takes `id`, else `subdomain`, else `url` (community code reads url) — unverified, and fails
 * loudly when none is there.
 */
import { AuthError } from '@stock-sync/plugin-sdk';

export function storeIdentity(body: unknown): string {
  const data = typeof body === 'object' && body !== null ? (body as { data?: Record<string, unknown> }).data : undefined;
  const nested = data?.store;
  const store = typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>) : data;
  for (const key of ['id', 'subdomain', 'url'] as const) {
    const v = store?.[key];
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  throw new AuthError('Storenvy: GET /v1/store named no store (no id, subdomain or url) for the new token');
}
