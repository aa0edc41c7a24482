import { ensurePGliteTemplate } from './pglite-template';
import { testDatabases } from './test-databases';

export default async function globalSetup(): Promise<void> {
  testDatabases(); // fail fast on a bad HUB_TEST_DATABASES / missing TEST_DATABASE_URL
  if (testDatabases().includes('pglite')) await ensurePGliteTemplate();
}
