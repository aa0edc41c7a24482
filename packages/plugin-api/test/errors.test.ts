import { AuthError, hasPluginErrorCode, isPluginError, NotFound, PluginError, RateLimited, Rejected, Transient } from '../src';

/** A second, independent copy of the error module: what a plugin bundling its own plugin-api would hold. */
function otherCopy(): typeof import('../src/errors') {
  let copy!: typeof import('../src/errors');
  jest.isolateModules(() => {
    copy = jest.requireActual('../src/errors');
  });
  return copy;
}

describe('plugin errors', () => {
  it('identifies each class by its stable code', () => {
    expect(new AuthError('x').code).toBe('auth');
    expect(new RateLimited('x', 5).code).toBe('rate_limited');
    expect(new Transient('x').code).toBe('transient');
    expect(new NotFound('x').code).toBe('not_found');
    expect(new Rejected('x').code).toBe('rejected');
    expect(JSON.parse(JSON.stringify(new NotFound('gone', { id: 1 })))).toEqual({
      code: 'not_found',
      name: 'NotFound',
      message: 'gone',
      details: { id: 1 },
    });
  });

  it('recognises errors made by another copy of the package, by code', () => {
    const copy = otherCopy();
    expect(copy.AuthError).not.toBe(AuthError);
    const theirs = new copy.AuthError('token revoked');
    expect(isPluginError(theirs)).toBe(true);
    expect(hasPluginErrorCode(theirs, 'auth')).toBe(true);
    expect(hasPluginErrorCode(theirs, 'transient')).toBe(false);
    expect(theirs instanceof AuthError).toBe(true);
    expect(theirs instanceof PluginError).toBe(true);
    expect(theirs instanceof Transient).toBe(false);
    const limited = new copy.RateLimited('slow down', 2000);
    expect(limited instanceof RateLimited && limited.retryAfterMs).toBe(2000);
    // And the other way round: their classes recognise ours.
    expect(new NotFound('x') instanceof copy.NotFound).toBe(true);
  });

  it('does not take other errors for plugin errors', () => {
    expect(isPluginError(new Error('x'))).toBe(false);
    expect(isPluginError(Object.assign(new Error('x'), { code: 'ECONNRESET', retryable: true }))).toBe(false);
    expect(isPluginError(Object.assign(new Error('x'), { code: 'auth' }))).toBe(false);
    expect(isPluginError(null)).toBe(false);
    expect(isPluginError('auth')).toBe(false);
    expect(new Error('x') instanceof AuthError).toBe(false);
  });

  it("keeps a plugin's own subclass to the prototype check", () => {
    class ShopAuthError extends AuthError {}
    expect(new ShopAuthError('x') instanceof ShopAuthError).toBe(true);
    expect(new ShopAuthError('x') instanceof AuthError).toBe(true);
    expect(new AuthError('x') instanceof ShopAuthError).toBe(false);
  });
});
