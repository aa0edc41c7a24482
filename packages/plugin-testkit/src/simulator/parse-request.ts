/** Turns a node request into a SimRequest: query, lower-cased headers, JSON / form / raw body. */
import type { IncomingMessage } from 'node:http';
import type { SimRequest } from './types';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function parseParams(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of search) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('application/x-www-form-urlencoded')) return parseParams(new URLSearchParams(raw));
  if (ct.includes('json') || /^\s*[[{]/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw; // the handler decides how the platform answers malformed JSON
    }
  }
  return raw;
}

export function toSimRequest(req: IncomingMessage, rawBody: string): SimRequest {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: decodeURIComponent(url.pathname),
    params: {},
    query: parseParams(url.searchParams),
    headers,
    body: parseBody(rawBody, headers['content-type']),
    rawBody,
  };
}
