// Redaction rules (redact.ts): secret values anywhere (raw and URL-encoded, the longest first so a
// secret containing another never leaks its tail), credential-named keys and headers, credential-named
// query parameters.
import { createRedactor, redactDeep, redactHeaders, REDACTED, SENSITIVE_NAME } from '../src';

describe('createRedactor: secret values', () => {
  it('replaces a secret that contains another whole, whatever order they were given in', () => {
    const short = 'shpat_1234';
    const long = 'shpat_1234_refresh_5678';
    for (const secrets of [
      [short, long],
      [long, short],
    ]) {
      const redact = createRedactor(secrets);
      expect(redact(`a=${long} b=${short}`)).toBe(`a=${REDACTED} b=${REDACTED}`);
    }
  });

  it('replaces the URL-encoded form too, the longest form first', () => {
    const secret = 'ab/cd+ef';
    const redact = createRedactor([secret, 'ab']);
    expect(redact(`x ${encodeURIComponent(secret)} y ${secret} z ab`)).toBe(`x ${REDACTED} y ${REDACTED} z ${REDACTED}`);
  });

  it('matches a secret literally (regex characters are escaped)', () => {
    const redact = createRedactor(['a.c*', '(x)']);
    expect(redact('abc a.c* (x) x')).toBe(`abc ${REDACTED} ${REDACTED} x`);
  });

  it('ignores empty and non-string secrets instead of matching everywhere', () => {
    const redact = createRedactor(['', undefined as unknown as string, 42 as unknown as string, 'tok']);
    expect(redact('a tok b')).toBe(`a ${REDACTED} b`);
    expect(createRedactor([''])('plain text')).toBe('plain text');
    expect(createRedactor([])('plain text')).toBe('plain text');
  });
});

describe('createRedactor: credential-named query parameters', () => {
  const redact = createRedactor([]);
  it('redacts values of parameters named like credentials, after ?, & or ;', () => {
    expect(redact('https://h/p?consumer_key=ck_1&page=2&oauth_signature=abc')).toBe(
      `https://h/p?consumer_key=${REDACTED}&page=2&oauth_signature=${REDACTED}`,
    );
    expect(redact('/x?access_token=t1&api_key=k1&sig=s1&password=p&client_secret=c&auth=a')).toBe(
      `/x?access_token=${REDACTED}&api_key=${REDACTED}&sig=${REDACTED}&password=${REDACTED}&client_secret=${REDACTED}&auth=${REDACTED}`,
    );
    expect(redact('/x?a=1;token=t')).toBe(`/x?a=1;token=${REDACTED}`);
    expect(redact('/x?Token=T&KEY=K')).toBe(`/x?Token=${REDACTED}&KEY=${REDACTED}`);
  });

  it('stops a value at &, #, whitespace or a quote, and keeps an empty value as it is', () => {
    expect(redact('/x?token=abc#frag')).toBe(`/x?token=${REDACTED}#frag`);
    expect(redact('"/x?token=abc" next')).toBe(`"/x?token=${REDACTED}" next`);
    expect(redact("'/x?token=abc'")).toBe(`'/x?token=${REDACTED}'`);
    expect(redact('/x?token=&page=1')).toBe('/x?token=&page=1');
  });

  it('leaves other parameters and key=value outside a query alone', () => {
    expect(redact('/x?page=2&limit=50')).toBe('/x?page=2&limit=50');
    expect(redact('token=abc')).toBe('token=abc');
  });
});

describe('SENSITIVE_NAME', () => {
  it('names credentials in headers and fields', () => {
    for (const name of [
      'Authorization',
      'x-api-key',
      'api_key',
      'apikey',
      'X-Access-Token',
      'client_secret',
      'password',
      'passwd',
      'x-signature',
      'Cookie',
      'key',
      'consumer_key',
      'consumer-key',
      'consumerKey',
      'credentials',
    ])
      expect([name, SENSITIVE_NAME.test(name)]).toEqual([name, true]);
  });
  it('leaves ordinary names alone (a bare "key" only as the whole name)', () => {
    for (const name of ['accept', 'content-type', 'monkey', 'keyboard', 'sku', 'quantity', 'consumer', 'customer_id'])
      expect([name, SENSITIVE_NAME.test(name)]).toEqual([name, false]);
  });
});

describe('redactDeep', () => {
  const redact = createRedactor(['tok']);
  it('replaces a credential-named key’s value whatever it is, but keeps empty ones visible', () => {
    expect(redactDeep({ token: { nested: 1 }, password: 5, secret: '', apiKey: null, cookie: undefined }, redact)).toEqual({
      token: REDACTED,
      password: REDACTED,
      secret: '',
      apiKey: null,
      cookie: undefined,
    });
  });

  it('redacts strings inside arrays and objects and keeps other values', () => {
    expect(redactDeep({ a: ['x tok', 3, true, null], b: { c: 'tok' } }, redact)).toEqual({
      a: [`x ${REDACTED}`, 3, true, null],
      b: { c: REDACTED },
    });
    expect(redactDeep('tok', redact)).toBe(REDACTED);
    expect(redactDeep(7, redact)).toBe(7);
    expect(redactDeep(undefined, redact)).toBeUndefined();
  });

  it('turns an Error into its name and redacted message', () => {
    expect(redactDeep({ e: new TypeError('bad tok') }, redact)).toEqual({ e: { name: 'TypeError', message: `bad ${REDACTED}` } });
  });

  it('stops below eight levels of nesting', () => {
    let deep: unknown = 'tok';
    for (let i = 0; i < 10; i++) deep = { d: deep };
    let out = redactDeep(deep, redact) as Record<string, unknown>;
    for (let i = 0; i < 9; i++) out = out.d as Record<string, unknown>;
    expect(out).toBe('[…]');
    let eight: unknown = 'tok';
    for (let i = 0; i < 8; i++) eight = { d: eight };
    let back = redactDeep(eight, redact) as Record<string, unknown>;
    for (let i = 0; i < 8; i++) back = back.d as Record<string, unknown>;
    expect(back).toBe(REDACTED);
  });
});

describe('redactHeaders', () => {
  it('replaces credential headers and removes secrets from the others', () => {
    const redact = createRedactor(['tok']);
    expect(
      redactHeaders({ 'X-Shopify-Access-Token': 'anything', Referer: 'https://h/?q=tok', 'x-count': 3 as unknown as string }, redact),
    ).toEqual({
      'X-Shopify-Access-Token': REDACTED,
      Referer: `https://h/?q=${REDACTED}`,
      'x-count': '3',
    });
  });
});
