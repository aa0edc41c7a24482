import { Module } from '@nestjs/common';
import { PluginsModule } from '../plugins/plugins.module';
import { ConnectHopService } from './connect-hop.service';
import { ConnectController } from './connect.controller';
import { ConnectService } from './connect.service';
import { HubPublicUrl } from './hub-public-url';
import { OAuthCallbackService } from './oauth-callback.service';
import { OAuthController } from './oauth.controller';
import { UninstallService } from './uninstall.service';
import { NoticeSubscriptions } from '../notices/notice-subscriptions';

/** Connecting stores by the platforms' install flows: the connect routes, the public callback / hop / uninstall routes. */
@Module({
  imports: [PluginsModule],
  controllers: [ConnectController, OAuthController],
  providers: [ConnectService, ConnectHopService, OAuthCallbackService, UninstallService, HubPublicUrl, NoticeSubscriptions],
})
export class OAuthModule {}
