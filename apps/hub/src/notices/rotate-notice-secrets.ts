/**
 * `cli.js rotate-keys` for the stores' platform-notice secrets: re-encrypts every notice secret not yet under the
 * CURRENT key (bound to the store under the notices label), compare-and-set on the ciphertext it read. Idempotent,
 * like the credentials' and webhook secrets' rotations: once all have run, the old key can be removed.
 */
import type { DataSource } from 'typeorm';
import type { CredentialCipher } from '../crypto/credential-cipher';
import { queryRows } from '../database/sql';
import { noticeSecretLabel } from './notice-secret';

export interface NoticeSecretRotation {
  examined: number;
  reencrypted: number;
  /** Stores whose notice secret no configured key opens (their ids; nothing is changed for them). */
  undecryptable: string[];
}

export async function rotateNoticeSecrets(db: DataSource, cipher: CredentialCipher): Promise<NoticeSecretRotation> {
  const report: NoticeSecretRotation = { examined: 0, reencrypted: 0, undecryptable: [] };
  const rows = await queryRows<{ id: string; notice_secret: Uint8Array }>(
    db.manager,
    `SELECT id::text AS id, notice_secret FROM stores WHERE notice_secret IS NOT NULL ORDER BY id`,
  );
  for (const row of rows) {
    report.examined++;
    if (!cipher.needsReencryption(row.notice_secret)) continue;
    let values: Record<string, string>;
    try {
      values = cipher.decrypt(row.notice_secret, noticeSecretLabel(row.id));
    } catch {
      report.undecryptable.push(row.id);
      continue;
    }
    const updated = await queryRows(db.manager, `UPDATE stores SET notice_secret = $2 WHERE id = $1 AND notice_secret = $3 RETURNING id`, [
      row.id,
      cipher.encrypt(values, noticeSecretLabel(row.id)),
      Buffer.from(row.notice_secret),
    ]);
    report.reencrypted += updated.length;
  }
  return report;
}
