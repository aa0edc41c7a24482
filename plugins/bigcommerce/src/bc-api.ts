/** The store's v3 client (ctx.http with the base path, X-Auth-Token and BigCommerce's errors classified): the plugin's only I/O. */
import { AuthError } from '@stock-sync/plugin-api';
import { isJsonObject } from '@stock-sync/plugin-sdk';
import type { ConnectContext, HttpClient, HttpResponse } from '@stock-sync/plugin-api';
import type { BcCollection, BcErrorBody } from './bc-types';

/** `{baseUrl or https://api.bigcommerce.com}/stores/{storeHash}/v3`, tolerating a trailing slash or a pasted full API path. */
export function apiBaseUrl(credentials: Readonly<Record<string, string>>): string {
  const root = (credentials.baseUrl || 'https://api.bigcommerce.com')
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/stores\/[^/]+(\/v[23])?$/, '');
  const hash = encodeURIComponent((credentials.storeHash ?? '').trim());
  return `${root}/stores/${hash}/v3`;
}

export function createBcApi(ctx: ConnectContext): HttpClient {
  const token = ctx.credentials.accessToken ?? '';
  return ctx.http.extend({
    baseURL: apiBaseUrl(ctx.credentials),
    headers: { 'X-Auth-Token': token, Accept: 'application/json', 'Content-Type': 'application/json' },
    classify: classifyBcResponse,
    secrets: token ? [token] : [],
  });
}

/** 401 (unknown, revoked or another store's token) and 403 (a missing scope): AuthError with BigCommerce's title (never the token). */
export function classifyBcResponse(res: HttpResponse): { error?: AuthError } | undefined {
  if (res.status !== 401 && res.status !== 403) return undefined;
  const title = bcErrorBody(res.data)?.title;
  const why =
    res.status === 403
      ? 'the API account lacks a scope this call needs (Products and Store Inventory: modify)'
      : 'the access token was not accepted';
  return { error: new AuthError(`BigCommerce refused the request: ${why}${title ? ` (${title})` : ''}`, { status: res.status }) };
}

function bcErrorBody(data: unknown): BcErrorBody | undefined {
  return isJsonObject(data) ? (data as BcErrorBody) : undefined;
}

/** A readable one-liner of a BigCommerce error body (title and the first few field errors). */
export function describeBcError(data: unknown): string {
  const body = bcErrorBody(data);
  if (!body) return '';
  const parts: string[] = [];
  if (body.title) parts.push(body.title);
  for (const [k, v] of Object.entries(body.errors ?? {}).slice(0, 3)) parts.push(`${k}: ${String(v)}`);
  for (const b of (body.batch_errors ?? []).slice(0, 3)) parts.push(describeBcError(b));
  return parts.filter(Boolean).join('; ');
}

/** Whether another page follows (meta.pagination current_page < total_pages). */
export function hasNextPage(body: BcCollection<unknown> | undefined): boolean {
  const p = body?.meta?.pagination;
  return !!p && typeof p.current_page === 'number' && typeof p.total_pages === 'number' && p.current_page < p.total_pages;
}

/** The items of every page of a v3 collection, `page` counted from 1 while meta.pagination says another follows. */
export async function allPages<T>(
  api: HttpClient,
  url: string,
  params: (page: number) => Record<string, string | number>,
  maxPages = Infinity,
) {
  const items: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const res = await api.request<BcCollection<T>>({ method: 'GET', url, params: params(page) });
    items.push(...(Array.isArray(res.data?.data) ? res.data.data : []));
    if (!hasNextPage(res.data)) break;
  }
  return items;
}
