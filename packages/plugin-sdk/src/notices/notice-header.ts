/**
 * A header of a platform notice as `verify`, `refs` and `noticeId` read it: the host gives header names in lower
 * case, each value a string or (a repeated header) a list — the first copy counts.
 */
import type { NoticeRequest } from '@stock-sync/plugin-api';

export function noticeHeader(headers: NoticeRequest['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  if (typeof v === 'string') return v;
  return Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
}
