/**
 * `node dist/cli.js rotate-keys`: re-encrypts every store's credentials with the CURRENT key (the first
 * of HUB_ENCRYPTION_KEYS) in format 2 (key id + store id as associated data), in batches of stores
 * ordered by id. Idempotent: a store already under the current key in format 2 is left alone, so a run
 * interrupted half way is simply run again.
 *
 * Each store is rewritten compare-and-set on the ciphertext it read, so a PATCH (or a credential renewal)
 * landing meanwhile wins. A store whose sync lease is live is skipped in that pass (a worker may be
 * renewing its credentials, which is also compare-and-set on the ciphertext: rewriting under it would
 * drop the renewed set); the command makes up to `passes` passes and reports what it could not do.
 */
import type { DataSource } from 'typeorm';
import { queryRows } from '../database/sql';
import type { CredentialCipher } from './credential-cipher';

export interface RotationReport {
  examined: number;
  reencrypted: number;
  alreadyCurrent: number;
  /** Stores whose credentials no configured key opens (their ids; nothing is changed for them). */
  undecryptable: string[];
  /** Stores still leased (busy syncing) after every pass: run the command again later. */
  busy: string[];
}

export async function rotateCredentialKeys(
  db: DataSource,
  cipher: CredentialCipher,
  options: { batchSize?: number; passes?: number; pauseMs?: number; log?: (line: string) => void } = {},
): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 200;
  const passes = options.passes ?? 5;
  const report: RotationReport = { examined: 0, reencrypted: 0, alreadyCurrent: 0, undecryptable: [], busy: [] };
  let todo: string[] | undefined; // undefined: every store (first pass); then the busy ones
  for (let pass = 1; pass <= passes; pass++) {
    const busy: string[] = [];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await queryRows<{ id: string; credentials: Uint8Array; leased: boolean }>(
        db.manager,
        `SELECT id::text AS id, credentials, (sync_lease_until IS NOT NULL AND sync_lease_until > now()) AS leased
         FROM stores WHERE id > $1::uuid AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))
         ORDER BY id LIMIT $2`,
        [after, batchSize, todo ?? null],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      if (pass === 1) report.examined += rows.length;
      const rewrites: { id: string; previous: Buffer; next: Buffer }[] = [];
      for (const row of rows) {
        if (!cipher.needsReencryption(row.credentials)) {
          // Format 2 under the current key: opening it also proves it belongs to this store.
          try {
            cipher.decrypt(row.credentials, row.id);
            report.alreadyCurrent++;
          } catch {
            report.undecryptable.push(row.id);
          }
          continue;
        }
        if (row.leased) {
          busy.push(row.id);
          continue;
        }
        try {
          const values = cipher.decrypt(row.credentials, row.id);
          rewrites.push({ id: row.id, previous: Buffer.from(row.credentials), next: cipher.encrypt(values, row.id) });
        } catch {
          report.undecryptable.push(row.id);
        }
      }
      if (rewrites.length) {
        const done = await queryRows<{ id: string }>(
          db.manager,
          `UPDATE stores s SET credentials = r.next, updated_at = now()
           FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) AS r(id, previous, next)
           WHERE s.id = r.id AND s.credentials = r.previous
           RETURNING s.id::text AS id`,
          [rewrites.map((r) => r.id), rewrites.map((r) => r.previous), rewrites.map((r) => r.next)],
        );
        report.reencrypted += done.length;
        // Changed meanwhile (a PATCH or a renewal): look again in the next pass.
        const changed = new Set(done.map((d) => d.id));
        busy.push(...rewrites.filter((r) => !changed.has(r.id)).map((r) => r.id));
      }
      options.log?.(`pass ${pass}: up to store ${after}: ${report.reencrypted} re-encrypted so far`);
    }
    report.busy = busy;
    if (busy.length === 0) break;
    todo = busy;
    if (pass < passes) await new Promise((r) => setTimeout(r, options.pauseMs ?? 2000));
  }
  return report;
}
