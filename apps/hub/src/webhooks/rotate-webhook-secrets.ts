/**
 * `cli.js rotate-keys` for webhook secrets: re-encrypts every subscription's secret not yet under the CURRENT key
 * (format 2, bound to the subscription id), compare-and-set on the ciphertext it read. Idempotent, like the
 * store credentials' rotation (crypto/rotate-keys.ts): once both have run, the old key can be removed.
 */
import type { DataSource } from 'typeorm';
import { queryRows } from '../database/sql';
import type { CredentialCipher } from '../crypto/credential-cipher';

export interface WebhookSecretRotation {
  examined: number;
  reencrypted: number;
  /** Subscriptions whose secret no configured key opens (their ids; nothing is changed for them). */
  undecryptable: string[];
}

export async function rotateWebhookSecrets(db: DataSource, cipher: CredentialCipher): Promise<WebhookSecretRotation> {
  const report: WebhookSecretRotation = { examined: 0, reencrypted: 0, undecryptable: [] };
  const rows = await queryRows<{ id: string; secret: Uint8Array }>(db.manager, `SELECT id, secret FROM webhook_subscriptions ORDER BY id`);
  for (const row of rows) {
    report.examined++;
    if (!cipher.needsReencryption(row.secret)) continue;
    let values: Record<string, string>;
    try {
      values = cipher.decrypt(row.secret, row.id);
    } catch {
      report.undecryptable.push(row.id);
      continue;
    }
    const updated = await queryRows(db.manager, `UPDATE webhook_subscriptions SET secret = $2 WHERE id = $1 AND secret = $3 RETURNING id`, [
      row.id,
      cipher.encrypt(values, row.id),
      Buffer.from(row.secret),
    ]);
    report.reencrypted += updated.length;
  }
  return report;
}
