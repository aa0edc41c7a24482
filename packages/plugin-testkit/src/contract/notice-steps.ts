/**
 * The steps platform-notices tests repeat: a documented delivery (evidence) as the hub receives it, the one
 * delivery a simulator sent, a simulator's delivery held to the documented one (headers and body shape), and a
 * signed notice (an uninstall webhook a simulator module signs) as the host receives it.
 */
import type { InboundRequest } from '@stock-sync/plugin-sdk';
import type { Evidence } from '../evidence/evidence-file';
import { expectSameShape, type ShapeOptions } from '../evidence/shape';
import type { NoticeHarness, NoticeSim } from '../simulator/notice-harness';
import type { ReceivedNotice } from '../simulator/notice-receiver';
import { inboundRequest } from '../simulator/oauth/signing';

/** Header names lower-cased, as the hub hands them to a plugin. */
export function lowerCaseHeaders(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

export interface DocumentedDelivery {
  /** The document's headers, names lower-cased. */
  headers: Record<string, string>;
  /** The body's bytes: a text body as written, a JSON body serialised. */
  rawBody: Buffer;
  /** The body: a JSON body as documented, a text body parsed as JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read platform-shaped bodies freely
  body: any;
}

/** The delivery a document shows (its request), as the hub receives it. */
export function documentedDelivery(e: Evidence): DocumentedDelivery {
  const documented = e.request!.body;
  const text = typeof documented === 'string' ? documented : JSON.stringify(documented);
  return {
    headers: lowerCaseHeaders(e.request!.headers),
    rawBody: Buffer.from(text),
    body: typeof documented === 'string' ? JSON.parse(documented) : documented,
  };
}

/** Waits for the simulator's outbox and expects exactly one delivery: returns it. */
export async function theOnlyDelivery<S extends NoticeSim>(rig: NoticeHarness<S>): Promise<ReceivedNotice> {
  await rig.settle();
  expect(rig.received).toHaveLength(1);
  return rig.received[0]!;
}

/**
 * A simulator's delivery carries every header the document shows, and its JSON body has the documented body's
 * shape (a text body in the document is parsed first). Returns the delivery's body.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read platform-shaped bodies freely
export function expectDocumentedDelivery(d: ReceivedNotice, e: Evidence, shape: ShapeOptions = {}): any {
  for (const h of Object.keys(lowerCaseHeaders(e.request!.headers))) expect(d.headers[h]).toBeDefined();
  const body: unknown = JSON.parse(d.text);
  const documented = e.request!.body;
  expectSameShape(body, typeof documented === 'string' ? JSON.parse(documented) : documented, e.name, shape);
  return body;
}

/** A signed notice's body and headers, POSTed to the host: the inbound request verifyUninstall is handed. */
export function inboundPost(notice: { body: string | Buffer; headers: Record<string, string> }): InboundRequest {
  return inboundRequest({ method: 'POST', body: notice.body, headers: notice.headers });
}
