import { Module } from '@nestjs/common';
import { PluginsModule } from '../plugins/plugins.module';
import { StoresController } from './stores.controller';
import { StoresService } from './stores.service';
import { NoticeSubscriptions } from '../notices/notice-subscriptions';
import { HubPublicUrl } from '../oauth/hub-public-url';

@Module({
  imports: [PluginsModule],
  controllers: [StoresController],
  providers: [StoresService, NoticeSubscriptions, HubPublicUrl],
  exports: [StoresService],
})
export class StoresModule {}
