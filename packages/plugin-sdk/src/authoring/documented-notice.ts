import { positiveIntegerId } from '../validation/positive-id';
import { idText } from '../oauth-flow/inbound';
import { isJsonObject } from './json-object';

/** Where a platform's notice body names its store, its event and the entity it concerns. */
export interface NoticeFields {
  store: string;
  event: string;
  id: string;
}

/** A notice body's documented fields: the event (non-empty), the store's id as text, the entity id as sent. */
export interface DocumentedNotice {
  event: string;
  storeId: string;
  id: unknown;
}

/**
 * For platforms whose notice body is one flat object `{ <store>, <event>, <id> }` naming a product by a positive
 * integer id (Ecwid, Nuvemshop): `parse` reads the documented fields or throws (the hub answers 400) when the body
 * is not an object or has no event or store id; `storeOf` is the store id, undefined instead of a throw; `productIds`
 * is the product an event of `topics` names (none for other events), throwing when that id is not a positive integer.
 */
export function documentedNotice(platform: string, fields: NoticeFields) {
  const parse = (body: unknown): DocumentedNotice => {
    if (!isJsonObject(body)) throw new Error(`${platform}: a webhook object was expected`);
    const storeId = idText(body[fields.store]);
    const event = body[fields.event];
    if (typeof event !== 'string' || !event) throw new Error(`the webhook has no ${fields.event}`);
    if (!storeId) throw new Error(`the webhook has no ${fields.store}`);
    return { event, storeId, id: body[fields.id] };
  };
  return {
    parse,
    storeOf(body: unknown): string | undefined {
      try {
        return parse(body).storeId;
      } catch {
        return undefined;
      }
    },
    productIds(body: unknown, topics: readonly string[]): string[] {
      const notice = parse(body);
      if (!topics.includes(notice.event)) return [];
      const id = idText(notice.id);
      if (id === undefined || positiveIntegerId(id) === undefined) throw new Error(`${notice.event} without a product id in ${fields.id}`);
      return [id];
    },
  };
}
