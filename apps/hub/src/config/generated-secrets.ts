/**
 * Development conveniences: a secret the operator did not configure is generated once and kept in the
 * data dir (mode 0600), so restarts keep the same API token and can still decrypt stored credentials.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function ensureGeneratedSecret(
  dataDir: string,
  name: string,
  generate: () => string,
): { value: string; file: string; created: boolean } {
  const file = path.join(dataDir, name);
  if (fs.existsSync(file)) {
    return { value: fs.readFileSync(file, 'utf8').trim(), file, created: false };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const value = generate();
  fs.writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, file, created: true };
}
