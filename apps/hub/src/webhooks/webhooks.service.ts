/**
 * Webhook subscriptions and their delivery log. The secret is encrypted with the credential cipher (bound to
 * the subscription id) and returned once, in the create answer; nothing else ever reads it but the sender.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CredentialCipher } from '../crypto/credential-cipher';
import { queryOne, queryRows } from '../database/sql';
import { ResourceNotFound, ValidationFailed } from '../http/api-errors';
import { decodeCursor, encodeCursor } from '../sync-variants/cursor';
import { generateWebhookSecret } from './webhook-secret';
import type {
  CreatedWebhookDto,
  CreateWebhookBody,
  ListDeliveriesQuery,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookDto,
} from './webhooks.dto';

const DEFAULT_PAGE_SIZE = 50;

interface SubscriptionRow {
  id: string;
  url: string;
  event_types: string[];
  created_at: Date;
}

interface DeliveryRow {
  id: string;
  event_id: string;
  type: string;
  ordering_key: string;
  status: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  next_attempt_at: Date;
  finished_at: Date | null;
  created_at: Date;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: CredentialCipher,
  ) {}

  async create(body: CreateWebhookBody): Promise<CreatedWebhookDto> {
    const id = randomUUID();
    const secret = body.secret ?? generateWebhookSecret();
    const row = await queryOne<SubscriptionRow>(
      this.db.manager,
      `INSERT INTO webhook_subscriptions (id, url, event_types, secret) VALUES ($1, $2, $3::text[], $4)
       RETURNING id, url, event_types, created_at`,
      [id, body.url, body.eventTypes, this.cipher.encrypt({ secret }, id)],
    );
    return { ...present(row!), secret };
  }

  async list(): Promise<WebhookDto[]> {
    const rows = await queryRows<SubscriptionRow>(
      this.db.manager,
      `SELECT id, url, event_types, created_at FROM webhook_subscriptions ORDER BY created_at, id`,
    );
    return rows.map(present);
  }

  async get(id: string): Promise<WebhookDto> {
    return present(await this.find(id));
  }

  /** Deletes the subscription with its deliveries (pending ones are not sent any more). */
  async remove(id: string): Promise<void> {
    const rows = await queryRows<{ id: string }>(this.db.manager, `DELETE FROM webhook_subscriptions WHERE id = $1 RETURNING id`, [id]);
    if (rows.length === 0) throw notFound(id);
  }

  /** The delivery log, newest first, keyset-paginated on the delivery id. */
  async deliveries(id: string, query: ListDeliveriesQuery): Promise<WebhookDeliveryPageDto> {
    const before = query.cursor === undefined ? '9223372036854775807' : decodeCursor(query.cursor);
    if (before === undefined) {
      throw new ValidationFailed([{ path: 'cursor', message: 'cursor is not valid (use the nextCursor of a previous page)' }]);
    }
    await this.find(id);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await queryRows<DeliveryRow>(
      this.db.manager,
      `SELECT d.id::text AS id, d.event_id, e.type, d.ordering_key, d.status, d.attempts, d.last_status, d.last_error,
              d.last_attempt_at, d.next_attempt_at, d.finished_at, d.created_at
       FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
       WHERE d.subscription_id = $1 AND d.id < $2::bigint AND ($3::text IS NULL OR d.status = $3)
       ORDER BY d.id DESC LIMIT $4`,
      [id, before, query.status ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(presentDelivery),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null,
    };
  }

  private async find(id: string): Promise<SubscriptionRow> {
    const row = await queryOne<SubscriptionRow>(
      this.db.manager,
      `SELECT id, url, event_types, created_at FROM webhook_subscriptions WHERE id = $1`,
      [id],
    );
    if (!row) throw notFound(id);
    return row;
  }
}

function notFound(id: string): ResourceNotFound {
  return new ResourceNotFound(`webhook ${id} does not exist`);
}

function present(row: SubscriptionRow): WebhookDto {
  return { id: row.id, url: row.url, eventTypes: [...row.event_types], createdAt: new Date(row.created_at).toISOString() };
}

function presentDelivery(row: DeliveryRow): WebhookDeliveryDto {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.type,
    orderingKey: row.ordering_key,
    status: row.status,
    attempts: row.attempts,
    lastStatus: row.last_status,
    lastError: row.last_error,
    lastAttemptAt: iso(row.last_attempt_at),
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    finishedAt: iso(row.finished_at),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
