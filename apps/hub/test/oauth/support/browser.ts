/**
 * A merchant's browser, reduced to plain HTTP: follows an install flow's redirects one hop at a time
 * (connectUrl → [hub hop, cookie] → platform consent → hub callback → success/failure page), keeping
 * cookies per host, and records every answer's body (the secrets grep reads them).
 */
import * as http from 'node:http';

export interface Hop {
  url: string;
  status: number;
  location?: string;
  setCookie: string[];
  text: string;
  body: unknown;
}

/** Every answer seen by any browser (and the API calls the tests record too): who answered, body and Location. */
export const seenAnswers: Array<{ url: string; text: string }> = [];

export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Hop> {
  const u = new URL(url);
  const body = options.body === undefined ? undefined : Buffer.from(options.body, 'utf8');
  const headers: Record<string, string> = { ...(options.headers ?? {}), ...(body ? { 'content-length': String(body.length) } : {}) };
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: u.hostname, port: Number(u.port), method: options.method ?? 'GET', path: `${u.pathname}${u.search}`, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          seenAnswers.push({ url, text: `${res.headers.location ?? ''}\n${text}` });
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          const setCookie = res.headers['set-cookie'] ?? [];
          resolve({ url, status: res.statusCode ?? 0, location: res.headers.location, setCookie, text, body: parsed });
        });
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    if (body) r.write(body);
    r.end();
  });
}

export class Browser {
  private readonly cookies = new Map<string, Map<string, string>>();
  readonly hops: Hop[] = [];

  constructor(private readonly accept = 'application/json') {}

  /** GETs `url` and follows redirects (at most `maxHops`); returns the last answer. */
  async open(url: string, maxHops = 6): Promise<Hop> {
    let current = url;
    for (let i = 0; i < maxHops; i++) {
      const hop = await this.get(current);
      this.hops.push(hop);
      if (![301, 302, 303, 307].includes(hop.status) || !hop.location) return hop;
      current = new URL(hop.location, current).toString();
      if (this.stopAt && current.startsWith(this.stopAt)) return hop;
    }
    throw new Error(`more than ${maxHops} redirects from ${url}`);
  }

  /** Do not follow redirects to URLs starting with this (the configured success/failure pages do not exist). */
  stopAt: string | undefined;

  async get(url: string): Promise<Hop> {
    const u = new URL(url);
    const jar = this.cookies.get(u.host);
    const cookie = jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
    const hop = await request(url, { headers: { accept: this.accept, ...(cookie ? { cookie } : {}) } });
    for (const line of hop.setCookie) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const map = this.cookies.get(u.host) ?? new Map<string, string>();
      if (/max-age=0/i.test(line) || value === '') map.delete(name);
      else map.set(name, value);
      this.cookies.set(u.host, map);
    }
    return hop;
  }
}
