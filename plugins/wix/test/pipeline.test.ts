/**
 * The connection on the SDK's pipeline, against a stub client: one run is one unit, so what the platform
 * answered before a failure must stay answered (a PATCH already applied is written), the rest fail with it.
 */
import { OUT_OF_STOCK as O, Rejected, Transient } from '@stock-sync/plugin-api';
import type { HttpClient, HttpRequest } from '@stock-sync/plugin-api';
import { recordingLogger } from '@stock-sync/plugin-testkit/contract';
import { wixConnection } from '../src/connection';

/** A V1 site with products p1, p2 (one untracked variant each, in stock); `fail` decides a request's fate. */
function v1Site(fail: (req: HttpRequest) => Error | undefined) {
  const sent: string[] = [];
  const client = {
    async request(req: HttpRequest) {
      sent.push(`${req.method} ${req.url}`);
      const error = fail(req);
      if (error) throw error;
      if (req.url === '/stores/v3/provision/version') return { status: 200, headers: {}, data: { catalogVersion: 'V1_CATALOG' } };
      if (req.method === 'POST') {
        const inventoryItems = ['p1', 'p2'].map((p) => ({
          productId: p,
          trackQuantity: false,
          variants: [{ variantId: `${p}-v1`, inStock: true }],
        }));
        return { status: 200, headers: {}, data: { inventoryItems } };
      }
      return { status: 200, headers: {}, data: {} };
    },
  } as unknown as HttpClient;
  return { client, sent };
}

const changes = ['p1', 'p2'].map((p) => ({ externalProductId: p, externalVariantId: `${p}-v1`, target: O }));

it('keeps a product written when a later PATCH of the same run stops the work', async () => {
  const outage = new Transient('Wix is unavailable');
  const { client, sent } = v1Site((req) => (req.method === 'PATCH' && req.url.endsWith('/p2') ? outage : undefined));
  const out = await wixConnection(client, recordingLogger(), { catalogVersion: 'V1' }).writeStock(changes);
  expect(out.map((o) => o.status)).toEqual(['written', 'failed']);
  expect(out[1]!.status === 'failed' && out[1]!.error).toBe(outage);
  // A stop is not a migration: no probe.
  expect(sent).toEqual([
    'POST /stores-reader/v2/inventoryItems/query',
    'PATCH /stores/v2/inventoryItems/product/p1',
    'PATCH /stores/v2/inventoryItems/product/p2',
  ]);
});

it('a stop before anything was answered fails every input with it; ids that cannot be Wix ids fail without a call', async () => {
  const outage = new Transient('Wix is unavailable');
  const { client, sent } = v1Site(() => outage);
  const bad = { externalProductId: 'p 1', externalVariantId: 'v', target: O };
  const out = await wixConnection(client, recordingLogger(), { catalogVersion: 'V1' }).writeStock([...changes, bad, changes[0]!]);
  expect(out.map((o) => (o.status === 'failed' ? o.error : o.status))).toEqual([outage, outage, expect.any(Rejected), outage]);
  expect(sent).toEqual(['POST /stores-reader/v2/inventoryItems/query']);
});
