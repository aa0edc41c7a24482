/**
 * A seeded generator of requests from the OpenAPI document: valid-ish bodies built from each operation's
 * schema (with known-good values for the fields that must reference something), then mutated — wrong
 * types, nulls, huge numbers, NUL characters, deep nesting, empty and nested arrays, impossible dates,
 * unknown fields — with odd paths, query strings, content types and credentials now and then. The same
 * seed gives the same requests.
 */
import { gzipSync } from 'node:zlib';
import { resolveSchema, type OpenApiDocument, type Operation, type SchemaObject } from './openapi-operations';
import type { RawRequest } from './raw-http';

/** mulberry32: a tiny deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzContext {
  token: string;
  storeId: string;
  runId: string;
  /** Catalog variant ids that exist (a POD one and a warehouse one). */
  variantIds: number[];
}

export interface FuzzRequest extends RawRequest {
  operation: Operation;
  /** What was done to the request, for the failure report. */
  mutations: string[];
}

const IMPOSSIBLE_DATES = [
  '2025-02-30T12:00:00Z',
  '0000-01-01T00:00:00Z',
  '2025-13-01T00:00:00Z',
  '2025-04-31T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1969-12-31T23:59:59Z',
  '2025-01-01T25:61:00Z',
  '2025-01-01',
  'yesterday',
];
const ODD_SCALARS: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  2_147_483_648,
  '',
  ' ',
  'x'.repeat(10_000),
  'nul\u0000inside',
  '\u0000',
  '\ud800',
  '💥',
  'NaN',
  '1e999',
  '__proto__',
  '{}',
  [],
  [[]],
  [null],
  {},
  { nested: { deeper: [1] } },
];
const ODD_CONTENT: Array<[string, Record<string, string>, ((body: string) => string | Buffer) | undefined]> = [
  ['text/plain', { 'content-type': 'text/plain' }, undefined],
  ['no content-type', {}, undefined],
  ['form', { 'content-type': 'application/x-www-form-urlencoded' }, undefined],
  ['charset latin1', { 'content-type': 'application/json; charset=latin1' }, undefined],
  ['charset utf-16', { 'content-type': 'application/json; charset=utf-16' }, undefined],
  ['charset bogus', { 'content-type': 'application/json; charset=x-bogus-9' }, undefined],
  ['gzip header, plain body', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, undefined],
  ['unknown encoding', { 'content-type': 'application/json', 'content-encoding': 'x-snappy' }, undefined],
  ['real gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, (b) => gzipSync(b)],
  ['json+suffix type', { 'content-type': 'application/vnd.api+json' }, undefined],
  ['truncated JSON', { 'content-type': 'application/json' }, (b) => b.slice(0, Math.max(1, Math.floor(b.length / 2)))],
  ['not JSON at all', { 'content-type': 'application/json' }, () => 'undefined'],
  ['JSON scalar', { 'content-type': 'application/json' }, () => '42'],
  ['BOM', { 'content-type': 'application/json' }, (b) => `\ufeff${b}`],
];

export class FuzzGenerator {
  private readonly random: () => number;

  constructor(
    private readonly doc: OpenApiDocument,
    private readonly ops: Operation[],
    private readonly ctx: FuzzContext,
    seed: number,
  ) {
    this.random = prng(seed);
  }

  next(): FuzzRequest {
    const op = this.pick(this.ops);
    const mutations: string[] = [];
    let path = this.concretePath(op, mutations);
    path += this.queryString(op, mutations);
    const headers: Record<string, string> = {};
    const auth = this.random();
    if (auth < 0.08) mutations.push('no token');
    else if (auth < 0.12) {
      headers.authorization = this.pick([
        `Bearer ${this.ctx.token}x`,
        `bearer ${this.ctx.token.slice(1)}`,
        `Basic ${this.ctx.token}`,
        'Bearer',
        `Bearer ${this.ctx.token} extra`,
      ]);
      mutations.push('wrong credentials');
    } else headers.authorization = `Bearer ${this.ctx.token}`;

    let body: string | Buffer | undefined;
    if (op.hasBody || this.random() < 0.03) {
      const schema = op.operation.requestBody?.content?.['application/json']?.schema;
      let value: unknown = schema ? this.build(resolveSchema(this.doc, schema), '', 0) : { unexpected: true };
      const rounds = this.random() < 0.15 ? 0 : 1 + Math.floor(this.random() * 3);
      for (let i = 0; i < rounds; i++) value = this.mutate(value, mutations);
      let text = JSON.stringify(value) ?? 'null';
      if (this.random() < 0.02) {
        text = `{"updates":${'['.repeat(2_500)}${']'.repeat(2_500)}}`;
        mutations.push('nested 2 500 levels');
      } else if (this.random() < 0.004) {
        text = JSON.stringify({ [this.batchKey(op)]: Array.from({ length: 15_000 }, (_v, i) => ({ bogus: i })) });
        mutations.push('15 000 invalid items');
      }
      headers['content-type'] = 'application/json';
      body = text;
      if (this.random() < 0.1) {
        const [name, extra, transform] = this.pick(ODD_CONTENT);
        delete headers['content-type'];
        Object.assign(headers, extra);
        if (transform) body = transform(text);
        mutations.push(`content: ${name}`);
      }
    }
    return { method: op.method, path, headers, body, operation: op, mutations };
  }

  private concretePath(op: Operation, mutations: string[]): string {
    let path = op.template.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (this.random() < 0.15) {
        const odd = this.pick([
          '0',
          '-1',
          '99999999999999999999',
          '1e3',
          '1.5',
          'abc',
          '%00',
          '%ZZ',
          '%FF',
          '%C0%AF',
          'x'.repeat(300),
          '00000000-0000-0000-0000-000000000000',
          '00000000-0000-4000-8000-00000000000G',
          'null',
          '%20',
        ]);
        mutations.push(`${name}=${odd.slice(0, 20)}`);
        return odd;
      }
      if (name === 'runId') return this.ctx.runId;
      if (op.template.startsWith('/v1/catalog')) return String(this.pick(this.ctx.variantIds));
      return this.ctx.storeId;
    });
    if (this.random() < 0.08) {
      const spell = this.pick<[string, (p: string) => string]>([
        ['upper-case', (p) => p.toUpperCase()],
        ['trailing slash', (p) => `${p}/`],
        ['doubled slash', (p) => p.replace('/v1/', '/v1//')],
        ['percent-encoded', (p) => p.replace('/v1', '/%76%31')],
        ['dot segment', (p) => p.replace('/v1/', '/v1/./')],
        ['semicolon', (p) => `${p};x=1`],
      ]);
      path = spell[1](path);
      mutations.push(`path ${spell[0]}`);
    }
    return path;
  }

  private queryString(op: Operation, mutations: string[]): string {
    const params = (op.operation.parameters ?? []).filter((p) => p.in === 'query' && p.name !== 'verify');
    const parts: string[] = [];
    for (const p of params) {
      if (this.random() < 0.5) continue;
      const value =
        this.random() < 0.6
          ? this.queryValue(p.schema)
          : this.pick(['', '-1', '0', '1e999', '99999999999999999999', 'null', '%00', 'a%ZZ', 'true', 'x'.repeat(2000), '[]', '1,2']);
      parts.push(`${p.name}=${value}`);
      if (this.random() < 0.1) parts.push(`${p.name}=${value}`); // repeated → an array in express's parser
    }
    if (this.random() < 0.05)
      parts.push(this.pick(['bogus=1', 'limit[a]=1', '__proto__[x]=1', 'constructor[prototype][x]=1', 'a[b][c][d][e][f][g]=1']));
    if (parts.length) mutations.push(`query ${parts.join('&').slice(0, 60)}`);
    return parts.length ? `?${parts.join('&')}` : '';
  }

  private queryValue(schema: SchemaObject | undefined): string {
    if (schema?.enum) return String(this.pick(schema.enum));
    if (schema?.type === 'number' || schema?.type === 'integer') return String(1 + Math.floor(this.random() * 50));
    if (schema?.type === 'boolean') return this.pick(['true', 'false']);
    return this.pick([
      'MTIz',
      'eyJpZCI6MX0',
      'not-a-cursor',
      Buffer.from(JSON.stringify({ id: 1e300 })).toString('base64url'),
      Buffer.from('{"id":-5}').toString('base64url'),
      Buffer.from('99999999999999999999999').toString('base64url'),
    ]);
  }

  /** A valid-ish value for a schema, with known-good values where a field references something. */
  private build(schema: SchemaObject | undefined, name: string, depth: number): unknown {
    const s = resolveSchema(this.doc, schema) ?? {};
    const known = this.knownValue(name);
    if (known !== undefined) return known;
    if (s.enum) return this.pick(s.enum);
    if (s.type === 'array' || s.items) {
      const n = depth > 3 ? 0 : 1 + Math.floor(this.random() * 3);
      return Array.from({ length: n }, () => this.build(s.items, name, depth + 1));
    }
    if (s.type === 'object' || s.properties) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (!s.required?.includes(k) && this.random() < 0.4) continue;
        out[k] = this.build(v, k, depth + 1);
      }
      return out;
    }
    if (s.type === 'number' || s.type === 'integer') return s.example ?? Math.floor((s.minimum ?? 1) + this.random() * 100);
    if (s.type === 'boolean') return this.random() < 0.5;
    if (s.format === 'date-time' || /At$/.test(name)) return new Date(Date.now() - Math.floor(this.random() * 1e9)).toISOString();
    return s.example ?? `value-${Math.floor(this.random() * 1000)}`;
  }

  private knownValue(name: string): unknown {
    switch (name) {
      case 'variantId':
      case 'catalogVariantId':
        return this.pick(this.ctx.variantIds);
      case 'id':
        return this.pick(this.ctx.variantIds);
      case 'facility':
        return this.pick(['US-NC', 'US-TX', 'MX', 'UK']);
      case 'status':
        return this.pick(['in_stock', 'out_of_stock', 'stocked_on_demand', 'discontinued', 'active', 'paused']);
      case 'platform':
        return 'demo-shop';
      case 'sellingRegion':
        return this.pick(['north_america', 'europe', 'worldwide']);
      case 'credentials':
        return { shop: 'demo', accessToken: 'shpat_fuzz_fake_token_1' };
      case 'observedAt':
        return new Date(Date.now() - Math.floor(this.random() * 1e9)).toISOString();
      case 'quantity':
        return Math.floor(this.random() * 100);
      case 'reconcileIntervalSeconds':
        return 3600;
      default:
        return undefined;
    }
  }

  /** One mutation somewhere in the value. */
  private mutate(value: unknown, mutations: string[]): unknown {
    const kind = this.random();
    if (kind < 0.08) {
      mutations.push('whole body replaced');
      return this.pick([[], null, 'text', 7, [{}], { variants: [[]] }, { updates: [[]] }, { updates: {} }]);
    }
    const slots = this.slots(value, '');
    if (!slots.length) return value;
    const [parent, key, where] = this.pick(slots);
    const r = this.random();
    if (r < 0.15 && !Array.isArray(parent)) {
      delete (parent as Record<string, unknown>)[key];
      mutations.push(`${where} removed`);
    } else if (r < 0.25 && !Array.isArray(parent)) {
      (parent as Record<string, unknown>)[this.pick(['bogus', '__proto__', 'constructor', 'extra field'])] = 1;
      mutations.push(`${where}: unknown field`);
    } else if (r < 0.4 && /At$/.test(String(key))) {
      const d = this.pick(IMPOSSIBLE_DATES);
      (parent as Record<string, unknown>)[key] = d;
      mutations.push(`${where}=${d}`);
    } else if (r < 0.6) {
      // Same type, bad value: what a typo-level mistake or a hostile client sends.
      const current = (parent as Record<string, unknown>)[key];
      const odd =
        typeof current === 'string'
          ? this.pick([`${current}\u0000`, '\u0000', `${current}${'x'.repeat(5_000)}`, '', current.toUpperCase()])
          : typeof current === 'number'
            ? this.pick([2_147_483_648, -1, 0, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2])
            : null;
      (parent as Record<string, unknown>)[key] = odd;
      mutations.push(`${where}=${JSON.stringify(odd)?.slice(0, 24)}`);
    } else if (r < 0.66) {
      let deep: unknown = 1;
      for (let i = 0; i < 40; i++) deep = this.random() < 0.5 ? [deep] : { a: deep };
      (parent as Record<string, unknown>)[key] = deep;
      mutations.push(`${where}: nested 40 levels`);
    } else {
      const odd = this.pick(ODD_SCALARS);
      (parent as Record<string, unknown>)[key] = structuredClone(odd);
      mutations.push(`${where}=${JSON.stringify(odd)?.slice(0, 24)}`);
    }
    return value;
  }

  /** Every (container, key) inside a value. */
  private slots(value: unknown, where: string, depth = 0): Array<[object, string, string]> {
    if (typeof value !== 'object' || value === null || depth > 6) return [];
    const out: Array<[object, string, string]> = [];
    for (const key of Object.keys(value)) {
      const here = Array.isArray(value) ? `${where}[${key}]` : where ? `${where}.${key}` : key;
      out.push([value, key, here]);
      out.push(...this.slots((value as Record<string, unknown>)[key], here, depth + 1));
    }
    return out;
  }

  private batchKey(op: Operation): string {
    return op.template.includes('facility-stock') ? 'updates' : 'variants';
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
}
