/**
 * Signing helpers for simulators and plugin tests: an HMAC-SHA256 digest, and an inbound request (the shape
 * the host hands a plugin's verifyCallback / verifyUninstall) built from a body and headers, so a test can
 * sign a notice exactly as the platform would and tamper with it.
 */
import { createHmac } from 'node:crypto';
import type { InboundRequest } from '@stock-sync/plugin-sdk';

export function simHmacSha256(secret: string, data: string | Buffer, encoding: 'hex' | 'base64'): string {
  return createHmac('sha256', secret).update(data).digest(encoding);
}

export function inboundRequest(parts: {
  method?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): InboundRequest {
  const rawBody = Buffer.isBuffer(parts.body) ? parts.body : Buffer.from(parts.body ?? '', 'utf8');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(parts.headers ?? {})) headers[k.toLowerCase()] = v;
  let body: unknown;
  const text = rawBody.toString('utf8');
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { method: parts.method ?? 'GET', query: { ...(parts.query ?? {}) }, headers, rawBody, body };
}

/** The callback the platform's 302 sends the merchant's browser to, as the host receives it. */
export function callbackFromLocation(location: string): InboundRequest {
  const url = new URL(location);
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
  return inboundRequest({ method: 'GET', query });
}
