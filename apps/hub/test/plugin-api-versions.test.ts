// Plugins built for another version of the plugin API: a newer minor loads, another major is refused with its
// reason (log and GET /v1/integrations/refused); and an error class the hub does not know is classified by code.
import * as path from 'node:path';
import { AuthError, CONTRACT_VERSION, NotFound, Transient } from '@stock-sync/plugin-sdk';
import { discoverPlugins } from '../src/plugins/plugin-discovery';
import { refreshFailure } from '../src/sync/refreshing-connection';
import { describeHub } from './support/hub-harness';

const FIXTURES = path.join(__dirname, 'fixtures', 'plugin-api');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const own = require('./fixtures/plugin-api/newer-minor-shop/lib/errors') as { AuthError: typeof Error; NotFound: typeof Error };

const REFUSAL = `built for plugin API "^2.0.0" (major 2); this hub provides ${CONTRACT_VERSION} and loads plugins built for 1.x`;

describe('plugin API versions at discovery', () => {
  const result = discoverPlugins(FIXTURES);

  it('loads a plugin built for a newer minor of the same major', () => {
    expect(result.loaded.map((l) => [l.plugin.manifest.id, l.builtFor, l.newerMinor])).toEqual([['newer-minor-shop', '1.9.0', true]]);
  });

  it('refuses another major, with the reason, without requiring it', () => {
    expect(result.rejected).toEqual([
      { id: 'next-major-shop', packageName: '@acme/plugin-next-major-shop', dir: path.join(FIXTURES, 'next-major-shop'), reason: REFUSAL },
    ]);
  });
});

describe("errors of a plugin's own copy of the error classes", () => {
  it('are classified by their code, not their class', () => {
    const theirs = new own.NotFound('variant gone');
    expect(refreshFailure(theirs)).toBe(theirs);
    expect(refreshFailure(new own.AuthError('refresh token revoked'))).toBeInstanceOf(AuthError);
    expect(refreshFailure(new Error('boom'))).toBeInstanceOf(Transient);
    expect(theirs instanceof NotFound).toBe(true);
  });
});

describeHub(
  'plugin API versions in the HTTP API',
  (hub) => {
    it('lists the plugin of a newer minor, with the major it was built for', async () => {
      const res = await hub().get('/v1/integrations').expect(200);
      expect(res.body.map((i: { id: string; contractVersion: number }) => [i.id, i.contractVersion])).toEqual([['newer-minor-shop', 1]]);
    });

    it('lists the refused plugin with its reason', async () => {
      const res = await hub().get('/v1/integrations/refused').expect(200);
      expect(res.body).toEqual({
        pluginApi: CONTRACT_VERSION,
        refused: [{ id: 'next-major-shop', packageName: '@acme/plugin-next-major-shop', reason: REFUSAL }],
      });
    });

    it("maps the plugin's own AuthError to rejected credentials", async () => {
      const res = await hub()
        .post('/v1/stores?verify=true', {
          name: 'own errors',
          platform: 'newer-minor-shop',
          sellingRegion: 'europe',
          credentials: { accessToken: 'tok_test_revoked' },
        })
        .expect(400);
      expect(JSON.stringify(res.body)).toContain('the platform rejected these credentials: token revoked');
    });
  },
  { env: { HUB_PLUGINS_DIR: FIXTURES } },
);
