import { AuthError, authRefusalClassifier, type HttpResponse } from '../src';

const answer = (status: number, data: unknown): HttpResponse => ({ status, headers: {}, data });
const codeOf = (data: unknown) => (data as { code?: string } | undefined)?.code;

describe('authRefusalClassifier', () => {
  it.each([401, 403])('reads a %d as an AuthError naming the platform and its reason', (status) => {
    const verdict = authRefusalClassifier('Acme', codeOf)(answer(status, { code: 'TOKEN_REVOKED' }));
    expect(verdict?.error).toBeInstanceOf(AuthError);
    expect(verdict?.error.message).toBe('Acme refused the access token (TOKEN_REVOKED)');
    expect(verdict?.error.details).toEqual({ status });
  });

  it('falls back to the status when the body says nothing (or nothing but an empty string)', () => {
    const classify = authRefusalClassifier('Acme', codeOf, { reasonKey: 'code' });
    expect(classify(answer(401, undefined))?.error.message).toBe('Acme refused the access token (HTTP 401)');
    const empty = classify(answer(403, { code: '' }))?.error;
    expect(empty?.message).toBe('Acme refused the access token (HTTP 403)');
    expect(empty?.details).toStrictEqual({ status: 403, code: undefined });
  });

  it('names the credential and carries the reason under reasonKey', () => {
    const error = authRefusalClassifier('Acme', codeOf, { credential: 'API key', reasonKey: 'type' })(
      answer(403, { code: 'forbidden' }),
    )?.error;
    expect(error?.message).toBe('Acme refused the API key (forbidden)');
    expect(error?.details).toStrictEqual({ status: 403, type: 'forbidden' });
  });

  it('cuts a long reason to 200 characters', () => {
    const long = 'x'.repeat(250);
    expect(authRefusalClassifier('Acme', codeOf)(answer(401, { code: long }))?.error.message).toBe(
      `Acme refused the access token (${'x'.repeat(200)})`,
    );
  });

  it.each([200, 400, 404, 429, 500])('leaves a %d to the next classifier', (status) => {
    const reasonOf = jest.fn(codeOf);
    expect(authRefusalClassifier('Acme', reasonOf)(answer(status, { code: 'X' }))).toBeUndefined();
    expect(reasonOf).not.toHaveBeenCalled();
  });
});
