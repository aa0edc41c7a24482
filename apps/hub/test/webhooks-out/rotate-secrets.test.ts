/** Key rotation covers webhook secrets: re-encrypted under the new key (the old one can then go), idempotently. */
import { randomBytes } from 'node:crypto';
import { CredentialCipher } from '../../src/crypto/credential-cipher';
import { rotateWebhookSecrets } from '../../src/webhooks/rotate-webhook-secrets';
import { describeHub } from '../support/hub-harness';

describeHub('webhook secrets under key rotation', (hub) => {
  it('re-encrypts every secret with the current key, once', async () => {
    const { body } = await hub()
      .post('/v1/webhooks', { url: 'https://ops.example.com/rotate', eventTypes: ['store.paused'] })
      .expect(201);
    const next = { id: 'next', key: randomBytes(32) };
    const rotating = new CredentialCipher([next, ...hub().config.encryptionKeys]);
    const first = await rotateWebhookSecrets(hub().db, rotating);
    expect(first).toMatchObject({ reencrypted: first.examined, undecryptable: [] });
    expect(first.examined).toBeGreaterThanOrEqual(1);
    expect(await rotateWebhookSecrets(hub().db, rotating)).toMatchObject({ reencrypted: 0, undecryptable: [] });

    const [row] = await hub().sql<{ secret: Uint8Array }>(`SELECT secret FROM webhook_subscriptions WHERE id = $1`, [body.id]);
    expect(new CredentialCipher([next]).decrypt(row!.secret, body.id)).toEqual({ secret: body.secret });
    const stranger = new CredentialCipher([{ id: 'other', key: randomBytes(32) }]);
    expect((await rotateWebhookSecrets(hub().db, stranger)).undecryptable).toContain(body.id);
  });
});
