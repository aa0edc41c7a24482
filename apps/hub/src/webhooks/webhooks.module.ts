/**
 * Outbound webhooks: the subscription routes, the `variant.unavailable` hook of the facility-stock write
 * (global, so that module needs no import) and, when delivery is on, the pg-boss worker and sweeper.
 */
import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { CredentialCipher } from '../crypto/credential-cipher';
import { ReferenceDataModule } from '../reference-data/reference-data.module';
import { VariantAvailabilityEvents } from './variant-availability-events';
import { WebhookDelivery } from './webhook-delivery';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Injectable()
export class WebhookLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Webhooks');
  private delivery: WebhookDelivery | undefined;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: CredentialCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.webhooks.deliveryEnabled) return;
    const delivery = new WebhookDelivery(this.db, this.cipher, this.config.webhooks);
    await delivery.start(this.config.database);
    this.delivery = delivery;
    this.log.log(`webhook delivery started: sweep every ${this.config.webhooks.pollMs} ms, timeout ${this.config.webhooks.timeoutMs} ms`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.delivery?.stop();
    this.delivery = undefined;
  }
}

@Global()
@Module({
  imports: [ReferenceDataModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, VariantAvailabilityEvents, WebhookLifecycle],
  exports: [VariantAvailabilityEvents],
})
export class WebhooksModule {}
