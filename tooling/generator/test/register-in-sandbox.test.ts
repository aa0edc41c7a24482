import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerInSandbox } from '../lib/register-in-sandbox';

function sandboxPackage(devDependencies: Record<string, string>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gen-sandbox-')), 'package.json');
  writeFileSync(file, JSON.stringify({ name: '@stock-sync/sandbox', devDependencies }, null, 2));
  return file;
}

describe('registerInSandbox', () => {
  it('adds the new plugin to the sandbox devDependencies, configs first then plugins by name', () => {
    const file = sandboxPackage({
      '@stock-sync/tsconfig': 'workspace:*',
      '@stock-sync/plugin-woocommerce': 'workspace:*',
      '@stock-sync/plugin-base': 'workspace:*',
    });
    expect(registerInSandbox(file, '@stock-sync/plugin-shopify')).toBe(true);
    const dev = JSON.parse(readFileSync(file, 'utf8')).devDependencies;
    expect(Object.keys(dev)).toEqual([
      '@stock-sync/tsconfig',
      '@stock-sync/plugin-base',
      '@stock-sync/plugin-shopify',
      '@stock-sync/plugin-woocommerce',
    ]);
    expect(dev['@stock-sync/plugin-shopify']).toBe('workspace:*');
  });

  it('leaves the file alone when the plugin is already listed', () => {
    const file = sandboxPackage({ '@stock-sync/plugin-etsy': 'workspace:*' });
    const before = readFileSync(file, 'utf8');
    expect(registerInSandbox(file, '@stock-sync/plugin-etsy')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
