/**
 * The delivery log as lanes: a lane is (subscription, ordering key). Only a lane's oldest pending delivery
 * (its head) is ever attempted, so a store's next event waits until the previous one is delivered or given
 * up. A claim (`claimed_until`) keeps two workers — of this process or another — off the same head; a
 * worker killed mid-attempt leaves a claim that simply expires, and the head is attempted again (at least once).
 */
import type { DataSource } from 'typeorm';
import { PERIODIC_SQL } from '../database/statement-origin';
import { queryOne, queryRows } from '../database/sql';

export interface Lane {
  subscriptionId: string;
  orderingKey: string;
}

export interface ClaimedDelivery {
  id: string;
  eventId: string;
  attempts: number;
  type: string;
  data: unknown;
  eventCreatedAt: Date;
  url: string;
  secret: Uint8Array;
}

const HEAD = `SELECT id FROM webhook_deliveries WHERE subscription_id = $1 AND ordering_key = $2 AND status = 'pending' ORDER BY id LIMIT 1`;

/** Claims the lane's head when it is due and unclaimed (counting the attempt), with what sending it needs. */
export async function claimHead(db: DataSource, lane: Lane, claimMs: number): Promise<ClaimedDelivery | undefined> {
  const row = await queryOne<{
    id: string;
    event_id: string;
    attempts: number;
    type: string;
    data: unknown;
    event_created_at: Date;
    url: string;
    secret: Uint8Array;
  }>(
    db.manager,
    `WITH claimed AS (
       UPDATE webhook_deliveries d
       SET attempts = d.attempts + 1, last_attempt_at = now(), claimed_until = now() + $3::integer * interval '1 millisecond'
       WHERE d.id = (${HEAD}) AND d.next_attempt_at <= now() AND (d.claimed_until IS NULL OR d.claimed_until <= now())
       RETURNING d.id, d.event_id, d.attempts, d.subscription_id
     )
     SELECT c.id::text AS id, c.event_id, c.attempts, e.type, e.data, e.created_at AS event_created_at, s.url, s.secret
     FROM claimed c JOIN webhook_events e ON e.id = c.event_id JOIN webhook_subscriptions s ON s.id = c.subscription_id`,
    [lane.subscriptionId, lane.orderingKey, claimMs],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    eventId: row.event_id,
    attempts: row.attempts,
    type: row.type,
    data: row.data,
    eventCreatedAt: new Date(row.event_created_at),
    url: row.url,
    secret: row.secret,
  };
}

export async function markDelivered(db: DataSource, id: string, status: number): Promise<void> {
  await queryRows(
    db.manager,
    `UPDATE webhook_deliveries SET status = 'delivered', last_status = $2, last_error = NULL, finished_at = now(), claimed_until = NULL
     WHERE id = $1::bigint AND status = 'pending' RETURNING id`,
    [id, status],
  );
}

/** A failed attempt: retried after `retryInMs`, or given up (`failed`) when it was the last one. */
export async function markAttemptFailed(
  db: DataSource,
  id: string,
  outcome: { status: number | null; error: string | null },
  retryInMs: number | undefined,
): Promise<void> {
  await queryRows(
    db.manager,
    `UPDATE webhook_deliveries SET last_status = $2, last_error = $3, claimed_until = NULL,
       status = CASE WHEN $4::integer IS NULL THEN 'failed' ELSE 'pending' END,
       finished_at = CASE WHEN $4::integer IS NULL THEN now() ELSE NULL END,
       next_attempt_at = CASE WHEN $4::integer IS NULL THEN next_attempt_at ELSE now() + $4::integer * interval '1 millisecond' END
     WHERE id = $1::bigint AND status = 'pending' RETURNING id`,
    [id, outcome.status, outcome.error, retryInMs ?? null],
  );
}

/** When the lane's head may next be attempted (undefined: nothing pending). */
export async function nextAttemptOf(db: DataSource, lane: Lane): Promise<Date | undefined> {
  const row = await queryOne<{ at: Date }>(
    db.manager,
    `SELECT GREATEST(d.next_attempt_at, COALESCE(d.claimed_until, d.next_attempt_at)) AS at
     FROM webhook_deliveries d WHERE d.id = (${HEAD})`,
    [lane.subscriptionId, lane.orderingKey],
  );
  return row ? new Date(row.at) : undefined;
}

/** Lanes whose head is due and unclaimed (the sweeper hands them to the queue). */
export async function dueLanes(db: DataSource, limit: number): Promise<Lane[]> {
  const rows = await queryRows<{ subscription_id: string; ordering_key: string }>(
    db.manager,
    `${PERIODIC_SQL} SELECT d.subscription_id, d.ordering_key FROM webhook_deliveries d
     WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND (d.claimed_until IS NULL OR d.claimed_until <= now())
       AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                       WHERE p.subscription_id = d.subscription_id AND p.ordering_key = d.ordering_key AND p.status = 'pending' AND p.id < d.id)
     LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ subscriptionId: r.subscription_id, orderingKey: r.ordering_key }));
}
