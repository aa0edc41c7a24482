import { Module } from '@nestjs/common';
import { PluginsModule } from '../plugins/plugins.module';
import { StoresController } from './stores.controller';
import { StoresService } from './stores.service';

@Module({ imports: [PluginsModule], controllers: [StoresController], providers: [StoresService], exports: [StoresService] })
export class StoresModule {}
