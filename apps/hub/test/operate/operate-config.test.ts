/** HUB_METRICS_TOKEN, HUB_METRICS_BIND, HUB_LOG_PRETTY and HUB_LOG_LEVEL: defaults and refusals, naming the variable. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadHubConfig } from '../../src/config/hub-config';

const quiet = () => undefined;
const dev = () => ({
  HUB_API_TOKENS: 'dev_token_0123456789abcdef',
  HUB_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'hub-operate-config-')),
});
const prod = () => ({ ...dev(), NODE_ENV: 'production', HUB_ENCRYPTION_KEY: randomBytes(32).toString('hex') });

function problemsOf(env: Record<string, string>): string {
  try {
    loadHubConfig(env, quiet);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.join('\n');
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('metrics and logging configuration', () => {
  it('development: a metrics token is generated once, kept in the data dir, and is not an API token', () => {
    const env = dev();
    const first = loadHubConfig(env, quiet).metrics;
    expect(first).toMatchObject({ enabled: true, tokenGenerated: true, token: expect.stringMatching(/^hub_metrics_dev_[0-9a-f]{48}$/) });
    expect(fs.readFileSync(path.join(env.HUB_DATA_DIR, 'metrics-token'), 'utf8').trim()).toBe(first.token);
    expect(loadHubConfig(env, quiet).metrics.token).toBe(first.token); // the same after a restart
  });

  it('production without HUB_METRICS_TOKEN or HUB_METRICS_BIND: metrics off, nothing generated', () => {
    const env = prod();
    expect(loadHubConfig(env, quiet).metrics).toEqual({ enabled: false, tokenGenerated: false, token: undefined, bind: undefined });
    expect(fs.existsSync(path.join(env.HUB_DATA_DIR, 'metrics-token'))).toBe(false);
  });

  it('takes a token, a bind address (IPv4, a name or [IPv6]) or both', () => {
    expect(loadHubConfig({ ...prod(), HUB_METRICS_TOKEN: 'scraper_token_0123456789' }, quiet).metrics).toMatchObject({
      enabled: true,
      token: 'scraper_token_0123456789',
      tokenGenerated: false,
    });
    expect(loadHubConfig({ ...prod(), HUB_METRICS_BIND: '127.0.0.1:9464' }, quiet).metrics).toMatchObject({
      enabled: true,
      token: undefined,
      bind: { host: '127.0.0.1', port: 9464 },
    });
    expect(loadHubConfig({ ...dev(), HUB_METRICS_BIND: 'localhost:9464' }, quiet).metrics.bind).toEqual({ host: 'localhost', port: 9464 });
    expect(loadHubConfig({ ...dev(), HUB_METRICS_BIND: '[::1]:9464' }, quiet).metrics).toMatchObject({
      bind: { host: '::1', port: 9464 },
      token: undefined,
    });
  });

  it('refuses a short metrics token, one of the API tokens, a bad bind address or a bad HUB_LOG_PRETTY, naming each', () => {
    const env = dev();
    expect(problemsOf({ ...env, HUB_METRICS_TOKEN: 'short' })).toMatch(/HUB_METRICS_TOKEN must be at least 16 characters/);
    expect(problemsOf({ ...env, HUB_METRICS_TOKEN: env.HUB_API_TOKENS })).toMatch(
      /HUB_METRICS_TOKEN must differ from every token in HUB_API_TOKENS/,
    );
    for (const bind of ['9464', '127.0.0.1', '127.0.0.1:99999', 'a b:1', '::1:9464']) {
      expect(problemsOf({ ...env, HUB_METRICS_BIND: bind })).toMatch(/HUB_METRICS_BIND must be host:port/);
    }
    expect(problemsOf({ ...env, HUB_LOG_PRETTY: 'sometimes' })).toMatch(/HUB_LOG_PRETTY must be true or false/);
    expect(problemsOf({ ...env, HUB_LOG_LEVEL: 'loud' })).toMatch(/HUB_LOG_LEVEL must be one of/);
  });
});
