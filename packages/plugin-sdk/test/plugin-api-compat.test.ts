import { checkPluginApi, CONTRACT_VERSION } from '../src';

describe('checkPluginApi', () => {
  it('accepts every plugin of the host major, a newer minor included', () => {
    expect(checkPluginApi('^1.0.0', '1.1.0')).toEqual({ ok: true, builtFor: '1.0.0', newerMinor: false });
    expect(checkPluginApi('1.1.0', '1.1.0')).toEqual({ ok: true, builtFor: '1.1.0', newerMinor: false });
    expect(checkPluginApi('^1.4.0', '1.1.0')).toEqual({ ok: true, builtFor: '1.4.0', newerMinor: true });
    expect(checkPluginApi('~1.2.3', '1.1.0')).toEqual({ ok: true, builtFor: '1.2.3', newerMinor: true });
    expect(checkPluginApi(1, '1.1.0')).toEqual({ ok: true, builtFor: '1.0.0', newerMinor: false });
    expect(checkPluginApi(CONTRACT_VERSION)).toMatchObject({ ok: true });
  });

  it('refuses another major with the reason', () => {
    expect(checkPluginApi('^2.0.0', '1.1.0')).toEqual({
      ok: false,
      reason: 'built for plugin API "^2.0.0" (major 2); this hub provides 1.1.0 and loads plugins built for 1.x',
    });
    expect(checkPluginApi('^0.9.0', '1.1.0')).toMatchObject({ ok: false, reason: expect.stringContaining('major 0') });
    expect(checkPluginApi(99, '1.1.0')).toMatchObject({ ok: false, reason: expect.stringContaining('major 99') });
  });

  it('refuses what is not a version', () => {
    expect(checkPluginApi(undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('declares no plugin API version') });
    expect(checkPluginApi('latest')).toEqual({ ok: false, reason: 'plugin API version "latest" is not a semver version or range' });
    expect(checkPluginApi(1.5)).toMatchObject({ ok: false });
    expect(checkPluginApi({ v: 1 })).toMatchObject({ ok: false, reason: expect.stringContaining('must be a semver range') });
  });
});
