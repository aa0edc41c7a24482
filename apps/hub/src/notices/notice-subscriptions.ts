/**
 * Subscribing a store to its platform's notices (issue 13), when the plugin can subscribe through the
 * platform's API (`notices.subscribe`), to `HUB_PUBLIC_URL/hooks/<platform>/<storeId>`. The key the notices
 * will be signed with depends on the plugin's `signedWith`:
 *  - 'store': a new random secret, stored encrypted BEFORE the plugin subscribes with it;
 *  - 'subscription': the key the platform answers (Square's signature_key), stored encrypted after;
 *  - 'app': the app's secret from configuration — nothing is stored; without a configured app the store is not
 *    subscribed (none of its notices could be verified).
 * A failure is logged and never fails the store's creation: the store still reconciles on schedule, and the
 * next subscription attempt replaces the secret. Platforms whose notices are set in the app's settings are
 * not subscribed here; they deliver to `HUB_PUBLIC_URL/hooks/<platform>` (see the README).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { CredentialCipher } from '../crypto/credential-cipher';
import { HubPublicUrl } from '../oauth/hub-public-url';
import { ConnectionFactory } from '../plugins/connection-factory.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { generateNoticeSecret, sealNoticeSecret } from './notice-secret';
import { noticeDeliveryUrl } from './notice-urls';

@Injectable()
export class NoticeSubscriptions {
  private readonly log = new Logger('Notices');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: PluginRegistry,
    private readonly connections: ConnectionFactory,
    private readonly cipher: CredentialCipher,
    private readonly publicUrl: HubPublicUrl,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  deliveryUrl(platform: string, storeId: string): string {
    return noticeDeliveryUrl(this.publicUrl.origin(), platform, storeId);
  }

  /** Subscribes the store when its plugin can; true when subscribed. Never throws. */
  async subscribe(storeId: string, platform: string, credentials: Readonly<Record<string, string>>): Promise<boolean> {
    const notices = this.registry.get(platform)?.notices;
    if (!notices?.subscribe || !this.config.sync.noticesSubscribe) return false;
    if (this.config.production && !this.config.oauth.publicUrl) {
      // The listening address is no place a platform can deliver to: the store relies on reconciliation.
      this.log.warn(JSON.stringify({ event: 'notices_not_subscribed', storeId, platform, reason: 'HUB_PUBLIC_URL is not set' }));
      return false;
    }
    const signer = notices.signedWith ?? 'store';
    if (signer === 'app' && !this.connections.appFor(platform)) {
      // The platform signs these notices with the app's secret: without the app the hub could verify none of them
      // and would only answer each delivery 401 (a flood on every write). The store relies on reconciliation.
      this.log.warn(
        JSON.stringify({ event: 'notices_not_subscribed', storeId, platform, reason: `no ${platform} app is configured (HUB_OAUTH_*)` }),
      );
      return false;
    }
    try {
      const secret = signer === 'store' ? generateNoticeSecret() : '';
      if (signer === 'store') await this.keep(storeId, secret);
      const ctx = this.connections.contextFor(storeId, platform, credentials, secret ? [secret] : []);
      const answered = await notices.subscribe(ctx, { deliveryUrl: this.deliveryUrl(platform, storeId), secret });
      if (signer === 'subscription') {
        const key = answered && typeof answered.secret === 'string' ? answered.secret : '';
        if (!key) throw new Error("the plugin's subscribe answered no signing key (signedWith 'subscription')");
        await this.keep(storeId, key);
      }
      this.log.log(JSON.stringify({ event: 'notices_subscribed', storeId, platform, topics: notices.topics }));
      return true;
    } catch (e) {
      this.log.warn(
        JSON.stringify({
          event: 'notices_subscribe_failed',
          storeId,
          platform,
          error: { name: (e as Error)?.name, code: (e as { code?: string })?.code, message: (e as Error)?.message },
        }),
      );
      return false;
    }
  }

  private async keep(storeId: string, secret: string): Promise<void> {
    await this.db.manager.query(`UPDATE stores SET notice_secret = $2 WHERE id = $1`, [
      storeId,
      sealNoticeSecret(this.cipher, storeId, secret),
    ]);
  }

  /** Removes the store's subscription when its plugin can (a store being removed). Never throws. */
  async unsubscribe(storeId: string, platform: string, credentials: Readonly<Record<string, string>>): Promise<void> {
    const notices = this.registry.get(platform)?.notices;
    if (!notices?.unsubscribe) return;
    try {
      const ctx = this.connections.contextFor(storeId, platform, credentials);
      await notices.unsubscribe(ctx, { deliveryUrl: this.deliveryUrl(platform, storeId) });
    } catch (e) {
      this.log.warn(JSON.stringify({ event: 'notices_unsubscribe_failed', storeId, platform, error: (e as Error)?.message }));
    }
  }
}
