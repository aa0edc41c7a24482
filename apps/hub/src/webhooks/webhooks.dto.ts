import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { OptionalNotNull } from '../http/dto-rules';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-types';
import { webhookSecretProblem } from './webhook-secret';

const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export class CreateWebhookBody {
  @ApiProperty({
    example: 'https://ops.example.com/hooks/stock-sync',
    maxLength: 2048,
    description: 'absolute http(s) URL, without user name or password; receives a POST per event',
  })
  @IsString()
  @MaxLength(2048)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_valid_protocol: true, require_tld: false, disallow_auth: true },
    { message: 'url must be an absolute http(s) URL without user name or password' },
  )
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ['store.needs_reconnect', 'sync_run.failed'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: `eventTypes must each be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  eventTypes!: string[];

  @ApiPropertyOptional({
    description: 'write-only: `whsec_` + base64 of 24–64 bytes; generated when left out and returned only in this answer',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    writeOnly: true,
  })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  @ValidateBy({
    name: 'isWebhookSecret',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && webhookSecretProblem(v) === undefined,
      defaultMessage: (args) => webhookSecretProblem(String(args?.value)) ?? 'secret is not valid',
    },
  })
  secret?: string;
}

export class WebhookIdParam {
  @IsUUID()
  id!: string;
}

export class ListDeliveriesQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'opaque: the nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: (typeof DELIVERY_STATUSES)[number];
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) eventTypes!: string[];
  @ApiProperty() createdAt!: string;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({ description: 'the signing secret: shown in this answer only, never again' }) secret!: string;
}

export class WebhookDeliveryDto {
  @ApiProperty({ description: 'the delivery (a bigint, as text)' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'the event: the `webhook-id` header, the same on every attempt' }) eventId!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) eventType!: string;
  @ApiProperty({ description: 'deliveries with the same key are sent in order: a store id, or variant:<catalog variant id>' })
  orderingKey!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty({ description: 'attempts started so far' }) attempts!: number;
  @ApiProperty({ nullable: true, type: Number, description: "the receiver's HTTP status on the last attempt" }) lastStatus!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'why the last attempt did not count as delivered' }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'pending: when the next attempt may start' }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'when it was delivered or given up' }) finishedAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) items!: WebhookDeliveryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}
