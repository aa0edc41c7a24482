import {
  documentedDelivery,
  expectDocumentedDelivery,
  inboundPost,
  lowerCaseHeaders,
  theOnlyDelivery,
  useNoticeHarness,
  type Evidence,
  type NoticeSim,
} from '../src';

const base = { name: 'webhook-x', source: 'https://example.com/docs', read: '2026-12-01' };
const jsonDoc: Evidence = {
  ...base,
  request: { method: 'POST', path: '/h', headers: { 'X-Sig': 'abc', Accept: '*/*' }, body: { id: 1, name: 'a' } },
};
const textDoc: Evidence = { ...base, request: { method: 'POST', path: '/h', headers: { 'X-Sig': 'abc' }, body: '{"id":1,"name":"a"}' } };

it('lowerCaseHeaders lower-cases the names only', () => {
  expect(lowerCaseHeaders({ 'X-Sig': 'AbC', accept: 'x' })).toEqual({ 'x-sig': 'AbC', accept: 'x' });
  expect(lowerCaseHeaders()).toEqual({});
});

it('documentedDelivery: a JSON body serialised, a text body kept byte for byte and parsed', () => {
  expect(documentedDelivery(jsonDoc)).toEqual({
    headers: { 'x-sig': 'abc', accept: '*/*' },
    rawBody: Buffer.from('{"id":1,"name":"a"}'),
    body: { id: 1, name: 'a' },
  });
  const spaced: Evidence = { ...textDoc, request: { ...textDoc.request!, body: '{ "id": 1 }' } };
  expect(documentedDelivery(spaced).rawBody.toString()).toBe('{ "id": 1 }');
  expect(documentedDelivery(spaced).body).toEqual({ id: 1 });
});

const delivered = (headers: Record<string, string>, text: string) => ({ path: '/h', headers, body: Buffer.from(text), text });

it('expectDocumentedDelivery: every documented header present, the body of the documented shape; returns the body', () => {
  const d = delivered({ 'x-sig': 'zzz', accept: '*/*', 'content-type': 'application/json' }, '{"id":2,"name":"b"}');
  expect(expectDocumentedDelivery(d, jsonDoc)).toEqual({ id: 2, name: 'b' });
  expect(expectDocumentedDelivery(d, textDoc)).toEqual({ id: 2, name: 'b' });
  expect(() => expectDocumentedDelivery(delivered({ accept: '*/*' }, '{"id":2,"name":"b"}'), jsonDoc)).toThrow();
  expect(() => expectDocumentedDelivery(delivered({ 'x-sig': 'z', accept: '*/*' }, '{"id":"2","name":"b"}'), jsonDoc)).toThrow();
  expect(() => expectDocumentedDelivery(delivered({ 'x-sig': 'z', accept: '*/*' }, '{"id":2}'), jsonDoc)).toThrow();
  expect(expectDocumentedDelivery(delivered({ 'x-sig': 'z', accept: '*/*' }, '{"id":2}'), jsonDoc, { ignore: ['$.name'] })).toEqual({
    id: 2,
  });
});

describe('theOnlyDelivery', () => {
  let settled = 0;
  const sim = (): NoticeSim => ({ state: { outbox: { settle: async () => void settled++ } }, close: async () => undefined });
  const rig = useNoticeHarness({ start: async () => sim(), receiver: { path: '/hooks/x' } });

  it('settles the outbox and returns the one delivery; none or two fail', async () => {
    await expect(theOnlyDelivery(rig)).rejects.toThrow();
    await fetch(rig.url, { method: 'POST', body: 'one' });
    const before = settled;
    expect((await theOnlyDelivery(rig)).text).toBe('one');
    expect(settled).toBe(before + 1);
    await fetch(rig.url, { method: 'POST', body: 'two' });
    await expect(theOnlyDelivery(rig)).rejects.toThrow();
  });
});

it('inboundPost: a POST with the notice’s exact body and lower-cased headers', () => {
  const req = inboundPost({ body: '{"shop":"s1"}', headers: { 'X-Hmac': 'abc' } });
  expect(req).toEqual({
    method: 'POST',
    query: {},
    headers: { 'x-hmac': 'abc' },
    rawBody: Buffer.from('{"shop":"s1"}'),
    body: { shop: 's1' },
  });
  expect(inboundPost({ body: Buffer.from('x'), headers: {} }).rawBody.toString()).toBe('x');
});
