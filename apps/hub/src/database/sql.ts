/**
 * Raw SQL helpers for the set-based statements. They use TypeORM's structured results so UPDATE …
 * RETURNING answers the same shape on `pg` and PGlite (the unstructured form differs per command).
 */
import type { EntityManager } from 'typeorm';

export async function queryRows<T>(manager: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  const ownRunner = !manager.queryRunner;
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(text, params, true);
    return (result.records ?? []) as T[];
  } finally {
    if (ownRunner) await runner.release();
  }
}

export async function queryOne<T>(manager: EntityManager, text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await queryRows<T>(manager, text, params))[0];
}

/** bigint / count(*) come back as strings from `pg` and numbers from PGlite. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}
