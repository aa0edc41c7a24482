import { useNoticeHarness, type NoticeSim } from '../src';

const log: string[] = [];
function fakeSim(id: number): NoticeSim & { id: number; pending: Promise<void>[] } {
  const pending: Promise<void>[] = [];
  return {
    id,
    pending,
    state: {
      outbox: {
        settle: async () => {
          await Promise.all(pending);
          log.push(`settle ${id}`);
        },
      },
    },
    close: async () => {
      log.push(`close ${id}`);
    },
  };
}

describe('useNoticeHarness', () => {
  let n = 0;
  const h = useNoticeHarness({
    start: async () => fakeSim(++n),
    receiver: { path: '/hooks/x/store-1', status: 200 },
    setup: (sim, url) => {
      log.push(`setup ${(sim as { id: number }).id} ${new URL(url).pathname}`);
    },
  });

  it('starts a simulator and a receiver before each test, and sets them up', async () => {
    expect(log).toEqual(['setup 1 /hooks/x/store-1']);
    expect(h.url).toBe(h.receiver.url);
    const res = await fetch(h.url, { method: 'POST', body: 'hi' });
    expect(res.status).toBe(200);
    expect(h.received.map((d) => `${d.path} ${d.text}`)).toEqual(['/hooks/x/store-1 hi']);
    let done!: () => void;
    (h.sim as unknown as { pending: Promise<void>[] }).pending.push(new Promise<void>((r) => (done = r)));
    setTimeout(() => {
      log.push('delivered');
      done();
    }, 20);
  });

  it('settled the outbox before closing, then started a fresh pair', async () => {
    expect(log).toEqual(['setup 1 /hooks/x/store-1', 'delivered', 'settle 1', 'close 1', 'setup 2 /hooks/x/store-1']);
    expect(h.received).toEqual([]);
    await h.settle();
    expect(log.at(-1)).toBe('settle 2');
  });
});

describe('outside a test', () => {
  const h = useNoticeHarness({ start: async () => fakeSim(0), receiver: {} });
  let thrown: unknown;
  beforeAll(() => {
    try {
      void h.sim;
    } catch (e) {
      thrown = e;
    }
  });

  it('reading the harness before its beforeEach throws', () => {
    expect(thrown).toEqual(new Error('useNoticeHarness: read inside a test'));
    expect(new URL(h.url).pathname).toBe('/hooks/contract/store-1');
  });
});
