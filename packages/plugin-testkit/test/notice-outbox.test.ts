// The shared bookkeeping of simulators' webhook deliveries, against a real local HTTP server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NOTICE_OUTBOX_KEEPS, NoticeOutbox, startNoticeReceiver, type NoticeReceiver } from '../src';

describe('NoticeOutbox', () => {
  let rx: NoticeReceiver;
  beforeEach(async () => {
    rx = await startNoticeReceiver({ path: '/hooks/tiny/store-1' });
  });
  afterEach(() => rx.close());

  it('POSTs the exact body and headers without waiting, and records the answer once settled', async () => {
    const outbox = new NoticeOutbox<{ topic: string }>();
    const body = '{"id":7,"stock_quantity":3}';
    const sent = outbox.send({ url: rx.url, headers: { 'content-type': 'application/json', 'x-sig': 'abc' }, body, meta: { topic: 't' } });
    expect(outbox.pending).toBe(1);
    expect(outbox.deliveries).toEqual([]); // recorded when answered
    await outbox.settle();
    expect(await sent).toBe(202);
    expect(outbox.pending).toBe(0);
    expect(outbox.deliveries).toEqual([{ url: rx.url, body, status: 202, meta: { topic: 't' } }]);
    expect(rx.deliveries).toHaveLength(1);
    const [d] = rx.deliveries;
    expect(d!.path).toBe('/hooks/tiny/store-1');
    expect(d!.text).toBe(body);
    expect(d!.body.equals(Buffer.from(body))).toBe(true);
    expect(d!.headers['x-sig']).toBe('abc');
    expect(d!.headers['content-type']).toBe('application/json');
  });

  it('sends a delayed notice only after delayMs, counting it pending from the start (settle waits for it)', async () => {
    const outbox = new NoticeOutbox();
    const started = Date.now();
    void outbox.send({ url: rx.url, headers: {}, body: 'later', delayMs: 300 });
    expect(outbox.pending).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(rx.deliveries).toHaveLength(0); // not sent yet
    await outbox.settle();
    expect(rx.deliveries.map((d) => d.text)).toEqual(['later']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(outbox.deliveries).toEqual([{ url: rx.url, body: 'later', status: 202 }]);
  });

  it('records status 0 when nothing answers, and never rejects', async () => {
    const outbox = new NoticeOutbox();
    const closed = await startNoticeReceiver();
    await closed.close();
    await expect(outbox.send({ url: closed.url, headers: {}, body: 'x' })).resolves.toBe(0);
    expect(outbox.deliveries).toEqual([{ url: closed.url, body: 'x', status: 0 }]);
  });

  it('gives up after timeoutMs (status 0), and does not follow a redirect (its status is the answer)', async () => {
    const server: Server = createServer((req, res) => {
      if (req.url === '/slow') return; // never answers
      res.writeHead(302, { location: rx.url }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const outbox = new NoticeOutbox();
      const slow = outbox.send({ url: `${base}/slow`, headers: {}, body: 'a', timeoutMs: 100 });
      const moved = outbox.send({ url: `${base}/moved`, headers: {}, body: 'b' });
      await outbox.settle();
      expect(await slow).toBe(0);
      expect(await moved).toBe(302);
      expect(rx.deliveries).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('delivers one after another over one kept-alive connection, with a content-type even when none was given', async () => {
    const connections: number[] = [];
    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(req.headers['content-type'] ?? '');
      req.resume();
      req.on('end', () => res.writeHead(202).end());
    });
    server.on('connection', () => connections.push(Date.now()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const outbox = new NoticeOutbox();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/x`;
      for (let i = 0; i < 5; i++) expect(await outbox.send({ url, headers: {}, body: String(i) })).toBe(202);
      expect(connections).toHaveLength(1);
      expect(seen).toEqual(Array(5).fill('text/plain;charset=UTF-8'));
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("with maxInFlight, puts at most that many deliveries on the wire, in order; a waiting one's timeout starts when it is sent", async () => {
    let open = 0;
    let most = 0;
    const order: string[] = [];
    const server: Server = createServer((req, res) => {
      open++;
      most = Math.max(most, open);
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        order.push(text);
        // Each answer takes 60 ms: the last of eight, one at a time, is sent ~420 ms after it was queued — past
        // the 300 ms timeout, which only a clock started at sending leaves room for (each answer has 240 ms to spare).
        setTimeout(() => {
          open--;
          res.writeHead(202).end();
        }, 60);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/x`;
      const serial = new NoticeOutbox({ maxInFlight: 1 });
      const bodies = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
      const sent = bodies.map((body) => serial.send({ url, headers: {}, body, timeoutMs: 300 }));
      expect(serial.pending).toBe(8);
      expect(await Promise.all(sent)).toEqual(Array(8).fill(202));
      expect(most).toBe(1);
      expect(order).toEqual(bodies);

      most = 0;
      const unbounded = new NoticeOutbox();
      await Promise.all(['x', 'y', 'z'].map((body) => unbounded.send({ url, headers: {}, body })));
      expect(most).toBe(3);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(() => new NoticeOutbox({ maxInFlight: 0 })).toThrow('maxInFlight must be at least 1, got 0');
  });

  it('keeps only the newest deliveries, and settle also waits for those sent while settling', async () => {
    const outbox = new NoticeOutbox<{ n: number }>();
    const total = NOTICE_OUTBOX_KEEPS + 5;
    for (let n = 0; n < total - 1; n++) void outbox.send({ url: rx.url, headers: {}, body: String(n), meta: { n } });
    const settling = outbox.settle();
    void outbox.send({ url: rx.url, headers: {}, body: String(total - 1), meta: { n: total - 1 } });
    await settling;
    expect(outbox.pending).toBe(0);
    expect(rx.deliveries).toHaveLength(total);
    expect(outbox.deliveries).toHaveLength(NOTICE_OUTBOX_KEEPS);
    expect(new Set(outbox.deliveries.map((d) => d.meta!.n)).size).toBe(NOTICE_OUTBOX_KEEPS);
  });
});

describe('startNoticeReceiver', () => {
  it('answers with the status asked for', async () => {
    const rx = await startNoticeReceiver({ status: 200, path: '/hooks/x' });
    try {
      const res = await fetch(rx.url, { method: 'POST', body: 'hi', headers: { 'x-a': '1' } });
      expect(res.status).toBe(200);
      expect(rx.deliveries.map((d) => [d.path, d.text, d.headers['x-a']])).toEqual([['/hooks/x', 'hi', '1']]);
    } finally {
      await rx.close();
    }
  });
});
