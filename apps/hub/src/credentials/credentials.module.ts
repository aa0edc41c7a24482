import { Module } from '@nestjs/common';
import { PluginsModule } from '../plugins/plugins.module';
import { CredentialSweep } from './credential-sweep.service';

/** The credential lifecycle: renewing expiring credentials ahead of expiry (credential-sweep.service.ts). */
@Module({ imports: [PluginsModule], providers: [CredentialSweep], exports: [CredentialSweep] })
export class CredentialsModule {}
