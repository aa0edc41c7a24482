import { Global, Module } from '@nestjs/common';
import { HUB_CONFIG } from '../config/config.tokens';
import type { HubConfig } from '../config/hub-config';
import { CredentialCipher } from './credential-cipher';

@Global()
@Module({
  providers: [{ provide: CredentialCipher, inject: [HUB_CONFIG], useFactory: (c: HubConfig) => new CredentialCipher(c.encryptionKeys) }],
  exports: [CredentialCipher],
})
export class CryptoModule {}
