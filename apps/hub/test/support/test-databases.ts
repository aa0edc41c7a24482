/**
 * Which databases the hub's tests run against: HUB_TEST_DATABASES (comma list of `pglite`, `postgres`);
 * default `pglite`, plus `postgres` when TEST_DATABASE_URL is set. With CI=true and TEST_DATABASE_URL
 * set, postgres is mandatory (cannot be left out by accident).
 */
export type TestDatabaseKind = 'pglite' | 'postgres';

export function testDatabases(env: Record<string, string | undefined> = process.env): TestDatabaseKind[] {
  const url = env.TEST_DATABASE_URL?.trim();
  const requested = env.HUB_TEST_DATABASES?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const kinds = new Set<string>(requested?.length ? requested : ['pglite', ...(url ? ['postgres'] : [])]);
  if (env.CI === 'true' && url) kinds.add('postgres');
  for (const k of kinds) {
    if (k !== 'pglite' && k !== 'postgres') throw new Error(`HUB_TEST_DATABASES: unknown database "${k}" (pglite, postgres)`);
  }
  if (kinds.has('postgres') && !url) throw new Error('HUB_TEST_DATABASES includes postgres but TEST_DATABASE_URL is not set');
  return [...kinds] as TestDatabaseKind[];
}
